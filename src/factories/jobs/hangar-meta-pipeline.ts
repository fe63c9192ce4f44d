import { instanceVarsKey } from "../../concourse/instance-vars.ts";
import { pipeline } from "../../fragment/pipeline.ts";
import { argumentError, checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Params } from "../../model/common.ts";
import type { Job } from "../../model/job.ts";
import type { Pipeline } from "../../model/pipeline.ts";
import type { Resource } from "../../model/resource.ts";
import type { SetPipelineStep } from "../../model/step.ts";
import type { ImageResource } from "../../model/task.ts";
import { shellQuote } from "../../render/fly-command.ts";
import { get, task } from "../steps.ts";

/** A pipeline module that a hangar meta pipeline renders and sets. */
export interface HangarManagedPipeline {
  /** The module's path inside the definitions repository, such as `pipelines/app/pipeline.ts`. */
  readonly entry: string;
  /**
   * The pipeline's name: the `name` of the module's definition when it has one, else (as
   * `hangar render --out-dir` names it) the file's stem, or its folder's name for `pipeline.ts` and
   * `index.ts`. @default derived from `entry`
   */
  readonly name?: string | undefined;
  /** The team to set the pipeline in. */
  readonly team?: string | undefined;
  /** Values for `((vars))` in the pipeline. */
  readonly vars?: Params | undefined;
  /**
   * Instance vars, to set one instance of a pipeline group; list the same `entry` again with other instance vars (or
   * another team) to set more instances of it from one render.
   */
  readonly instanceVars?: Params | undefined;
}

/** Options of {@link hangarMetaPipeline}. */
export interface HangarMetaPipelineOptions {
  /**
   * The repository of the pipeline modules, with package.json and package-lock.json at its root
   * (hangar among the dependencies); it triggers every job.
   */
  readonly definitions: Resource;
  /** The modules to render and set (a path stands for `{ entry: path }`), in this order. */
  readonly pipelines: readonly (string | HangarManagedPipeline)[];
  /** The module of this meta pipeline, for a job that sets the meta pipeline itself (`set_pipeline: self`). */
  readonly self?: string | undefined;
  /** The image of the render task. @default the official `node` image, tag `22-slim` */
  readonly image?: ImageResource | undefined;
  /**
   * Install the repository's dependencies with `npm ci` (npm's cache kept in a task cache). `false`
   * for an image with hangar installed globally (images/hangar), when the modules import only hangar
   * and each other. @default true
   */
  readonly install?: boolean | undefined;
  /** The render task's output folder, where `set_pipeline` reads the rendered files. @default "rendered" */
  readonly output?: string | undefined;
  /** The job that renders and sets the pipelines. @default "set-pipelines" */
  readonly jobName?: string | undefined;
  /** The job that sets the meta pipeline itself. @default "set-self" */
  readonly selfJobName?: string | undefined;
}

/** The official Node image, as the render task's default. */
export const NODE_IMAGE: ImageResource = { type: "registry-image", source: { repository: "node", tag: "22-slim" } };

/** The name `hangar render --out-dir` gives a module without a `name`: its stem, or its folder's name. */
function nameFromEntry(entry: string): string | undefined {
  const parts = entry.split("/").filter((part) => part !== "" && part !== ".");
  const stem = (parts.at(-1) ?? "").replace(/\.[^.]*$/, "");
  return stem === "pipeline" || stem === "index" ? parts.at(-2) : stem || undefined;
}

/** The shell script of a render task: install (or link the image's global packages), then one render. */
function renderScript(install: boolean, render: readonly string[]): string {
  const setup = install
    ? "npm ci --cache ../npm-cache --prefer-offline --no-audit --no-fund"
    : // ES modules do not search the global folder: link it where the modules' imports look
      'ln -s "$(npm root -g)" ../node_modules';
  const hangar = install ? ["npx", "--no", "hangar"] : ["hangar"];
  return `${setup}\n${[...hangar, ...render].map(shellQuote).join(" ")}\n`;
}

function renderJob(
  name: string,
  taskName: string,
  definitions: Resource,
  options: { image: ImageResource; install: boolean; output: string },
  render: readonly string[],
  sets: readonly SetPipelineStep[],
): Job {
  return {
    name,
    plan: [
      get(definitions, { trigger: true }),
      task(taskName, {
        config: {
          platform: "linux",
          // a copy: the result is the caller's to change, and NODE_IMAGE or the caller's image must not change with it
          image_resource: structuredClone(options.image),
          inputs: [{ name: definitions.name }],
          outputs: [{ name: options.output }],
          ...(options.install && { caches: [{ path: "npm-cache" }] }),
          run: { path: "sh", args: ["-ec", renderScript(options.install, render)], dir: definitions.name },
        },
      }),
      ...sets,
    ],
  };
}

