import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { cacheDirFor, validationEntryName } from "../src/cli/cache-dir.ts";
import { workFolder } from "./helpers/work-folder.ts";

// `hangar render` keeps the diagnostics of what it wrote (src/cli/validation-cache.ts): rendering the same pipeline
// again prints them and exits as before without validating. These runs change a kept entry's message to tell a
// reused validation from a new one.

const repo = resolve(import.meta.dirname, "..");
const bin = join(repo, "bin/hangar.js");
// inside the repository, so that the modules' `import ... from "hangar"` resolves (and the cache folder is the repo's)
const work = workFolder("validation-cache");
beforeAll(() => cpSync(join(repo, "test/fixtures/cli"), work(), { recursive: true }));

/** A module with a warning (job names start with a lowercase letter), and a var that decides an error. */
const warnModule = (job: string) =>
  'import { pipeline } from "hangar";\n' +
  'const source = { name: "source", type: "git", source: { uri: "https://git.example.com/app.git" }, check_every: "((every))" };\n' +
  `export default pipeline({ resources: [source], jobs: [{ name: ${JSON.stringify(job)}, plan: [{ get: "source" }] }] });\n`;

const render = (...args: string[]) => {
  const run = spawnSync(process.execPath, [bin, "render", ...args], { cwd: work(), encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

/** The kept validation of `file`, to read or change: its header (the first line) and the text after it. */
const entryOf = (file: string) => {
  const path = join(cacheDirFor(join(work(), file)) ?? "", validationEntryName(join(work(), file)));
  const parts = () => {
    const content = readFileSync(path, "utf8");
    const end = content.indexOf("\n");
    return { header: JSON.parse(content.slice(0, end)), text: content.slice(end + 1) };
  };
  const write = (header: unknown, text: string) => writeFileSync(path, `${JSON.stringify(header)}\n${text}`);
  return {
    path,
    read: () => parts().header,
    /** Changes the header, keeping the text. */
    change: (f: (header: Record<string, unknown>) => unknown) => {
      const { header, text } = parts();
      write(f(header), text);
    },
    /** Changes the kept message of the first diagnostic: a run that shows it reused the entry. */
    mark: (message: string) => {
      const { header, text } = parts();
      header.result.diagnostics[0].message = message;
      write(header, text);
    },
  };
};

const warning = (file: string, job: string) =>
  `${file}:jobs[0].name warning identifier-invalid jobs.${job}: '${job}' is not a valid identifier: must start with a lowercase letter or a number\n`;

test("a second render of the same output reuses the diagnostics (same output and exit code); anything else that decides them validates again", () => {
  writeFileSync(join(work(), "warn.mjs"), warnModule("Build"));
  const args = ["warn.mjs", "--stdout", "-v", "every=1m"];
  const first = render(...args);
  expect(first.stderr).toBe(warning("warn.mjs", "Build"));
  expect(first.status).toBe(0);
  const entry = entryOf("warn.mjs");
  expect(existsSync(entry.path)).toBe(true);
  expect(render(...args)).toEqual(first);

  // the kept entry is what is printed: the validator did not run
  entry.mark("KEPT");
  const reused = render(...args);
  expect(reused.stderr).toBe(`warn.mjs:jobs[0].name warning identifier-invalid KEPT\n`);
  expect(reused.status).toBe(0);
  expect(reused.stdout).toBe(first.stdout);

  // another var value: validated, with its own finding and exit code
  const bogus = render("warn.mjs", "--stdout", "-v", "every=bogus");
  expect(bogus.stderr).toMatch(
    /^warn\.mjs:resources\[0\]\.check_every error value-invalid time: invalid duration "bogus"\n/,
  );
  expect(bogus.status).toBe(1);
  // and no var at all: validated ('((every))' is no duration)
  expect(render("warn.mjs", "--stdout").stderr).toContain('invalid duration "((every))"');
  expect(render(...args)).toEqual(first);

  // another output (the module changed): validated
  entry.mark("KEPT");
  writeFileSync(join(work(), "warn.mjs"), warnModule("Test"));
  const changed = render(...args);
  expect(changed.stderr).toBe(warning("warn.mjs", "Test"));
  expect(changed.status).toBe(0);
  // the YAML of the same pipeline is another text: validated
  entry.mark("KEPT");
  expect(render(...args, "--format", "yaml").stderr).toBe(warning("warn.mjs", "Test"));

  // an entry of another hangar build: validated
  entry.mark("KEPT");
  entry.change((header) => ({ ...header, hangar: "0.0.1 1 1" }));
  expect(render(...args, "--format", "yaml")).toEqual({ ...changed, stdout: expect.stringContaining("name: Test") });
});

test("errors are reused with their exit code, and nothing is written", () => {
  writeFileSync(join(work(), "definition.json"), "previous content");
  const first = render("typo.ts");
  expect(first.status).toBe(1);
  expect(first.stderr).toContain(
    "typo.ts:jobs[0].plan[0].get error pipeline/unknown-reference unknown resource 'sorce'",
  );
  expect(first.stderr).toContain("hangar render: typo.ts has errors; nothing was written");
  expect(render("typo.ts")).toEqual(first);
  entryOf("typo.ts").mark("KEPT");
  const reused = render("typo.ts");
  expect(reused.stderr).toMatch(/^typo\.ts:jobs\[0\]\.plan\[0\]\.get error pipeline\/unknown-reference KEPT\n/);
  expect(reused.status).toBe(1);
  expect(readFileSync(join(work(), "definition.json"), "utf8")).toBe("previous content");
});

test("a corrupt entry is ignored: validated again, and the entry written anew", () => {
  writeFileSync(join(work(), "corrupt.mjs"), warnModule("Corrupt"));
  const args = ["corrupt.mjs", "--stdout", "-v", "every=1m"];
  const first = render(...args);
  const entry = entryOf("corrupt.mjs");
  writeFileSync(entry.path, '{"format":2,"hangar":');
  expect(render(...args)).toEqual(first);
  expect(entry.read().result.diagnostics).toHaveLength(1);
});

test("a batch render and --check reuse the kept diagnostics too", () => {
  writeFileSync(join(work(), "batch.mjs"), warnModule("Batch"));
  const batch = ["batch.mjs", "ok.ts", "--out-dir", "out", "-v", "every=1m"];
  const first = render(...batch);
  expect(first.stderr).toContain(warning("batch.mjs", "Batch"));
  expect(first.status).toBe(0);
  entryOf("batch.mjs").mark("KEPT");
  const again = render(...batch);
  expect(again.stderr).toContain("batch.mjs:jobs[0].name warning identifier-invalid KEPT\n");
  const check = render(...batch, "--check");
  expect(check.stderr).toContain("batch.mjs:jobs[0].name warning identifier-invalid KEPT\n");
  expect(check.status).toBe(0);
});
