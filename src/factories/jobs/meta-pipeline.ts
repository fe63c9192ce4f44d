import { pipeline } from "../../fragment/pipeline.ts";
import { argumentError, checkOptions, type OptionChoices, type OptionKinds } from "../../model/arguments.ts";
import { isObject, type Params } from "../../model/common.ts";
import type { Job } from "../../model/job.ts";
import type { Pipeline } from "../../model/pipeline.ts";
import type { Resource } from "../../model/resource.ts";
import type { SetPipelineStep, Step } from "../../model/step.ts";
import type { ImageResource, TaskRunConfig } from "../../model/task.ts";
import { shellQuote } from "../../render/fly-command.ts";
import { get, task } from "../steps.ts";

/** How a meta pipeline turns a definition script into the file `set_pipeline` reads. */
export interface MetaPipelineRender {
  /** The image the render task runs in. */
  readonly image: ImageResource;
  /** The program that runs each script (`python`, `node`, ...); without it the script is executed itself. */
  readonly interpreter?: string | undefined;
  /** Environment variables of the render task, such as a module search path. */
  readonly params?: Params | undefined;
  /** The user the render task runs as. */
  readonly user?: string | undefined;
  /**
   * Run the command through `sh -exc`, with `params` written as `NAME=value` assignments in front of it
   * instead of task params.
   */
  readonly shell?: boolean | undefined;
  /** The output artifact the script writes into; it is also the task's working directory. @default "pipeline" */
  readonly output?: string | undefined;
  /** The file the script writes in its working directory. @default "definition.json" */
  readonly file?: string | undefined;
}

/** A pipeline that a meta pipeline keeps up to date. */
export interface ManagedPipeline {
  /** The pipeline's name (`set_pipeline`). */
  readonly name: string;
  /**
   * The path, inside the definitions resource, of the script that renders the pipeline (or, without
   * `render`, of the pipeline config itself).
   */
  readonly script: string;
  /** Arguments given to the script after its path. */
  readonly args?: readonly string[] | undefined;
  /** The team to set the pipeline in. */
  readonly team?: string | undefined;
  /** The job's name. @default `create-${name}` */
  readonly jobName?: string | undefined;
  /** The render task's name. @default `generate-${name}-file` */
  readonly taskName?: string | undefined;
  /** More resources that trigger the job and are inputs of the render task (after the definitions). */
  readonly inputs?: readonly Resource[] | undefined;
  /** Values for `((vars))` in the pipeline. */
  readonly vars?: Params | undefined;
  /** Instance vars, to set one instance of a pipeline group. */
  readonly instanceVars?: Params | undefined;
}

/** The job that keeps the meta pipeline itself up to date (`set_pipeline: self`). */
export type SelfUpdate = Omit<ManagedPipeline, "name" | "jobName" | "taskName" | "instanceVars"> & {
  /** The job's name. */
  readonly jobName: string;
  /** The render task's name. */
  readonly taskName: string;
};

/** Where the self-update job goes among the jobs. */
const SELF_POSITIONS = ["first", "last"] as const;

/** Options of {@link metaPipeline}. */
export interface MetaPipelineOptions {
  /** The resource holding the pipeline definitions (usually a git repository); it triggers every job. */
  readonly definitions: Resource;
  /** The pipelines to keep up to date, one job each, in this order. */
  readonly pipelines: readonly ManagedPipeline[];
  /** The job that sets the meta pipeline itself from its own script. */
  readonly self?: SelfUpdate | undefined;
  /** Whether the self-update job comes before or after the others. @default "last" */
  readonly selfPosition?: (typeof SELF_POSITIONS)[number] | undefined;
  /** Render each definition with a task before setting it; without it, `script` is the config file itself. */
  readonly render?: MetaPipelineRender | undefined;
}

