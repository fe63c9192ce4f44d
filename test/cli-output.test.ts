import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

// hangar writes its own output straight to descriptors 1 and 2 (src/cli/io.ts, stdioWriter): through pipes that
// fill up or close early, it behaves as Node's streams did.

const repo = resolve(import.meta.dirname, "..");
const hangar = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(repo, "bin/hangar.js"))}`;
const bash = (script: string) => spawnSync("bash", ["-c", script], { encoding: "utf8", maxBuffer: 1 << 26 });

test("an output larger than a pipe holds reaches a reader that starts late, whole", () => {
  const direct = spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "schema"], { encoding: "utf8" });
  expect(direct.stdout.length).toBeGreaterThan(65_536);
  const late = bash(`${hangar} schema | (sleep 0.3; cat)`);
  expect(late.stdout).toBe(direct.stdout);
});

test("a reader that goes away early (| head) ends hangar quietly, exit 0", () => {
  const run = bash(`${hangar} schema 2>&1 | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`);
  expect(run.stdout).toBe("0\n");
  const errors = bash(`${hangar} schema 2>&1 >/dev/null | cat; ${hangar} schema | head -c 1 2>&1 >/dev/null`);
  expect(errors.stdout).toBe("");
  expect(errors.stderr).toBe("");
});

test("a reader that goes away early from validate's findings (| head) ends hangar quietly, with their exit code", () => {
  const work = mkdtempSync(join(tmpdir(), "hangar-findings-pipe-"));
  try {
    // some 2,000 findings, 150 KB of them: more than a pipe holds, so the write is still under way when head leaves
    const jobs = Array.from({ length: 2000 }, (_, i) => `- name: job-${i}\n  plan:\n  - get: missing-${i}\n`).join("");
    writeFileSync(join(work, "pipeline.yml"), `jobs:\n${jobs}`);
    const run = bash(
      `cd ${JSON.stringify(work)} && ${hangar} validate pipeline.yml | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`,
    );
    // the summary alone on stderr: no "Unhandled 'error' event" with a stack
    expect(run.stderr).toBe("2000 errors, 0 warnings in 1 file\n");
    expect(run.stdout).toBe("1\n");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("what a pipeline module logs goes to stderr, so that stdout holds only the product", () => {
  const work = mkdtempSync(join(tmpdir(), "hangar-logs-"));
  try {
    writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
    writeFileSync(
      join(work, "p.mjs"),
      'console.log("building"); console.info("info"); console.table([1]);\nexport default { jobs: [{ name: "j", plan: [] }] };\n',
    );
    const run = spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "render", "p.mjs", "--stdout"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name: "j", plan: [] }] });
    expect(run.stderr).toMatch(/^building\ninfo\n/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("the warnings a pipeline module emits are printed, as Node prints them", () => {
  const work = mkdtempSync(join(tmpdir(), "hangar-warnings-"));
  try {
    writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
    writeFileSync(
      join(work, "p.mjs"),
      'process.emitWarning("setFoo() goes in v2", "DeprecationWarning");\nexport default { jobs: [{ name: "j", plan: [] }] };\n',
    );
    const run = spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "render", "p.mjs", "--stdout"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name: "j", plan: [] }] });
    expect(run.stderr).toMatch(/^\(node:\d+\) DeprecationWarning: setFoo\(\) goes in v2$/m);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
