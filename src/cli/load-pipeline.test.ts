import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadPipelineModule } from "./load-pipeline.ts";

const repo = resolve(import.meta.dirname, "../..");

/** A pipeline module importing a relative helper, in a scratch folder inside the repository (so `hangar` resolves). */
let work: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-load-"));
  cacheDir = join(work, "cache");
  mkdirSync(join(work, "lib"));
  writeFileSync(
    join(work, "lib/names.ts"),
    'export const jobName: string = "build";\nexport const resourceName: string = "src";\n',
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'import { get, pipeline } from "hangar";',
      'import { jobName, resourceName } from "./lib/names.ts";',
      "const src = { name: resourceName, type: 'git', source: { uri: 'https://example.com/x.git' } };",
      "export default pipeline({ jobs: [{ name: jobName, plan: [get(src)] }] });",
      "",
    ].join("\n"),
  );
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const load = async (dir: string | false = cacheDir) =>
  (await loadPipelineModule("pipeline.ts", work, { cacheDir: dir })).pipeline;

const expected = (job: string, resource: string) => ({
  jobs: [{ name: job, plan: [{ get: { name: resource, type: "git", source: { uri: "https://example.com/x.git" } } }] }],
  resources: [{ name: resource, type: "git", source: { uri: "https://example.com/x.git" } }],
});

/** The one cache entry: the files it was built from and its code. */
function cacheEntry(): { inputs: [string, string][]; code: string } {
  const files = readdirSync(cacheDir);
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(join(cacheDir, files[0] as string), "utf8"));
}

describe("loadPipelineModule: compile cache", () => {
  test("keeps the compiled module with every bundled input, and loads the same pipeline from it", async () => {
    expect(await load()).toEqual(expected("build", "src"));
    const entry = cacheEntry();
    expect(entry.inputs.map(([path]) => path).sort()).toEqual([join(work, "lib/names.ts"), join(work, "pipeline.ts")]);
    expect(entry.code).toContain('from "hangar"');

    // a hit: the entry's code is what runs (marked here so the test can tell)
    const file = join(cacheDir, readdirSync(cacheDir)[0] as string);
    writeFileSync(
      file,
      JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), code: entry.code.replace('"build"', '"cached"') }),
    );
    expect(await load()).toEqual(expected("cached", "src"));
  });

  test("a change to any bundled file, imported ones included, compiles again", async () => {
    await load();
    writeFileSync(join(work, "lib/names.ts"), 'export const jobName = "deploy";\nexport const resourceName = "src";\n');
    expect(await load()).toEqual(expected("deploy", "src"));
    writeFileSync(
      join(work, "pipeline.ts"),
      readFileSync(join(work, "pipeline.ts"), "utf8").replace("name: resourceName", 'name: "other"'),
    );
    expect(await load()).toEqual(expected("deploy", "other"));
    expect(cacheEntry().code).toContain('"other"');
  });

  test("a corrupt entry is a miss, an unusable cache folder only costs the cache, and false turns it off", async () => {
    await load();
    writeFileSync(join(cacheDir, readdirSync(cacheDir)[0] as string), "{ not json");
    expect(await load()).toEqual(expected("build", "src"));
    expect(cacheEntry().code).toContain('"build"');

    const blocked = join(work, "blocked");
    writeFileSync(blocked, "a file where the cache folder would be");
    expect(await load(blocked)).toEqual(expected("build", "src"));

    rmSync(cacheDir, { recursive: true });
    expect(await load(false)).toEqual(expected("build", "src"));
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  test("a module that fails to compile is not cached", async () => {
    writeFileSync(join(work, "pipeline.ts"), "export default {\n");
    await expect(load()).rejects.toThrow(/pipeline\.ts:2:0|pipeline\.ts:\d+:\d+/);
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});

test("the cache keeps its 100 most recent entries", async () => {
  mkdirSync(cacheDir);
  for (let i = 0; i < 120; i++) {
    const file = join(cacheDir, `old-${i}.json`);
    writeFileSync(file, "{}");
    utimesSync(file, 1_000 + i, 1_000 + i);
  }
  await load();
  const left = readdirSync(cacheDir);
  expect(left).toHaveLength(100);
  // the new entry stays, with the 99 newest of the old ones
  expect(left.filter((name) => name.startsWith("old-")).sort()).toEqual(
    Array.from({ length: 99 }, (_, i) => `old-${i + 21}.json`).sort(),
  );
});
