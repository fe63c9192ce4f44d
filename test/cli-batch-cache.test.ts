import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, expect, test } from "vitest";
import { renderIn, repo, workFolderEach } from "./helpers/built-cli.ts";

// A batch visits its modules in the same order each run: caches that keep fewer entries than the batch has modules
// evicted, each run, the very entries the next run needed. Needs the built CLI (`node scripts/build.mjs`): the
// validation cache is kept only by a build.

const folder = workFolderEach("batch-cache");
let work: string;
beforeEach(() => {
  work = folder();
});

const render = (...args: string[]) => renderIn(work, ...args);

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
