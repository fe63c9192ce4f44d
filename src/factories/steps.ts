import { argumentError, choicesPhrase, expectObject, isRef } from "../model/arguments.ts";
import { isObject, type Ref, setOwn, type Version } from "../model/common.ts";
import type { Job } from "../model/job.ts";
import type { StepModifiers } from "../model/modifiers.ts";
import type { Resource } from "../model/resource.ts";
import {
  type DoStep,
  type GetStep,
  type InParallelStep,
  type PutStep,
  type Step,
  stepKindOrUndefined,
  type TaskStep,
  type TryStep,
} from "../model/step.ts";
import type { TaskConfig } from "../model/task.ts";

/**
 * `T` with `undefined` allowed in each optional property, for options declared from the model: the builders drop
 * an `undefined` option as if it were left out, so a caller under `exactOptionalPropertyTypes` may pass one.
 */
type OrUndefined<T> = { [K in keyof T]: Partial<Pick<T, K>> extends Pick<T, K> ? T[K] | undefined : T[K] };

type Modifiers = OrUndefined<Omit<StepModifiers, "across" | "fail_fast">>;

/** The words `get`'s `version` takes besides a version (atc/steps.go `VersionLatest`, `VersionEvery`). */
const VERSION_WORDS = ["latest", "every"] as const;

/** The words `put`'s `inputs` takes besides a list of names (atc/steps.go `InputsAll`, `InputsDetect`). */
const INPUTS_WORDS = ["all", "detect"] as const;

/** An argument a step helper refuses: which one, what it must be, and what it is. */
export interface ArgumentProblem {
  readonly argument: string;
  readonly expected: string;
  readonly actual: unknown;
}

/** Throws {@link argumentError} for the problem `fn` found in its arguments, if any. */
function refuse(fn: string, problem: ArgumentProblem | undefined): void {
  if (problem !== undefined) throw argumentError(fn, problem.argument, problem.expected, problem.actual);
}

const REF = "a name or an object with a name";
const VERSION = choicesPhrase(VERSION_WORDS, "a version (an object)");
const INPUTS = choicesPhrase(INPUTS_WORDS, "an array of names");

/** Options of {@link get}. */
export interface GetOptions extends Modifiers {
  /** Name the fetched artifact differently from the resource (emits `get: as` + `resource:`). */
  readonly as?: string | undefined;
  /** Only versions that passed these jobs. */
  readonly passed?: readonly Ref<Job>[] | undefined;
  /** Trigger the job on new versions. */
  readonly trigger?: boolean | undefined;
  /** Which version to fetch. */
  readonly version?: (typeof VERSION_WORDS)[number] | Version | undefined;
  /** Params for the resource's `in` script. */
  readonly params?: GetStep["params"] | undefined;
}

/**
 * A `get` step fetching `resource` (an object, collected by `pipeline()`, or its name).
 * @example get(src, { trigger: true, passed: [unitJob] })
 * @see https://concourse-ci.org/docs/steps/get/
 */
export function get(resource: Ref<Resource>, options: GetOptions = {}): GetStep {
  refuse("get", getProblem(resource, options));
  const { as, passed } = options;
  const step: Record<PropertyKey, unknown> = as !== undefined ? { get: as, resource } : { get: resource };
  if (passed !== undefined) step.passed = [...passed];
  return copyOthers(step, options, GET_OWN) as unknown as GetStep;
}

const GET_OWN: readonly string[] = ["as", "passed"];

/**
 * What {@link get} refuses in its arguments (the first), or undefined when it takes them: the data alone decides, so
 * a reader of pipelines (`hangar import`) asks this rather than calling `get`.
 */
