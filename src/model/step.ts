import type { Params, Ref, Version } from "./common.ts";
import { HangarError } from "./errors.ts";
import type { Job } from "./job.ts";
import type { StepModifiers } from "./modifiers.ts";
import type { Resource } from "./resource.ts";
import type { Prototype } from "./resource-type.ts";
import type { ContainerLimits, TaskConfig } from "./task.ts";

/**
 * The core step keys, in Concourse's order of precedence (atc/steps.go `StepPrecedence`):
 * a step is of the first kind whose key it has.
 */
export const STEP_KINDS = [
  "run",
  "task",
  "put",
  "get",
  "set_pipeline",
  "load_var",
  "try",
  "do",
  "in_parallel",
] as const;
export type StepKind = (typeof STEP_KINDS)[number];
type Only<K extends StepKind> = { [P in Exclude<StepKind, K>]?: never };

/**
 * Fetch a version of a resource into the build as an artifact.
 * @see https://concourse-ci.org/docs/steps/get/
 */
export interface GetStep extends StepModifiers, Only<"get"> {
  /** The artifact name; also the resource's name unless `resource` is set. */
  get: Ref<Resource>;
  /** The resource to fetch, when the artifact is named differently. */
  resource?: Ref<Resource>;
  /** Only use versions that passed all these jobs (names are globs). */
  passed?: Ref<Job>[];
  /** Params for the resource type's `in` script. */
  params?: Params;
  /** Start a new build of the job when a new version appears. */
  trigger?: boolean;
  /** Which version: `latest`, `every`, or a specific version. */
  version?: "latest" | "every" | Version;
}

/**
 * Push to a resource, then fetch the version it made (unless `no_get`).
 * @see https://concourse-ci.org/docs/steps/put/
 */
export interface PutStep extends StepModifiers, Only<"put"> {
  /** The step's name; also the resource's name unless `resource` is set. */
  put: Ref<Resource>;
  /** The resource to push to, when the step is named differently. */
  resource?: Ref<Resource>;
  /** Params for the resource type's `out` script. */
  params?: Params;
  /** Which artifacts to give to `out`: `all`, `detect`, or a list of names. */
  inputs?: "all" | "detect" | string[];
  /** Params for the implicit `get` after the put. */
  get_params?: Params;
  /** Skip the implicit `get` of the version the put produced. */
  no_get?: boolean;
}

/**
 * Run a script in a container.
 * @see https://concourse-ci.org/docs/steps/task/
 */
export interface TaskStep extends StepModifiers, Only<"task"> {
  /** The task's name in the build. */
  task: string;
  /** The task's configuration inline (exactly one of `config` and `file`). */
  config?: TaskConfig;
  /** The path of a task config file inside an artifact, such as `repo/ci/test.yml`. */
  file?: string;
  /** Run the container with full privileges. */
  privileged?: boolean;
  /** Run without network access (on runtimes that support it). */
  hermetic?: boolean;
  /** CPU and memory limits, overriding the config's. */
  container_limits?: ContainerLimits;
  /** Environment variables, overriding the config's `params`. */
  params?: Record<string, unknown>;
  /** Values for `((vars))` in the task config file. */
  vars?: Params;
  /** Use this artifact as the task's image instead of `image_resource`. */
  image?: Ref<Resource> | string;
  /** Map the task's input names to the artifact names of this build. */
  input_mapping?: Record<string, string>;
  /** Map the task's output names to new artifact names. */
  output_mapping?: Record<string, string>;
}

/**
 * Run a prototype's message (experimental in Concourse).
 * @see https://concourse-ci.org/docs/steps/run/
 */
export interface RunStep extends StepModifiers, Only<"run"> {
  /** The message to send to the prototype. */
  run: string;
  /** The prototype to run. */
  type: Ref<Prototype>;
  /** Params for the prototype. */
  params?: Params;
  /** Run the container with full privileges. */
  privileged?: boolean;
  /** CPU and memory limits. */
  container_limits?: ContainerLimits;
}

