import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { workFolder } from "../../test/helpers/work-folder.ts";
import { loadPipelineModule } from "../cli/load-pipeline.ts";
import {
  blockForInstanceRefreshTask,
  bumpVersionTask,
  containerBuildTask,
  ensureEcrTask,
  githubRelease,
  gitRepo,
  instanceRefreshTask,
  registryImage,
  schedule,
} from "../factories/index.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { renderJson, renderYaml } from "../render/render.ts";
import { matchFactory } from "./factories-match.ts";
import { importPipeline } from "./to-typescript.ts";

const repo = resolve(import.meta.dirname, "../..");
const work = workFolder("import-factories");

const noTypes = () => undefined;
const FILTERS = "Name=tag:app,Values=web";
const QUERIES = "AutoScalingGroups[0].AutoScalingGroupName";

describe("a factory's output is recognised as its call with the options that make it", () => {
  // each call with options other than the defaults; the recognised options are exactly these
  const cases = [
    ["resources", "gitRepo", gitRepo, { name: "src", uri: "https://git.example.com/app.git", branch: "develop" }],
    ["resources", "gitRepo", gitRepo, { name: "src", uri: "u", paths: ["app"], depth: 3, fetchTags: true }],
    [
      "resources",
      "gitRepo",
      gitRepo,
      { name: "src", uri: "u", overrides: { icon: "github", webhook_token: "((token))", tags: ["private"] } },
    ],
    ["resources", "registryImage", registryImage, { name: "img", imageRepository: "org/app", imageTag: "1.2" }],
    ["resources", "schedule", schedule, { name: "nightly", interval: "24h" }],
    ["resources", "githubRelease", githubRelease, { name: "rel", owner: "o", repository: "r", tagFilter: "v.*" }],
    [
      "tasks",
      "containerBuildTask",
      containerBuildTask,
      { inputs: [{ name: "code" }], buildParameters: { CONTEXT: "code" }, buildArgs: ["--x"] },
    ],
    ["tasks", "containerBuildTask", containerBuildTask, { inputs: [{ name: "code" }], buildParameters: null }],
    ["tasks", "ensureEcrTask", ensureEcrTask, { ecrRepoName: "mitodl/app" }],
    ["tasks", "bumpVersionTask", bumpVersionTask, {}],
    [
      "tasks",
      "bumpVersionTask",
      bumpVersionTask,
      {
        versionFile: "release notes/version",
        repository: "code",
        gitUser: "O'Brien Bot",
        gitEmail: "bot@example.com",
        image: { type: "registry-image", source: { repository: "bash" } },
      },
    ],
    ["tasks", "instanceRefreshTask", instanceRefreshTask, { filters: FILTERS, queries: QUERIES }],
    ["tasks", "blockForInstanceRefreshTask", blockForInstanceRefreshTask, { filters: FILTERS, queries: QUERIES }],
    [
      "tasks",
      "blockForInstanceRefreshTask",
      blockForInstanceRefreshTask,
      { filters: FILTERS, queries: QUERIES, checkFreq: 30 },
    ],
  ] as const;

  test.each(cases)("%s: %s", (section, factory, make, options) => {
    const made = (make as (o: unknown) => unknown)(options);
    expect(matchFactory(section, made, noTypes)).toEqual({ factory, args: [options], extraKeys: [] });
  });
});

test("a null resource field is no override (its type allows none): the resource stays a literal", () => {
  const made = gitRepo({ name: "src", uri: "u" });
  expect(matchFactory("resources", { ...made, webhook_token: null }, noTypes)).toBeUndefined();
  expect(matchFactory("resources", { ...made, webhook_token: "t" }, noTypes)?.args).toEqual([
    { name: "src", uri: "u", overrides: { webhook_token: "t" } },
  ]);
});