export function getProblem(resource: unknown, options: unknown): ArgumentProblem | undefined {
  const found = resourceStepProblem(resource, options);
  if (found !== undefined) return found;
  const { passed, version } = options as GetOptions;
  if (version !== undefined && !(typeof version === "string" ? VERSION_WORDS.includes(version) : isObject(version))) {
    return { argument: "option 'version'", expected: VERSION, actual: version };
  }
  if (passed === undefined) return undefined;
  if (!Array.isArray(passed)) return { argument: "option 'passed'", expected: "an array", actual: passed };
  for (let i = 0; i < passed.length; i++) {
    if (!isRef(passed[i])) return { argument: `option 'passed[${i}]'`, expected: REF, actual: passed[i] };
  }
  return undefined;
}

/**
 * The problem unless `resource` is a name or an object with a name (neither empty), `options` an object and its `as`
 * absent or a non-empty string: a few `typeof` tests, as the builders are called for every step of a pipeline.
 */
function resourceStepProblem(resource: unknown, options: unknown): ArgumentProblem | undefined {
  if (!isRef(resource)) return { argument: "resource", expected: REF, actual: resource };
  if (!isObject(options)) return { argument: "options", expected: "an object", actual: options };
  const { as } = options;
  if (as !== undefined && (typeof as !== "string" || as === "")) {
    return { argument: "option 'as'", expected: "a non-empty string", actual: as };
  }
  return attemptsProblem(options);
}

/** The problem unless the `attempts` of `options` is absent or a finite number. */
function attemptsProblem(options: { readonly attempts?: unknown }): ArgumentProblem | undefined {
  const { attempts } = options;
  if (attempts === undefined) return undefined;
  if (typeof attempts !== "number") return { argument: "option 'attempts'", expected: "a number", actual: attempts };
  if (!Number.isFinite(attempts)) {
    return { argument: "option 'attempts'", expected: "a finite number", actual: attempts };
  }
  return undefined;
}

/**
 * The index of the first item of `steps` that is not a step (an object with a core step key), or -1: one pass over
 * the list the caller copies, not into the steps themselves.
 */
function firstNonStep(steps: readonly unknown[]): number {
  for (let i = 0; i < steps.length; i++) if (!isStep(steps[i])) return i;
  return -1;
}

const isStep = (value: unknown): boolean => isObject(value) && stepKindOrUndefined(value) !== undefined;

const STEP = "a step object with a core step key (get, put, task, ...)";

/**
 * Copies `source`'s own enumerable string-keyed properties but `skip` onto `target` (a `__proto__` key included),
 * as `{ ...target, ...rest }` would but for symbol keys, which Concourse's data never has and the renderer never
 * reads, and for `undefined` values, an option left out (a spread would write the key, and over a step's own value
 * in `withModifiers`); faster than rest and spread, which builders called for every step of a pipeline pay for. Not looking for
 * symbols (an array made per call) took the bench workload's factories at 10,000 jobs from about 21 to 15 ms of CPU
 * (alternating runs in one process).
 */
function copyOthers(
  target: Record<PropertyKey, unknown>,
  source: object,
  skip: readonly string[],
): Record<PropertyKey, unknown> {
  const from = source as Record<PropertyKey, unknown>;
  for (const key in from) {
    if (!Object.hasOwn(from, key) || skip.includes(key) || from[key] === undefined) continue;
    setOwn(target, key, from[key]);
  }
  return target;
}

/** Options of {@link put}. */
export interface PutOptions extends Modifiers {
  /** Name the step differently from the resource (emits `put: as` + `resource:`). */
  readonly as?: string | undefined;
  /** Params for the resource's `out` script. */
  readonly params?: PutStep["params"] | undefined;
  /** Which artifacts to give to `out`. */
  readonly inputs?: (typeof INPUTS_WORDS)[number] | readonly string[] | undefined;
  /** Params for the implicit get. */
  readonly getParams?: PutStep["get_params"] | undefined;
  /** Skip the implicit get. */
  readonly noGet?: boolean | undefined;
}

/**
 * A `put` step pushing to `resource`.
 * @example put(image, { params: { image: "image/image.tar" } })
 * @see https://concourse-ci.org/docs/steps/put/
 */