/**
 * Configure a pipeline from a file in an artifact.
 * @see https://concourse-ci.org/docs/steps/set-pipeline/
 */
export interface SetPipelineStep extends StepModifiers, Only<"set_pipeline"> {
  /** The name of the pipeline to set, or `self` for the current one. */
  set_pipeline: string;
  /** The path of the pipeline config inside an artifact. */
  file?: string;
  /** The team to set the pipeline in (main team only). */
  team?: string;
  /** Values for `((vars))` in the config. */
  vars?: Params;
  /** Files of vars inside artifacts. */
  var_files?: string[];
  /** Instance vars: set an instance of a pipeline group. */
  instance_vars?: Params;
}

/**
 * Read a file into a local var, used as `((.:name))`.
 * @see https://concourse-ci.org/docs/steps/load-var/
 */
export interface LoadVarStep extends StepModifiers, Only<"load_var"> {
  /** The local var's name. */
  load_var: string;
  /** The file to read, inside an artifact. */
  file?: string;
  /** How to parse the file: `json`, `yml`, `yaml`, `trim` or `raw` (default: by extension). */
  format?: "json" | "yml" | "yaml" | "trim" | "raw";
  /** Show the value in build output instead of redacting it. */
  reveal?: boolean;
}

/**
 * Run a step and succeed even when it fails.
 * @see https://concourse-ci.org/docs/steps/try/
 */
export interface TryStep extends StepModifiers, Only<"try"> {
  /** The step to try. */
  try: Step;
}

/**
 * Run steps one after another.
 * @see https://concourse-ci.org/docs/steps/do/
 */
export interface DoStep extends StepModifiers, Only<"do"> {
  /** The steps, in order. */
  do: Step[];
}

/**
 * The long form of `in_parallel`.
 * @see https://concourse-ci.org/docs/steps/in-parallel/
 */
export interface InParallelConfig {
  /** The steps to run at once. */
  steps?: Step[];
  /** How many steps run at the same time (default: all). */
  limit?: number;
  /** Stop starting steps once one has failed. */
  fail_fast?: boolean;
}

/**
 * Run steps at the same time.
 * @see https://concourse-ci.org/docs/steps/in-parallel/
 */
export interface InParallelStep extends StepModifiers, Only<"in_parallel"> {
  /** The steps, or `{ steps, limit, fail_fast }`. */
  in_parallel: Step[] | InParallelConfig;
}

/** A step of a build plan: exactly one core step with its modifiers and hooks. */
export type Step =
  | GetStep
  | PutStep
  | TaskStep
  | RunStep
  | SetPipelineStep
  | LoadVarStep
  | TryStep
  | DoStep
  | InParallelStep;

/** The step type whose core key is `K`. */
export type StepOf<K extends StepKind> = Extract<Step, Record<K, unknown>>;

/** Whether `step` is of kind `kind` (by Concourse's precedence, a step with `task` is a task step). */
export const isStepKind = <K extends StepKind>(step: Step, kind: K): step is StepOf<K> =>
  stepKindOrUndefined(step) === kind;

/** The kind of a step, or `undefined` when it declares no core step key. */
export function stepKindOrUndefined(step: object): StepKind | undefined {
  for (const kind of STEP_KINDS) if (Object.hasOwn(step, kind)) return kind;
  return undefined;
}

/** The kind of a step; throws `model/no-core-step` when it has none. */
export function stepKind(step: Step): StepKind {
  const kind = stepKindOrUndefined(step);
  if (kind === undefined)
    throw new HangarError("model/no-core-step", "step declares no core step key (get, put, task, ...)");
  return kind;
}

/** The steps of an `in_parallel`, whichever form it takes. */
export const inParallelSteps = (p: InParallelStep["in_parallel"]): readonly Step[] =>
  Array.isArray(p) ? p : (p.steps ?? []);
