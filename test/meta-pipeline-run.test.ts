/**
 * The meta pipeline of this repository's examples, and its render task run here as Concourse would
 * run it: a build folder holding a copy of the repository (the definitions input), the empty output
 * folder and the npm cache; the task's own command in the task's own working directory. The files
 * that the `set_pipeline` steps read must then exist and equal what `hangar render` writes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadPipelineModule } from "../src/cli/load-pipeline.ts";
import { runCli } from "../src/cli/run-cli.ts";
import { hangarMetaPipeline } from "../src/factories/jobs/hangar-meta-pipeline.ts";
import { gitRepo } from "../src/factories/resources/git-repo.ts";
import type { SetPipelineStep, TaskStep } from "../src/model/step.ts";
import { toConcourse } from "../src/render/to-concourse.ts";
import { validateValue } from "../src/validate/validate-value.ts";
import { memoryIo } from "./helpers/memory-io.ts";

const root = resolve(import.meta.dirname, "..");
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== "INIT_CWD"),
);

const candidates = [
  "examples/docker-baseline/pipeline.ts",
  ...readdirSync(join(root, "examples/ol-infrastructure"))
    .map((dir) => `examples/ol-infrastructure/${dir}/pipeline.ts`)
    .filter((entry) => existsSync(join(root, entry))),
];
/** The modules the meta pipeline manages, each with its name. */
let entries: string[];
let names: (string | undefined)[];

let work: string;
let meta: ReturnType<typeof hangarMetaPipeline>;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "hangar-meta-run-"));
  // The names the modules give their pipelines, as a user lists them. Some examples read task scripts
  // from a checkout of ol-infrastructure (OL_INFRASTRUCTURE_DIR) and do not load without one; two
  // define the same pipeline (one name, one output file): the first of each name is kept. One has an
  // error Concourse would reject it for (an unused resource): the render would fail the task, as it
  // should, so it is left out here.
  const loaded = await Promise.allSettled(candidates.map((entry) => loadPipelineModule(entry, root)));
  const kept = new Map<string, { entry: string; name: string | undefined }>();
  loaded.forEach((result, i) => {
    const entry = candidates[i] ?? "";
    if (result.status !== "fulfilled") return;
    const findings = validateValue(toConcourse(result.value.pipeline)).diagnostics;
    if (findings.some((d) => d.severity === "error")) return;
    const name = result.value.name ?? entry;
    if (!kept.has(name)) kept.set(name, { entry, name: result.value.name });
  });
  entries = [...kept.values()].map((k) => k.entry);
  names = [...kept.values()].map((k) => k.name);
  expect(entries.length).toBeGreaterThan(20);
  meta = hangarMetaPipeline({
    definitions: gitRepo({ name: "hangar", uri: "https://git.example.com/org/hangar.git" }),
    pipelines: entries.map((entry, i) => ({ entry, ...(names[i] !== undefined && { name: names[i] }) })),
  });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000);

describe("the meta pipeline of the examples", { timeout: 600_000 }, () => {
  test("has no findings in hangar's validator", () => {
    expect(validateValue(toConcourse(meta), { file: "meta", strict: true }).diagnostics).toEqual([]);
  });

  test("its render task, run locally, writes every file set_pipeline reads, as hangar render does", async () => {
    const [job] = meta.jobs;
    const render = job?.plan.find((step): step is TaskStep => "task" in step);
    const sets = (job?.plan ?? []).filter((step): step is SetPipelineStep => "set_pipeline" in step);
    expect(sets.length).toBe(entries.length);
    const config = render?.config;
    if (config === undefined) throw new Error("no render task");

    // the build folder: inputs, outputs and caches side by side, as Concourse lays them out
    const build = join(work, "build");
    for (const input of config.inputs ?? []) {
      const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
        cwd: root,
        encoding: "utf8",
      })
        .split("\0")
        .filter((file) => file !== "" && existsSync(join(root, file)) && statSync(join(root, file)).isFile());
      for (const file of files) {
        mkdirSync(dirname(join(build, input.name, file)), { recursive: true });
        cpSync(join(root, file), join(build, input.name, file));
      }
    }
    for (const output of config.outputs ?? []) mkdirSync(join(build, output.name), { recursive: true });
    // the task cache, warm as after earlier builds: this machine's npm cache
    const npmCache = execFileSync("npm", ["config", "get", "cache"], { encoding: "utf8", env }).trim();
    for (const cache of config.caches ?? []) symlinkSync(npmCache, join(build, cache.path), "dir");

    const { path, args = [], dir = "." } = config.run;
    const result = spawnSync(path, args, { cwd: join(build, dir), env, encoding: "utf8", timeout: 540_000 });
    expect({ status: result.status, output: result.status === 0 ? "" : result.stdout + result.stderr }).toEqual({
      status: 0,
      output: "",
    });

    const expected = join(work, "expected");
    const rendered = memoryIo(root);
    expect(await runCli(["render", ...entries, "--out-dir", expected], rendered.io)).toBe(0);
    for (const step of sets) {
      const file = join(build, step.file ?? "");
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, "utf8")).toBe(readFileSync(join(expected, `${step.set_pipeline}.json`), "utf8"));
    }
    expect(readdirSync(join(build, "rendered")).sort()).toEqual(readdirSync(expected).sort());
  });
});