export function put(resource: Ref<Resource>, options: PutOptions = {}): PutStep {
  refuse("put", putProblem(resource, options));
  const { as, getParams, noGet, inputs } = options;
  const step: Record<PropertyKey, unknown> = as !== undefined ? { put: as, resource } : { put: resource };
  if (inputs !== undefined) step.inputs = typeof inputs === "string" ? inputs : [...inputs];
  copyOthers(step, options, PUT_OWN);
  if (getParams !== undefined) step.get_params = getParams;
  if (noGet !== undefined) step.no_get = noGet;
  return step as unknown as PutStep;
}

const PUT_OWN: readonly string[] = ["as", "getParams", "noGet", "inputs"];

/** What {@link put} refuses in its arguments (the first), or undefined when it takes them (see {@link getProblem}). */
export function putProblem(resource: unknown, options: unknown): ArgumentProblem | undefined {
  const found = resourceStepProblem(resource, options);
  if (found !== undefined) return found;
  const { inputs } = options as PutOptions;
  if (typeof inputs === "string" ? !INPUTS_WORDS.includes(inputs) : inputs !== undefined && !Array.isArray(inputs)) {
    return { argument: "option 'inputs'", expected: INPUTS, actual: inputs };
  }
  if (!Array.isArray(inputs)) return undefined;
  for (let i = 0; i < inputs.length; i++) {
    if (typeof inputs[i] !== "string" || inputs[i] === "") {
      return { argument: `option 'inputs[${i}]'`, expected: "a non-empty string", actual: inputs[i] };
    }
  }
  return undefined;
}

/** The fields of a task step other than its name, `config` and `file`. */
type CommonTaskOptions = OrUndefined<Omit<TaskStep, "task" | "config" | "file" | keyof Only>>;
type Only = { [K in "get" | "put" | "run" | "set_pipeline" | "load_var" | "try" | "do" | "in_parallel"]?: never };

/** Options of {@link task}: exactly one of `config` and `file`. */
export type TaskOptions = CommonTaskOptions &
  (
    | {
        /** The task's configuration, inline. */
        config: TaskConfig;
        /** Not with `config`. */
        file?: never;
      }
    | {
        /** The path of the task's configuration file, inside an artifact (`source/ci/unit.yml`). */
        file: string;
        /** Not with `file`. */
        config?: never;
      }
  );

/**
 * A `task` step, with an inline `config` or a `file`.
 * @example task("unit", { file: "src/ci/unit.yml" })
 * @see https://concourse-ci.org/docs/steps/task/
 */
export function task(name: string, options: TaskOptions): TaskStep {
  refuse("task", taskProblem(name, options));
  return copyOthers({ task: name }, options, []) as unknown as TaskStep;
}

/** What {@link task} refuses in its arguments (the first), or undefined when it takes them (see {@link getProblem}). */
export function taskProblem(name: unknown, options: unknown): ArgumentProblem | undefined {
  if (typeof name !== "string" || name === "")
    return { argument: "name", expected: "a non-empty string", actual: name };
  if (!isObject(options)) return { argument: "options", expected: "an object", actual: options };
  const { config, file } = options;
  if (config !== undefined && !isObject(config)) {
    return { argument: "option 'config'", expected: "an object", actual: config };
  }
  if (file !== undefined && typeof file !== "string")
    return { argument: "option 'file'", expected: "a string", actual: file };
  if (config === undefined && file === undefined) {
    return { argument: "options", expected: "an object with a config or a file", actual: options };
  }
  return attemptsProblem(options);
}

/** Options of the long form of {@link inParallel}. */
export interface InParallelOptions {
  /** The steps to run at once. */
  readonly steps: readonly Step[];
  /** How many steps run at once. */
  readonly limit?: number | undefined;
  /** Stop starting steps once one fails. */
  readonly failFast?: boolean | undefined;
}