function renderCommand(
  render: MetaPipelineRender,
  definitions: string,
  script: string,
  args: readonly string[],
): { run: TaskRunConfig; params?: Params } {
  const output = render.output ?? "pipeline";
  const command = [
    ...(render.interpreter !== undefined ? [render.interpreter] : []),
    `../${definitions}/${script}`,
    ...args,
  ];
  const where = { dir: output, ...(render.user !== undefined && { user: render.user }) };
  if (render.shell) {
    const env = Object.entries(render.params ?? {}).map(([key, value]) => `${key}=${shellQuote(String(value))}`);
    return { run: { path: "sh", ...where, args: ["-exc", [...env, ...command.map(shellQuote)].join(" ")] } };
  }
  const [path, ...rest] = command as [string, ...string[]];
  return {
    run: { path, ...where, args: rest },
    ...(render.params !== undefined && { params: { ...render.params } }),
  };
}

function managedJob(
  definitions: Resource,
  render: MetaPipelineRender | undefined,
  target: ManagedPipeline,
  jobName: string,
  taskName: string,
): Job {
  const inputs = target.inputs ?? [];
  const steps: Step[] = [get(definitions, { trigger: true }), ...inputs.map((r) => get(r, { trigger: true }))];
  let file = `${definitions.name}/${target.script}`;
  if (render !== undefined) {
    const output = render.output ?? "pipeline";
    const { run, params } = renderCommand(render, definitions.name, target.script, target.args ?? []);
    steps.push(
      task(taskName, {
        config: {
          platform: "linux",
          image_resource: render.image,
          inputs: [definitions, ...inputs].map((r) => ({ name: r.name })),
          outputs: [{ name: output }],
          ...(params !== undefined && { params }),
          run,
        },
      }),
    );
    file = `${output}/${render.file ?? "definition.json"}`;
  }
  const setPipeline: SetPipelineStep = {
    set_pipeline: target.name,
    file,
    ...(target.team !== undefined && { team: target.team }),
    ...(target.vars !== undefined && { vars: { ...target.vars } }),
    ...(target.instanceVars !== undefined && { instance_vars: { ...target.instanceVars } }),
  };
  return { name: jobName, plan: [...steps, setPipeline] };
}

const META_PIPELINE_OPTIONS: OptionKinds<MetaPipelineOptions> = {
  definitions: "named",
  pipelines: "array",
  self: "object?",
  selfPosition: "string?",
  render: "object?",
};

const META_PIPELINE_CHOICES: OptionChoices<MetaPipelineOptions> = { selfPosition: SELF_POSITIONS };

/**
 * A meta pipeline: one job per managed pipeline that fetches the definitions (triggering on change),
 * optionally renders the pipeline with a task, and sets it with `set_pipeline`; plus, with `self`, a
 * job that sets the meta pipeline itself (`set_pipeline: self`).
 * @example
 * metaPipeline({
 *   definitions: gitRepo({ name: "ci", uri: "https://github.com/org/ci", paths: ["pipelines/"] }),
 *   render: { image: { type: "registry-image", source: { repository: "node", tag: "22" } }, interpreter: "node" },
 *   pipelines: [{ name: "app", script: "pipelines/app.mjs" }],
 *   self: { jobName: "set-meta", taskName: "render-meta", script: "pipelines/meta.mjs" },
 * })
 * @see https://concourse-ci.org/docs/steps/set-pipeline/
 */
export function metaPipeline(options: Readonly<MetaPipelineOptions>): Pipeline {
  const {
    definitions,
    pipelines,
    self,
    selfPosition = "last",
    render,
  } = checkOptions("metaPipeline", options, META_PIPELINE_OPTIONS, META_PIPELINE_CHOICES);
  pipelines.forEach((target, i) => {
    // `set_pipeline: self` sets the pipeline the step runs in: this meta pipeline, replaced by the managed one's config
    if (isObject(target) && target.name === "self") {
      throw argumentError(
        "metaPipeline",
        `pipelines[${i}].name`,
        "a name other than 'self' (set_pipeline: self replaces this meta pipeline; the option self sets it)",
        target.name,
      );
    }
  });
  const jobs = pipelines.map((target) =>
    managedJob(
      definitions,
      render,
      target,
      target.jobName ?? `create-${target.name}`,
      target.taskName ?? `generate-${target.name}-file`,
    ),
  );
  if (self !== undefined) {
    const selfJob = managedJob(definitions, render, { ...self, name: "self" }, self.jobName, self.taskName);
    if (selfPosition === "first") jobs.unshift(selfJob);
    else jobs.push(selfJob);
  }
  return pipeline({ resources: [definitions], jobs });
}