const HANGAR_META_PIPELINE_OPTIONS: OptionKinds<HangarMetaPipelineOptions> = {
  definitions: "named",
  pipelines: "array",
  self: "string?",
  image: "object?",
  install: "boolean?",
  output: "string?",
  jobName: "string?",
  selfJobName: "string?",
};

/**
 * A meta pipeline for TypeScript pipelines: one job fetches the definitions repository, installs its
 * dependencies once (`npm ci`, npm's cache kept between builds), renders every listed module in one
 * `hangar render --out-dir` call, which validates them all and fails the task with hangar's findings
 * when one has errors (so nothing broken is set), then sets each pipeline with `set_pipeline`; with
 * `self`, a second job renders the meta pipeline's own module and sets it (`set_pipeline: self`).
 * @example
 * hangarMetaPipeline({
 *   definitions: gitRepo({ name: "ci", uri: "https://github.com/org/ci", branch: "main" }),
 *   pipelines: ["pipelines/app/pipeline.ts", { entry: "pipelines/docs/pipeline.ts", team: "docs" }],
 *   self: "pipelines/meta/pipeline.ts",
 * })
 * @see https://concourse-ci.org/docs/steps/set-pipeline/
 */
export function hangarMetaPipeline(options: Readonly<HangarMetaPipelineOptions>): Pipeline {
  const {
    definitions,
    pipelines,
    self,
    image = NODE_IMAGE,
    install = true,
    output = "rendered",
    jobName = "set-pipelines",
    selfJobName = "set-self",
  } = checkOptions("hangarMetaPipeline", options, HANGAR_META_PIPELINE_OPTIONS);
  /** The first item of each name, and of each pipeline set (name, team and instance vars). */
  const named = new Map<string, { index: number; entry: string }>();
  const setBy = new Map<string, number>();
  const managed = pipelines.map((item, i) => {
    const target = typeof item === "string" ? { entry: item } : item;
    const name = target.name ?? nameFromEntry(target.entry);
    if (name === undefined) {
      throw argumentError("hangarMetaPipeline", `pipelines[${i}]`, "a module path or { entry, name }", item);
    }
    // `set_pipeline: self` sets the meta pipeline itself, and one render writes one file per name
    if (name === "self") {
      throw argumentError(
        "hangarMetaPipeline",
        `pipelines[${i}]`,
        "a pipeline named other than 'self' (set_pipeline: self replaces this meta pipeline; give { entry, name })",
        item,
      );
    }
    // one render writes one file per name: several modules of one name would overwrite each other's, where one
    // module may be set several times from its file, as instances (or in teams) of its own
    const other = named.get(name);
    if (other !== undefined && other.entry !== target.entry) {
      throw argumentError(
        "hangarMetaPipeline",
        `pipelines[${i}]`,
        `a pipeline of a name of its own (pipelines[${other.index}] is also named '${name}'; give { entry, name })`,
        item,
      );
    }
    const set = JSON.stringify([name, target.team ?? null, instanceVarsKey(target.instanceVars ?? {})]);
    const same = setBy.get(set);
    if (same !== undefined) {
      throw argumentError(
        "hangarMetaPipeline",
        `pipelines[${i}]`,
        `a pipeline of its own (pipelines[${same}] sets it too; give other instanceVars or another team)`,
        item,
      );
    }
    if (other === undefined) named.set(name, { index: i, entry: target.entry });
    setBy.set(set, i);
    return { ...target, name };
  });
  const renderTask = { image, install, output };
  const sets = managed.map(
    (target): SetPipelineStep => ({
      set_pipeline: target.name,
      file: `${output}/${target.name}.json`,
      ...(target.team !== undefined && { team: target.team }),
      ...(target.vars !== undefined && { vars: { ...target.vars } }),
      ...(target.instanceVars !== undefined && { instance_vars: { ...target.instanceVars } }),
    }),
  );
  const jobs = [
    renderJob(
      jobName,
      "render-pipelines",
      definitions,
      renderTask,
      ["render", ...new Set(managed.map((t) => t.entry)), "--out-dir", `../${output}`],
      sets,
    ),
  ];
  if (self !== undefined) {
    jobs.push(
      renderJob(
        selfJobName,
        "render-self",
        definitions,
        renderTask,
        ["render", self, "-o", `../${output}/self.json`],
        [{ set_pipeline: "self", file: `${output}/self.json` }],
      ),
    );
  }
  return pipeline({ resources: [definitions], jobs });
}
