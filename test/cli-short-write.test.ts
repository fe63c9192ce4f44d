import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";

// A write that stops short (a full disk, a file size limit) fails hangar's write: it never renames a cut-off file
// over the output, nor keeps one in the compile cache. The limit here is the shell's `ulimit -f` (in 1024-byte blocks
// in bash), under which a write past the limit writes what fits, and the next one fails with EFBIG.

const repo = resolve(import.meta.dirname, "..");
const hangar = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(repo, "bin/hangar.js"))}`;

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hangar-short-write-"));
  writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Runs hangar with `args` in the work folder, under a file size limit of `kib` KiB when given. */
const run = (args: string, kib?: number) =>
  spawnSync("bash", ["-c", `${kib === undefined ? "" : `ulimit -f ${kib}; `}exec ${hangar} ${args}`], {
    cwd: work,
    encoding: "utf8",
  });

/** A pipeline module whose render is about `kib` KiB (a job's long task path). */
const pipelineOfSize = (kib: number) =>
  `export default { name: "app", target: "ci", pipeline: { jobs: [{ name: "j", plan: [{ task: "t", file: "x/${"a".repeat(kib * 1024)}.yml" }] }] } };\n`;

test("render -o: a short write fails (exit 2, naming the file) and leaves the previous file whole", () => {
  writeFileSync(join(work, "small.ts"), pipelineOfSize(0));
  writeFileSync(join(work, "big.ts"), pipelineOfSize(64));
  expect(run("render small.ts -o out.json --no-validate").status).toBe(0);
  const good = readFileSync(join(work, "out.json"), "utf8");
  const cut = run("render big.ts -o out.json --no-validate", 16);
  expect(cut.stderr).toMatch(/^hangar render: cannot write out\.json: file too large \(EFBIG\)$/m);
  expect(cut.stderr).not.toMatch(/wrote/);
  expect(cut.stdout).toBe("");
  expect(cut.status).toBe(2);
  expect(readFileSync(join(work, "out.json"), "utf8")).toBe(good);
  expect(readdirSync(work).sort()).toEqual(["big.ts", "out.json", "package.json", "small.ts"]);
  // without the limit, the whole file
  expect(run("render big.ts -o out.json --no-validate").status).toBe(0);
  expect(JSON.parse(readFileSync(join(work, "out.json"), "utf8")).jobs[0].plan[0].file).toHaveLength(64 * 1024 + 6);
});

test("schema -o: a short write fails (exit 2, naming the file) and leaves no file", () => {
  const cut = run("schema -o schema.json", 16);
  expect(cut.stderr).toMatch(/^hangar schema: cannot write schema\.json: file too large \(EFBIG\)$/m);
  expect(cut.status).toBe(2);
  expect(readdirSync(work)).toEqual(["package.json"]);
});

test("a compiled module that cannot be kept whole in the cache is not kept: this render and the next succeed", () => {
  mkdirSync(join(work, "node_modules"));
  // compiled, about 24 KiB of code (over the limit); rendered, a few bytes (under it)
  const filler = "b".repeat(24 * 1024);
  writeFileSync(
    join(work, "pipeline.ts"),
    `const filler: string = "${filler}";\nexport default { name: "app", target: "ci", pipeline: { jobs: [{ name: filler.length > 1 ? "j" : "k", plan: [] }] } };\n`,
  );
  const limited = run("render pipeline.ts -o out.json --no-validate", 8);
  expect(limited.stderr).toMatch(/^wrote out\.json/m);
  expect(limited.status).toBe(0);
  const cache = join(work, "node_modules/.cache/hangar");
  for (const name of readdirSync(cache)) expect(name).not.toMatch(/\.(mjs|js)$|\.tmp$/);
  const next = run("render pipeline.ts -o out.json --no-validate");
  expect(next.stderr).toMatch(/^out\.json unchanged/m); // the same module renders the same text
  expect(next.status).toBe(0);
  expect(readdirSync(cache).some((name) => name.endsWith(".script.js"))).toBe(true);
});