describe("a task step is recognised only when the factory gives it back", () => {
  const build = containerBuildTask({ inputs: [{ name: "code" }], buildParameters: { CONTEXT: "code" } });

  test("keys the factory does not make are listed beside the call", () => {
    const step = { ...build, attempts: 2, input_mapping: { code: "src" } };
    expect(matchFactory("tasks", step, noTypes)?.extraKeys).toEqual(["attempts", "input_mapping"]);
  });

  test("a changed value of the factory's part, a missing key or another task name: no call", () => {
    const changed = { ...build, config: { ...build.config, caches: [{ path: "other" }] } };
    const { privileged: _, ...unprivileged } = build;
    const renamed = { ...build, task: "build-image" };
    const ecr = ensureEcrTask({ ecrRepoName: "app" });
    const script = { ...ecr, config: { ...ecr.config, run: { path: "sh", args: ["-exc", "true"] } } };
    for (const step of [changed, unprivileged, renamed, script]) {
      expect(matchFactory("tasks", step, noTypes)).toBeUndefined();
    }
  });

  test("a task is not a resource: sections do not mix", () => {
    expect(matchFactory("resources", build, noTypes)).toBeUndefined();
    expect(matchFactory("tasks", gitRepo({ name: "src", uri: "u" }), noTypes)).toBeUndefined();
  });
});

describe("hangar import writes task factory calls that render back to the same data", () => {
  const source = gitRepo({ name: "code", uri: "https://git.example.com/app.git", overrides: { public: true } });
  const data: Pipeline = {
    resources: [source],
    jobs: [
      {
        name: "build",
        plan: [
          { get: "code", trigger: true },
          ensureEcrTask({ ecrRepoName: "mitodl/app" }),
          { ...containerBuildTask({ inputs: [{ name: "code" }], buildParameters: { CONTEXT: "code" } }), attempts: 2 },
          bumpVersionTask({ versionFile: "code/VERSION", repository: "code" }),
        ],
      },
      {
        name: "refresh",
        plan: [
          instanceRefreshTask({ filters: FILTERS, queries: QUERIES }),
          blockForInstanceRefreshTask({ filters: FILTERS, queries: QUERIES, checkFreq: 5 }),
          // a task named like a factory's but written by hand: kept as a literal
          { task: "ensure-ecr-repository", config: { platform: "linux", run: { path: "true" } } },
        ],
      },
    ],
  };
  const yamlText = renderYaml(data);
  let n = 0;
  const renders = async (code: string) => {
    const file = join(work(), `m${n++}.ts`);
    writeFileSync(file, code);
    const definition = await loadPipelineModule(file, repo, { cacheDir: false });
    return parsePipeline(renderJson(definition.pipeline)).pipeline;
  };

  test("each factory-made task is its call (extra keys beside it), the hand-written one a literal", async () => {
    const result = importPipeline(yamlText);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
    const code = result.modules[0]?.code ?? "";
    expect(code).toContain("overrides: { public: true }");
    expect(code).toContain('ensureEcrTask({ ecrRepoName: "mitodl/app" })');
    expect(code).toMatch(/\.\.\.containerBuildTask\(\{[\s\S]*\}\),\s*attempts: 2 \}/);
    expect(code).toContain('bumpVersionTask({ versionFile: "code/VERSION", repository: "code" })');
    expect(code).toContain(`instanceRefreshTask({`);
    expect(code).toContain("checkFreq: 5");
    expect(code).toContain('task("ensure-ecr-repository", {');
    expect(result.stats.factoryCalls).toEqual({
      gitRepo: 1,
      ensureEcrTask: 1,
      containerBuildTask: 1,
      bumpVersionTask: 1,
      instanceRefreshTask: 1,
      blockForInstanceRefreshTask: 1,
    });
    expect(await renders(code)).toEqual(parsePipeline(yamlText).pipeline);
  });

  test("a comment inside a factory's part keeps the step a literal; --no-factories writes no call", async () => {
    const commented = yamlText.replace(/^(\s+)REPO_NAME:/m, "$1# the repository\n$1REPO_NAME:");
    expect(commented).not.toBe(yamlText);
    const kept = importPipeline(commented);
    if (!kept.ok) throw new Error("import failed");
    expect(kept.modules[0]?.code).toContain("// the repository");
    expect(kept.stats.factoryCalls.ensureEcrTask).toBeUndefined();
    expect(kept.stats.commentsLost).toBe(0);
    const literal = importPipeline(yamlText, { factories: false });
    if (!literal.ok) throw new Error("import failed");
    expect(literal.stats.factoryCalls).toEqual({});
    expect(literal.modules[0]?.code).not.toMatch(/Task\(/);
    expect(await renders(literal.modules[0]?.code ?? "")).toEqual(parsePipeline(yamlText).pipeline);
  });
});
