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
  checkResourceStep("get", resource, options);
  const { as, passed, version } = options;
  if (version !== undefined && !(typeof version === "string" ? VERSION_WORDS.includes(version) : isObject(version))) {
    throw argumentError("get", "option 'version'", VERSION, version);
  }
  if (passed !== undefined) {
    if (!Array.isArray(passed)) throw argumentError("get", "option 'passed'", "an array", passed);
    for (let i = 0; i < passed.length; i++) {
      if (!isRef(passed[i])) throw argumentError("get", `option 'passed[${i}]'`, REF, passed[i]);
    }
  }
  const step: Record<PropertyKey, unknown> = as !== undefined ? { get: as, resource } : { get: resource };
  if (passed !== undefined) step.passed = [...passed];
  return copyOthers(step, options, GET_OWN) as unknown as GetStep;
}

const GET_OWN: readonly string[] = ["as", "passed"];

const REF = "a name or an object with a name";
const VERSION = choicesPhrase(VERSION_WORDS, "a version (an object)");
const INPUTS = choicesPhrase(INPUTS_WORDS, "an array of names");

/**
 * Throws {@link argumentError} unless `resource` is a name or an object with a name (neither empty), `options` an
 * object and its `as` absent or a non-empty string: a few `typeof` tests, as the builders are called for every
 * step of a pipeline.
 */
function checkResourceStep(fn: string, resource: unknown, options: object): void {
  if (!isRef(resource)) throw argumentError(fn, "resource", REF, resource);
  expectObject(fn, "options", options);
  const { as } = options as { as?: unknown };
  if (as !== undefined && (typeof as !== "string" || as === "")) {
    throw argumentError(fn, "option 'as'", "a non-empty string", as);
  }
  checkAttempts(fn, options);
}

/** Throws {@link argumentError} unless the `attempts` of `options` is absent or a finite number. */
function checkAttempts(fn: string, options: { readonly attempts?: unknown }): void {
  const { attempts } = options;
  if (attempts === undefined) return;
  if (typeof attempts !== "number") throw argumentError(fn, "option 'attempts'", "a number", attempts);
  if (!Number.isFinite(attempts)) throw argumentError(fn, "option 'attempts'", "a finite number", attempts);
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
  checkResourceStep("put", resource, options);
  const { as, getParams, noGet, inputs } = options;
  if (typeof inputs === "string" ? !INPUTS_WORDS.includes(inputs) : inputs !== undefined && !Array.isArray(inputs)) {
    throw argumentError("put", "option 'inputs'", INPUTS, inputs);
  }
  if (Array.isArray(inputs)) {
    for (let i = 0; i < inputs.length; i++) {
      if (typeof inputs[i] !== "string" || inputs[i] === "") {
        throw argumentError("put", `option 'inputs[${i}]'`, "a non-empty string", inputs[i]);
      }
    }
  }
  const step: Record<PropertyKey, unknown> = as !== undefined ? { put: as, resource } : { put: resource };
  if (inputs !== undefined) step.inputs = typeof inputs === "string" ? inputs : [...inputs];
  copyOthers(step, options, PUT_OWN);
  if (getParams !== undefined) step.get_params = getParams;
  if (noGet !== undefined) step.no_get = noGet;
  return step as unknown as PutStep;
}

const PUT_OWN: readonly string[] = ["as", "getParams", "noGet", "inputs"];

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
  if (typeof name !== "string" || name === "") throw argumentError("task", "name", "a non-empty string", name);
  expectObject("task", "options", options);
  const { config, file } = options as { config?: unknown; file?: unknown };
  if (config !== undefined && !isObject(config)) throw argumentError("task", "option 'config'", "an object", config);
  if (file !== undefined && typeof file !== "string") throw argumentError("task", "option 'file'", "a string", file);
  if (config === undefined && file === undefined) {
    throw argumentError("task", "options", "an object with a config or a file", options);
  }
  checkAttempts("task", options);
  return copyOthers({ task: name }, options, []) as unknown as TaskStep;
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
  if (Array.isArray(steps)) {
    const bad = firstNonStep(steps);
    if (bad >= 0) throw argumentError("inParallel", `steps[${bad}]`, STEP, steps[bad]);
    return { in_parallel: [...(steps as readonly Step[])] };
  }
  if (!isObject(steps)) throw argumentError("inParallel", "steps", "an array or an object with steps", steps);
  const { steps: list, limit, failFast } = steps as InParallelOptions;
  if (!Array.isArray(list)) throw argumentError("inParallel", "option 'steps'", "an array", list);
  const bad = firstNonStep(list);
  if (bad >= 0) throw argumentError("inParallel", `option 'steps[${bad}]'`, STEP, list[bad]);
  if (limit !== undefined && typeof limit !== "number") {
    throw argumentError("inParallel", "option 'limit'", "a number", limit);
  }
  if (limit !== undefined && !Number.isFinite(limit)) {
    throw argumentError("inParallel", "option 'limit'", "a finite number", limit);
  }
  if (failFast !== undefined && typeof failFast !== "boolean") {
    throw argumentError("inParallel", "option 'failFast'", "a boolean", failFast);
  }
  return {
    in_parallel: {
      steps: [...list],
      ...(limit !== undefined && { limit }),
      ...(failFast !== undefined && { fail_fast: failFast }),
    },
  };
}

/**
 * A `do` step: run steps in order (useful as a hook or inside `in_parallel`).
 * @see https://concourse-ci.org/docs/steps/do/
 */
export function doSteps(steps: readonly Step[]): DoStep {
  if (!Array.isArray(steps)) throw argumentError("doSteps", "steps", "an array", steps);
  const bad = firstNonStep(steps);
  if (bad >= 0) throw argumentError("doSteps", `steps[${bad}]`, STEP, steps[bad]);
  return { do: [...steps] };
}

/**
 * A `try` step: run a step and ignore its failure.
 * @see https://concourse-ci.org/docs/steps/try/
 */
export function tryStep(step: Step): TryStep {
  if (!isStep(step)) throw argumentError("tryStep", "step", STEP, step);
  return { try: step };
}

/**
 * A copy of `step` with modifiers or hooks added (the original is unchanged).
 * @example withModifiers(put(image), { attempts: 3, timeout: "1h" })
 */
export function withModifiers<S extends Step>(step: S, modifiers: OrUndefined<StepModifiers>): S {
  expectObject("withModifiers", "step", step);
  expectObject("withModifiers", "modifiers", modifiers);
  checkAttempts("withModifiers", modifiers);
  return copyOthers({ ...step } as Record<PropertyKey, unknown>, modifiers, []) as S;
}
