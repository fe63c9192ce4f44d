import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, expect, test } from "vitest";
import { parse } from "yaml";
import { bin, renderIn, workFolderEach } from "./helpers/built-cli.ts";

// The modules `hangar import --split` writes import each other by their ES module names (`./shared.js` for
// shared.ts): `hangar render` compiles them (and keeps the compile) as it does any module. Needs the built CLI
// (`node scripts/build.mjs`).

const folder = workFolderEach("import-split");
let work: string;
beforeEach(() => {
  work = folder();
});

const CI = `resources:
- {name: src, type: git, source: {uri: https://git.example.com/app.git, branch: main}}
- {name: image, type: registry-image, source: {repository: registry.example.com/app}}
jobs:
- {name: unit, plan: [{get: src, trigger: true}]}
- {name: build, plan: [{get: src, passed: [unit]}, {put: image}]}
- {name: deploy, plan: [{get: image, passed: [build]}]}
groups:
- {name: test, jobs: [unit, build]}
- {name: release, jobs: [deploy]}
`;

const hangar = (...args: string[]) => {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: "utf8" });
  expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
  return run;
};

/** The pipeline `hangar render` makes of the module at `entry`, as data. */
const rendered = (entry: string): unknown => {
  const run = renderIn(work, entry, "--stdout", "--no-validate");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
};

const read = (path: string) => readFileSync(join(work, path), "utf8");
const edit = (path: string, from: string, to: string) => {
  expect(read(path)).toContain(from);
  writeFileSync(join(work, path), read(path).replace(from, to));
};

/** The compiled modules the cache keeps, with the time each was last written. */
const compiled = () => {
  const dir = join(work, "node_modules/.cache/hangar");
  const names = readdirSync(dir).filter((name) => name.endsWith(".json") && !name.startsWith("validation-"));
  return new Map(names.map((name) => [name, statSync(join(dir, name)).mtimeMs]));
};

test("the split modules import each other by .js names, render to the YAML's pipeline, and are compiled again when one changes", () => {
  writeFileSync(join(work, "ci.yml"), CI);
  hangar("import", "ci.yml", "--split", "group", "--out-dir", "split");
  hangar("import", "ci.yml", "-o", "single.ts");
  const files = readdirSync(join(work, "split/ci")).sort();
  expect(files).toEqual(["pipeline.ts", "release.ts", "shared.ts", "test.ts"]);
  const specifiers = files.flatMap((file) =>
    [...read(`split/ci/${file}`).matchAll(/from "(\.[^"]*)"/g)].map((m) => m[1]),
  );
  expect(new Set(specifiers)).toEqual(new Set(["./shared.js", "./test.js", "./release.js"]));

  // compiled: the same pipeline as the single module's and the YAML's own
  const whole = rendered("single.ts");
  expect(whole).toEqual(parse(CI));
  expect(rendered("split/ci/pipeline.ts")).toEqual(whole);
  const kept = compiled();

  // from the compile cache: nothing compiled again
  expect(rendered("split/ci/pipeline.ts")).toEqual(whole);
  expect(compiled()).toEqual(kept);

  // a module it imports by a .js name edited: compiled again, with the change
  edit("split/ci/shared.ts", `branch: "main"`, `branch: "release"`);
  expect(JSON.stringify(rendered("split/ci/pipeline.ts"))).toContain('"branch":"release"');
  edit("split/ci/release.ts", 'passed: ["build"]', 'passed: ["build"], trigger: true');
  const changed = rendered("split/ci/pipeline.ts") as { jobs: { plan: { trigger?: boolean }[] }[] };
  expect(changed.jobs[2]?.plan[0]?.trigger).toBe(true);
}, 60_000);

test("a batch renders the entries of several split imports", () => {
  writeFileSync(join(work, "ci.yml"), CI);
  writeFileSync(join(work, "web.yml"), CI.replaceAll("registry.example.com/app", "registry.example.com/web"));
  hangar("import", "ci.yml", "web.yml", "--split", "group", "--out-dir", "split");
  const run = renderIn(work, "split/ci/pipeline.ts", "split/web/pipeline.ts", "--out-dir", "out", "--no-validate");
  expect(run.stderr).toContain("rendered 2 of 2 pipelines");
  expect(run.status).toBe(0);
  const written = readdirSync(join(work, "out"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .sort();
  expect(written).toHaveLength(2);
  const pipelines = written.map((file) => JSON.parse(read(`out/${file}`)));
  expect(pipelines.map((p) => p.resources[1].source.repository).sort()).toEqual([
    "registry.example.com/app",
    "registry.example.com/web",
  ]);
}, 60_000);
