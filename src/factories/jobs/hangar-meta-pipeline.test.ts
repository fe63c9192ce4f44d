import { describe, expect, test } from "vitest";
import { deepFreeze, snapshot } from "../../../test/helpers/deep-freeze.ts";
import type { ImageResource } from "../../model/task.ts";
import { toConcourse } from "../../render/to-concourse.ts";
import { validateValue } from "../../validate/validate-value.ts";
import { gitRepo } from "../resources/git-repo.ts";
import { type HangarMetaPipelineOptions, hangarMetaPipeline, NODE_IMAGE } from "./hangar-meta-pipeline.ts";

const definitions = gitRepo({ name: "ci", uri: "https://git.example.com/org/ci.git" });

const renderTask = (taskName: string, script: string) => ({
  task: taskName,
  config: {
    platform: "linux",
    image_resource: NODE_IMAGE,
    inputs: [{ name: "ci" }],
    outputs: [{ name: "rendered" }],
    caches: [{ path: "npm-cache" }],
    run: { path: "sh", args: ["-ec", script], dir: "ci" },
  },
});
const NPM_CI = "npm ci --cache ../npm-cache --prefer-offline --no-audit --no-fund";

describe("hangarMetaPipeline", () => {
  test("one job renders every module in one call and sets each; a second job sets the meta pipeline", () => {
    const options: HangarMetaPipelineOptions = deepFreeze({
      definitions,
      pipelines: [
        "pipelines/web/pipeline.ts",
        { entry: "pipelines/api.ts", team: "apps", vars: { region: "eu" }, instanceVars: { stage: "qa" } },
        { entry: "pipelines/docs/index.ts", name: "handbook" },
      ],
      self: "pipelines/meta/pipeline.ts",
    });
    const before = snapshot(options);
    const result = toConcourse(hangarMetaPipeline(options));
    expect(options).toEqual(before);
    expect(result).toEqual({
      resources: [toConcourse(definitions)],
      jobs: [
        {
          name: "set-pipelines",
          plan: [
            { get: "ci", trigger: true },
            renderTask(
              "render-pipelines",
              `${NPM_CI}\nnpx --no hangar render pipelines/web/pipeline.ts pipelines/api.ts pipelines/docs/index.ts --out-dir ../rendered\n`,
            ),
            { set_pipeline: "web", file: "rendered/web.json" },
            {
              set_pipeline: "api",
              file: "rendered/api.json",
              team: "apps",
              vars: { region: "eu" },
              instance_vars: { stage: "qa" },
            },
            { set_pipeline: "handbook", file: "rendered/handbook.json" },
          ],
        },
        {
          name: "set-self",
          plan: [
            { get: "ci", trigger: true },
            renderTask(
              "render-self",
              `${NPM_CI}\nnpx --no hangar render pipelines/meta/pipeline.ts -o ../rendered/self.json\n`,
            ),
            { set_pipeline: "self", file: "rendered/self.json" },
          ],
        },
      ],
    });
  });

  test("with an image that has hangar installed: no npm ci, no cache, the global packages linked", () => {
    const image: ImageResource = { type: "registry-image", source: { repository: "example/hangar", tag: "0.1.0" } };
    const result = toConcourse(
      hangarMetaPipeline({
        definitions,
        pipelines: ["ci/app.ts"],
        image,
        install: false,
        jobName: "update",
        output: "out",
      }),
    ) as { jobs: { name: string; plan: unknown[] }[] };
    const script = 'ln -s "$(npm root -g)" ../node_modules\nhangar render ci/app.ts --out-dir ../out\n';
    expect(result.jobs).toEqual([
      {
        name: "update",
        plan: [
          { get: "ci", trigger: true },
          {
            task: "render-pipelines",
            config: {
              platform: "linux",
              image_resource: image,
              inputs: [{ name: "ci" }],
              outputs: [{ name: "out" }],
              run: { path: "sh", args: ["-ec", script], dir: "ci" },
            },
          },
          { set_pipeline: "app", file: "out/app.json" },
        ],
      },
    ]);
  });

  test("paths with spaces or quotes are quoted for the shell", () => {
    const result = toConcourse(hangarMetaPipeline({ definitions, pipelines: [{ entry: "my pipes/it's.ts" }] })) as {
      jobs: { plan: { config?: { run: { args: string[] } } }[] }[];
    };
    expect(result.jobs[0]?.plan[1]?.config?.run.args[1]).toBe(
      `${NPM_CI}\nnpx --no hangar render 'my pipes/it'"'"'s.ts' --out-dir ../rendered\n`,
    );
  });

  test("a module path with no name in it needs a name", () => {
    expect(() => hangarMetaPipeline({ definitions, pipelines: ["pipeline.ts"] })).toThrowError(
      'hangarMetaPipeline(): pipelines[0] must be a module path or { entry, name }, got a string ("pipeline.ts")',
    );
    expect(
      hangarMetaPipeline({ definitions, pipelines: [{ entry: "pipeline.ts", name: "root" }] }).jobs[0]?.plan,
    ).toContainEqual({
      set_pipeline: "root",
      file: "rendered/root.json",
    });
  });

  test("two modules of one name, or one named self, are refused: they would overwrite each other or this pipeline", () => {
    expect(() =>
      hangarMetaPipeline({ definitions, pipelines: ["pipelines/app/pipeline.ts", "other/app.ts"] }),
    ).toThrowError(
      /^hangarMetaPipeline\(\): pipelines\[1\] must be a pipeline of a name of its own \(pipelines\[0\] is also named 'app'/,
    );
    expect(() => hangarMetaPipeline({ definitions, pipelines: ["pipelines/self/pipeline.ts"] })).toThrowError(
      /^hangarMetaPipeline\(\): pipelines\[0\] must be a pipeline named other than 'self'/,
    );
  });

  test("one module set as several instances (other instance vars or team): rendered once, a set_pipeline each", () => {
    const entry = "pipelines/branches/pipeline.ts";
    const meta = hangarMetaPipeline({
      definitions,
      pipelines: [
        { entry, instanceVars: { branch: "main" } },
        { entry, instanceVars: { branch: "next" } },
        { entry, team: "docs", instanceVars: { branch: "main" } },
      ],
    });
    const plan = meta.jobs[0]?.plan ?? [];
    expect(JSON.stringify(plan[1])).toContain(`hangar render ${entry} --out-dir ../rendered\\n`);
    expect(plan.slice(2)).toEqual([
      { set_pipeline: "branches", file: "rendered/branches.json", instance_vars: { branch: "main" } },
      { set_pipeline: "branches", file: "rendered/branches.json", instance_vars: { branch: "next" } },
      { set_pipeline: "branches", file: "rendered/branches.json", team: "docs", instance_vars: { branch: "main" } },
    ]);
    // the same instance twice (in any key order) is refused
    expect(() =>
      hangarMetaPipeline({
        definitions,
        pipelines: [
          { entry, instanceVars: { a: 1, b: 2 } },
          { entry, instanceVars: { b: 2, a: 1 } },
        ],
      }),
    ).toThrowError(/pipelines\[1\] must be a pipeline of its own \(pipelines\[0\] sets it too/);
  });

  test("its image is a copy: changing the result changes neither NODE_IMAGE nor the next result", () => {
    const first = hangarMetaPipeline({ definitions, pipelines: ["pipelines/app/pipeline.ts"] });
    const step = first.jobs[0]?.plan[1] as unknown as { config: { image_resource: { source: { tag: string } } } };
    step.config.image_resource.source.tag = "changed";
    expect(NODE_IMAGE.source).toEqual({ repository: "node", tag: "22-slim" });
    const second = hangarMetaPipeline({ definitions, pipelines: ["pipelines/app/pipeline.ts"] });
    expect(second.jobs[0]?.plan[1]).toMatchObject({ config: { image_resource: NODE_IMAGE } });
  });

  test("the meta pipeline has no findings in hangar's validator", () => {
    const result = hangarMetaPipeline({ definitions, pipelines: ["a/pipeline.ts", "b.ts"], self: "meta.ts" });
    expect(validateValue(toConcourse(result), { file: "meta", strict: true }).diagnostics).toEqual([]);
  });
});
