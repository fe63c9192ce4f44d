import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";

// A batch visits its modules in the same order each run: caches that keep fewer entries than the batch has modules
// evicted, each run, the very entries the next run needed. Needs the built CLI (`node scripts/build.mjs`): the
// validation cache is kept only by a build.

const repo = resolve(import.meta.dirname, "..");
const bin = join(repo, "bin/hangar.js");
let work: string;
beforeEach(() => {
  // inside the repository, so that `hangar` resolves; with a node_modules of its own, so the cache folder is its own
  work = mkdtempSync(join(repo, "test/.tmp-batch-cache-"));
  mkdirSync(join(work, "node_modules"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const render = (...args: string[]) =>
  spawnSync(process.execPath, [bin, "render", ...args], { cwd: work, encoding: "utf8" });

test("a batch of more modules than the caches keep finds every one of them cached on its next run", () => {
  const cacheDir = join(work, "node_modules/.cache/hangar");
  const fixture = readFileSync(join(repo, "test/fixtures/cli/fragment-only.ts"), "utf8");
  const modules = Array.from({ length: 102 }, (_, i) => `m/p${i}.ts`);
  mkdirSync(join(work, "m"));
  for (const [i, module] of modules.entries()) {
    writeFileSync(join(work, module), fixture.replace('"tock"', `"tock-${i}"`));
  }
  // entries of other modules, older: these are the ones to go
  mkdirSync(cacheDir, { recursive: true });
  const past = new Date(Date.now() - 3_600_000);
  for (const name of ["old.json", "validation-old.json"]) {
    writeFileSync(join(cacheDir, name), "{}");
    utimesSync(join(cacheDir, name), past, past);
  }
  const entries = () => {
    const names = readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
    return new Map(names.map((name) => [name, statSync(join(cacheDir, name)).mtimeMs]));
  };

  const first = render(...modules, "--out-dir", "out");
  expect(first.stderr).toContain("rendered 102 of 102 pipelines");
  expect(first.status).toBe(0);
  const kept = entries();
  const names = [...kept.keys()];
  // one compiled module and one validation for every module; the older entries of other modules went
  expect(names.filter((name) => !name.startsWith("validation-"))).toHaveLength(102);
  expect(names.filter((name) => name.startsWith("validation-"))).toHaveLength(102);
  expect(names).not.toContain("old.json");
  expect(names).not.toContain("validation-old.json");

  // the next run compiles and validates nothing again: every entry is found, none is written over
  const second = render(...modules, "--out-dir", "out");
  expect(second.status).toBe(0);
  expect(entries()).toEqual(kept);
}, 120_000);
