import { describe, expect, test } from "vitest";
import { deepFreeze, snapshot } from "../../../test/helpers/deep-freeze.ts";
import type { Resource } from "../../model/resource.ts";
import type { ImageResource } from "../../model/task.ts";
import { toConcourse } from "../../render/to-concourse.ts";
import { gitRepo } from "../resources/git-repo.ts";
import { type MetaPipelineOptions, metaPipeline } from "./meta-pipeline.ts";

const definitions = gitRepo({ name: "defs", uri: "https://example.com/org/ci.git", paths: ["ci/"] });
const image: ImageResource = { type: "registry-image", source: { repository: "example/runner", tag: "1" } };
const renderedDefinitions = {
  name: "defs",
  type: "git",
  icon: "git",
  check_every: "60s",
  source: { uri: "https://example.com/org/ci.git", branch: "main", paths: ["ci"], fetch_tags: false },
};

describe("metaPipeline", () => {
  test("one job per pipeline that renders with an interpreter and sets it, then the self-update job", () => {
    const result = metaPipeline({
      definitions,
      render: { image, interpreter: "python", params: { PYTHONPATH: "../defs/src" }, user: "root" },
      pipelines: [
        { name: "web", script: "ci/web.py" },
        { name: "api", script: "ci/app.py", args: ["api"], jobName: "make-api", taskName: "render-api", team: "apps" },
      ],
      self: { jobName: "update-meta", taskName: "render-meta", script: "ci/meta.py", args: ["--all"] },
    });
    const renderTask = (name: string, args: string[]) => ({
      task: name,
      config: {
        platform: "linux",
        image_resource: { type: "registry-image", source: { repository: "example/runner", tag: "1" } },
        inputs: [{ name: "defs" }],
        outputs: [{ name: "pipeline" }],
        params: { PYTHONPATH: "../defs/src" },
        run: { path: "python", args, dir: "pipeline", user: "root" },
      },
    });
    expect(toConcourse(result)).toEqual({
      resources: [renderedDefinitions],
      jobs: [
        {
          name: "create-web",
          plan: [
            { get: "defs", trigger: true },
            renderTask("generate-web-file", ["../defs/ci/web.py"]),
            { set_pipeline: "web", file: "pipeline/definition.json" },
          ],
        },
        {
          name: "make-api",
          plan: [
            { get: "defs", trigger: true },
            renderTask("render-api", ["../defs/ci/app.py", "api"]),
            { set_pipeline: "api", file: "pipeline/definition.json", team: "apps" },
          ],
        },
        {
          name: "update-meta",
          plan: [
            { get: "defs", trigger: true },
            renderTask("render-meta", ["../defs/ci/meta.py", "--all"]),
            { set_pipeline: "self", file: "pipeline/definition.json" },
          ],
        },
      ],
    });
  });

  test("shell rendering with extra inputs, custom output and the self-update job first", () => {
    const source: Resource = { name: "app-src", type: "git", source: { uri: "https://example.com/org/app.git" } };
    const result = metaPipeline({
      definitions,
      render: {
        image,
        interpreter: "node",
        params: { NODE_PATH: "../defs/lib" },
        shell: true,
        output: "out",
        file: "p.json",
      },
      pipelines: [{ name: "app", script: "ci/app.mjs", args: ["../app-src", "it's"], inputs: [source] }],
      self: { jobName: "self-update", taskName: "render-self", script: "ci/meta.mjs", team: "main" },
      selfPosition: "first",
    });
    expect(toConcourse(result)).toEqual({
      resources: [
        renderedDefinitions,
        { name: "app-src", type: "git", source: { uri: "https://example.com/org/app.git" } },
      ],
      jobs: [
        {
          name: "self-update",
          plan: [
            { get: "defs", trigger: true },
            {
              task: "render-self",
              config: {
                platform: "linux",
                image_resource: { type: "registry-image", source: { repository: "example/runner", tag: "1" } },
                inputs: [{ name: "defs" }],
                outputs: [{ name: "out" }],
                run: { path: "sh", args: ["-exc", "NODE_PATH=../defs/lib node ../defs/ci/meta.mjs"], dir: "out" },
              },
            },
            { set_pipeline: "self", file: "out/p.json", team: "main" },
          ],
        },
        {
          name: "create-app",
          plan: [
            { get: "defs", trigger: true },
            { get: "app-src", trigger: true },
            {
              task: "generate-app-file",
              config: {
                platform: "linux",
                image_resource: { type: "registry-image", source: { repository: "example/runner", tag: "1" } },
                inputs: [{ name: "defs" }, { name: "app-src" }],
                outputs: [{ name: "out" }],
                run: {
                  path: "sh",
                  args: ["-exc", `NODE_PATH=../defs/lib node ../defs/ci/app.mjs ../app-src 'it'"'"'s'`],
                  dir: "out",
                },
              },
            },
            { set_pipeline: "app", file: "out/p.json" },
          ],
        },
      ],
    });
  });

  test("without render, set_pipeline reads the config straight from the definitions", () => {
    const result = metaPipeline({
      definitions,
      pipelines: [{ name: "docs", script: "ci/docs.yml", vars: { env: "prod" }, instanceVars: { branch: "main" } }],
    });
    expect(toConcourse(result)).toEqual({
      resources: [renderedDefinitions],
      jobs: [
        {
          name: "create-docs",
          plan: [
            { get: "defs", trigger: true },
            {
              set_pipeline: "docs",
              file: "defs/ci/docs.yml",
              vars: { env: "prod" },
              instance_vars: { branch: "main" },
            },
          ],
        },
      ],
    });
  });

  test("a managed pipeline named self is refused: set_pipeline: self would replace the meta pipeline with its config", () => {
    const pipelines = [
      { name: "docs", script: "ci/docs.yml" },
      { name: "self", script: "ci/app.yml" },
    ];
    expect(() => metaPipeline({ definitions, pipelines })).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message:
          "metaPipeline(): pipelines[1].name must be a name other than 'self' (set_pipeline: self replaces this meta pipeline; the option self sets it), got a string (\"self\")",
      }),
    );
    // the option self is the way to set the meta pipeline itself
    const withSelf = metaPipeline({
      definitions,
      pipelines: [pipelines[0] as never],
      self: { jobName: "set-meta", taskName: "render-meta", script: "ci/meta.yml" },
    });
    expect(withSelf.jobs.map((j) => j.plan.at(-1))).toEqual([
      { set_pipeline: "docs", file: "defs/ci/docs.yml" },
      { set_pipeline: "self", file: "defs/ci/meta.yml" },
    ]);
  });

  test("leaves its options unchanged and gives equal results when called twice", () => {
    const options: MetaPipelineOptions = deepFreeze({
      definitions: gitRepo({ name: "defs", uri: "https://example.com/org/ci.git" }),
      render: { image, interpreter: "python", params: { A: "1" } },
      pipelines: [
        {
          name: "one",
          script: "one.py",
          args: ["x"],
          inputs: [{ name: "extra", type: "git", source: { uri: "https://example.com/x.git" } }],
          vars: { a: 1 },
        },
        { name: "two", script: "two.py" },
      ],
      self: { jobName: "self", taskName: "self-task", script: "meta.py" },
    });
    const before = snapshot(options);
    const first = metaPipeline(options);
    expect(metaPipeline(options)).toEqual(first);
    expect(options).toEqual(before);
  });
});