/**
 * An `in_parallel` step: the short form for a list, the long form with `limit` or `failFast`.
 * @example inParallel([get(a), get(b)])
 * @see https://concourse-ci.org/docs/steps/in-parallel/
 */
export function inParallel(steps: readonly Step[] | InParallelOptions): InParallelStep {
  refuse("inParallel", inParallelProblem(steps));
  if (Array.isArray(steps)) return { in_parallel: [...(steps as readonly Step[])] };
  const { steps: list, limit, failFast } = steps as InParallelOptions;
  return {
    in_parallel: {
      steps: [...list],
      ...(limit !== undefined && { limit }),
      ...(failFast !== undefined && { fail_fast: failFast }),
    },
  };
}

/**
 * What {@link inParallel} refuses in its argument (the first), or undefined when it takes it (see {@link getProblem}).
 */
export function inParallelProblem(steps: unknown): ArgumentProblem | undefined {
  if (Array.isArray(steps)) return stepsProblem(steps, (i) => `steps[${i}]`);
  if (!isObject(steps)) return { argument: "steps", expected: "an array or an object with steps", actual: steps };
  const { steps: list, limit, failFast } = steps;
  if (!Array.isArray(list)) return { argument: "option 'steps'", expected: "an array", actual: list };
  const found = stepsProblem(list, (i) => `option 'steps[${i}]'`);
  if (found !== undefined) return found;
  if (limit !== undefined && typeof limit !== "number") {
    return { argument: "option 'limit'", expected: "a number", actual: limit };
  }
  if (limit !== undefined && !Number.isFinite(limit)) {
    return { argument: "option 'limit'", expected: "a finite number", actual: limit };
  }
  if (failFast !== undefined && typeof failFast !== "boolean") {
    return { argument: "option 'failFast'", expected: "a boolean", actual: failFast };
  }
  return undefined;
}

/** The problem with the first item of a list of steps that is no step (`argument` names it), or undefined. */
function stepsProblem(steps: readonly unknown[], argument: (index: number) => string): ArgumentProblem | undefined {
  const bad = firstNonStep(steps);
  return bad < 0 ? undefined : { argument: argument(bad), expected: STEP, actual: steps[bad] };
}

/**
 * A `do` step: run steps in order (useful as a hook or inside `in_parallel`).
 * @see https://concourse-ci.org/docs/steps/do/
 */
export function doSteps(steps: readonly Step[]): DoStep {
  refuse("doSteps", doStepsProblem(steps));
  return { do: [...steps] };
}

/** What {@link doSteps} refuses in its argument, or undefined when it takes it (see {@link getProblem}). */
export function doStepsProblem(steps: unknown): ArgumentProblem | undefined {
  if (!Array.isArray(steps)) return { argument: "steps", expected: "an array", actual: steps };
  return stepsProblem(steps, (i) => `steps[${i}]`);
}

/**
 * A `try` step: run a step and ignore its failure.
 * @see https://concourse-ci.org/docs/steps/try/
 */
export function tryStep(step: Step): TryStep {
  refuse("tryStep", tryStepProblem(step));
  return { try: step };
}

/** What {@link tryStep} refuses in its argument, or undefined when it takes it (see {@link getProblem}). */
export function tryStepProblem(step: unknown): ArgumentProblem | undefined {
  return isStep(step) ? undefined : { argument: "step", expected: STEP, actual: step };
}

/**
 * A copy of `step` with modifiers or hooks added (the original is unchanged).
 * @example withModifiers(put(image), { attempts: 3, timeout: "1h" })
 */
export function withModifiers<S extends Step>(step: S, modifiers: OrUndefined<StepModifiers>): S {
  expectObject("withModifiers", "step", step);
  expectObject("withModifiers", "modifiers", modifiers);
  refuse("withModifiers", attemptsProblem(modifiers));
  return copyOthers({ ...step } as Record<PropertyKey, unknown>, modifiers, []) as S;
}
