/**
 * How Concourse reads a step (atc/steps.go `Step.UnmarshalJSON`): it tries the keys of
 * {@link STEP_PRECEDENCE} in order; a present modifier key wraps what follows, and the first present
 * core key ends the search. Each matched key claims its type's JSON fields; whatever is left is
 * "unknown fields" (reported by the StepValidator), so a second core key ends up there.
 */

import { HOOK_KEYS, type HookKey } from "../model/modifiers.ts";

/** The detector keys in Concourse's order (`StepPrecedence`), each with the JSON fields of its Go type. */
export const STEP_PRECEDENCE = [
  { key: "ensure", go: "EnsureStep", wrapper: true, fields: ["ensure"] },
  { key: "on_error", go: "OnErrorStep", wrapper: true, fields: ["on_error"] },
  { key: "on_abort", go: "OnAbortStep", wrapper: true, fields: ["on_abort"] },
  { key: "on_failure", go: "OnFailureStep", wrapper: true, fields: ["on_failure"] },
  { key: "on_success", go: "OnSuccessStep", wrapper: true, fields: ["on_success"] },
  { key: "across", go: "AcrossStep", wrapper: true, fields: ["across", "fail_fast"] },
  { key: "attempts", go: "RetryStep", wrapper: true, fields: ["attempts"] },
  {
    key: "run",
    go: "RunStep",
    wrapper: false,
    fields: ["run", "type", "params", "privileged", "tags", "container_limits", "timeout"],
  },
  {
    key: "task",
    go: "TaskStep",
    wrapper: false,
    fields: [
      "task",
      "privileged",
      "hermetic",
      "file",
      "container_limits",
      "config",
      "params",
      "vars",
      "tags",
      "input_mapping",
      "output_mapping",
      "image",
      "timeout",
    ],
  },
  {
    key: "put",
    go: "PutStep",
    wrapper: false,
    fields: ["put", "resource", "params", "inputs", "tags", "get_params", "timeout", "no_get"],
  },
  {
    key: "get",
    go: "GetStep",
    wrapper: false,
    fields: ["get", "resource", "version", "params", "passed", "trigger", "tags", "timeout"],
  },
  { key: "timeout", go: "TimeoutStep", wrapper: true, fields: ["timeout"] },
  {
    key: "set_pipeline",
    go: "SetPipelineStep",
    wrapper: false,
    fields: ["set_pipeline", "file", "team", "vars", "var_files", "instance_vars"],
  },
  { key: "load_var", go: "LoadVarStep", wrapper: false, fields: ["load_var", "file", "format", "reveal"] },
  { key: "try", go: "TryStep", wrapper: false, fields: ["try"] },
  { key: "do", go: "DoStep", wrapper: false, fields: ["do", "tags"] },
  { key: "in_parallel", go: "InParallelStep", wrapper: false, fields: ["in_parallel", "tags"] },
] as const;

export type StepDetector = (typeof STEP_PRECEDENCE)[number];

/**
 * The fields of the step types that Concourse leaves out of a config it encodes when they hold their zero value
 * (`omitempty`, not a pointer; atc/steps.go), by Go type; a key counts for the type that reads it ({@link fieldOwner}).
 * An `in_parallel`'s config has its own ({@link IN_PARALLEL_OMIT_EMPTY}).
 */
export const STEP_OMIT_EMPTY_FIELDS: { readonly [G in StepDetector["go"]]?: readonly StepField[] } = {
  AcrossStep: ["fail_fast"],
  RunStep: ["params", "privileged", "tags", "timeout"],
  TaskStep: ["privileged", "hermetic", "file", "params", "vars", "tags", "input_mapping", "output_mapping", "image"],
  GetStep: ["resource", "params", "passed", "trigger", "tags"],
  PutStep: ["resource", "params", "tags", "get_params", "no_get"],
  SetPipelineStep: ["file", "team", "vars", "var_files", "instance_vars"],
  LoadVarStep: ["file", "format", "reveal"],
  DoStep: ["tags"],
  InParallelStep: ["tags"],
};

/** `atc.InParallelConfig`'s `omitempty` fields. */
export const IN_PARALLEL_OMIT_EMPTY = ["steps", "limit", "fail_fast"] as const;

/**
 * The hook keys in the order Concourse's StepValidator visits a step's hooks: the innermost wrapper first, so
 * the hooks of {@link STEP_PRECEDENCE} in reverse (`on_success`, `on_failure`, `on_abort`, `on_error`, `ensure`).
 * Not {@link HOOK_KEYS}, the order hangar writes and walks them.
 */
export const VALIDATOR_HOOK_ORDER: readonly HookKey[] = STEP_PRECEDENCE.map((d) => d.key)
  .filter((key): key is HookKey => (HOOK_KEYS as readonly string[]).includes(key))
  .reverse();
export type DetectorKey = StepDetector["key"];
/** Every field some step detector reads. */
export type StepField = StepDetector["fields"][number];

/** The fields of a task step's inline `config` (atc/task.go `TaskConfig`); others are unknown fields. */
export const TASK_CONFIG_FIELDS = [
  "platform",
  "rootfs_uri",
  "image_resource",
  "container_limits",
  "params",
  "run",
  "inputs",
  "outputs",
  "caches",
] as const;
export type TaskConfigField = (typeof TASK_CONFIG_FIELDS)[number];

/** `atc.TaskConfig`'s `omitempty` fields; its pointers (`image_resource`, `container_limits`) are left out when null. */
export const TASK_CONFIG_OMIT_EMPTY = [
  "platform",
  "rootfs_uri",
  "params",
  "inputs",
  "outputs",
  "caches",
] as const satisfies readonly TaskConfigField[];

/**
 * The structs inside a task config (atc/task.go, atc/container_limits.go), by the field that holds them (one entry of
 * `inputs`, `outputs`, `caches` each): their JSON fields, and those Concourse leaves out of the config it stores when
 * they hold their zero value. Concourse reads past other keys and does not keep them.
 */
export const TASK_CONFIG_PARTS = {
  image_resource: {
    fields: ["name", "type", "source", "version", "params", "tags"],
    omitEmpty: ["version", "params", "tags"],
  },
  run: { fields: ["path", "args", "dir", "user"], omitEmpty: ["args", "dir", "user"] },
  inputs: { fields: ["name", "path", "optional"], omitEmpty: ["path", "optional"] },
  outputs: { fields: ["name", "path"], omitEmpty: ["path"] },
  caches: { fields: ["path", "ttl"], omitEmpty: ["path", "ttl"] },
  container_limits: { fields: ["cpu", "memory"], omitEmpty: [] },
} as const satisfies Partial<Record<TaskConfigField, { fields: readonly string[]; omitEmpty: readonly string[] }>>;
/** The JSON fields of a struct of {@link TASK_CONFIG_PARTS}. */
export type TaskConfigPartField<P extends keyof typeof TASK_CONFIG_PARTS> =
  (typeof TASK_CONFIG_PARTS)[P]["fields"][number];

/** How Concourse reads one step. */
export interface StepAnalysis {
  /** The matched detectors, outermost first (hooks, across, attempts, timeout, then the core step). */
  readonly detectors: readonly StepDetector[];
  /** The core step's detector, or undefined when there is none. */
  readonly core: StepDetector | undefined;
  /** For each claimed key, the detector whose Go type reads it. */
  readonly owner: ReadonlyMap<string, StepDetector>;
  /** Keys no detector claimed (sorted), what the StepValidator reports as `unknown fields`. */
  readonly unknownFields: readonly string[];
}

/** Each detector's position in {@link STEP_PRECEDENCE}, as the bit that stands for it in a detector set. */
const DETECTOR_BIT: ReadonlyMap<string, number> = new Map(STEP_PRECEDENCE.map((d, i) => [d.key, 1 << i]));

/** For each field any detector reads, the set (bits) of the detectors whose Go type lists it. */
const LISTED_BY: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>();
  STEP_PRECEDENCE.forEach((d, i) => {
    for (const field of d.fields) out.set(field, (out.get(field) ?? 0) | (1 << i));
  });
  return out;
})();

/**
 * The detectors that read a step, as a set of bits (bit `i` for `STEP_PRECEDENCE[i]`): in precedence order,
 * every detector whose key is present and not already claimed, up to and including the first core one.
 * Allocates nothing; the other functions here answer questions about a step from this set.
 */
export function stepDetectors(step: object): number {
  // the detector keys present (a step has few keys; the table has many detectors)
  let present = 0;
  for (const key in step) {
    const bit = DETECTOR_BIT.get(key);
    if (bit !== undefined && Object.hasOwn(step, key)) present |= bit;
  }
  let found = 0;
  while (present !== 0) {
    const bit = present & -present;
    present ^= bit;
    const detector = STEP_PRECEDENCE[31 - Math.clz32(bit)] as StepDetector;
    if (((LISTED_BY.get(detector.key) as number) & found) !== 0) continue;
    found |= bit;
    if (!detector.wrapper) break;
  }
  return found;
}

/** The detector of a set with the lowest precedence index. */
const first = (detectors: number): StepDetector =>
  STEP_PRECEDENCE[31 - Math.clz32(detectors & -detectors)] as StepDetector;

/** The core step's detector of a detector set (the last one found), or undefined when the step has none. */
export function coreDetector(detectors: number): StepDetector | undefined {
  if (detectors === 0) return undefined;
  const last = STEP_PRECEDENCE[31 - Math.clz32(detectors)] as StepDetector;
  return last.wrapper ? undefined : last;
}

/** The detector whose Go type reads a present key: the first of the set that lists it (undefined: unknown). */
export function fieldOwner(detectors: number, key: string): StepDetector | undefined {
  const listing = (LISTED_BY.get(key) ?? 0) & detectors;
  return listing === 0 ? undefined : first(listing);
}

/** Whether a detector (by key) is in a set. */
export const hasDetector = (detectors: number, key: DetectorKey): boolean =>
  ((DETECTOR_BIT.get(key) as number) & detectors) !== 0;

/** Reads a step's keys the way `Step.UnmarshalJSON` does. Safe on any object. */
export function analyzeStep(step: object): StepAnalysis {
  const found = stepDetectors(step);
  const detectors = STEP_PRECEDENCE.filter((_, i) => (found & (1 << i)) !== 0);
  const owner = new Map<string, StepDetector>();
  for (const key of Object.keys(step)) {
    const o = fieldOwner(found, key);
    if (o !== undefined) owner.set(key, o);
  }
  const core = coreDetector(found);
  return { detectors, core, owner, unknownFields: core === undefined ? [] : unknownStepFields(step) };
}

/**
 * The unknown fields of a step, as the StepValidator reports them (`unknown fields ["x"]`), sorted; none for a
 * step with no core type (that is a decoding error). Allocates nothing when there are none. `core` is the step's
 * core detector key (its kind), when the caller knows it.
 */
export function unknownStepFields(
  step: object,
  core: DetectorKey | undefined = coreDetector(stepDetectors(step))?.key,
): readonly string[] {
  const claimed = core === undefined ? undefined : CLAIMED.get(core);
  if (claimed === undefined) return NONE;
  let unknown: string[] | undefined;
  for (const key in step) {
    if (!Object.hasOwn(step, key) || claimed.has(key) || (key === "fail_fast" && Object.hasOwn(step, "across"))) {
      continue;
    }
    unknown ??= [];
    unknown.push(key);
  }
  return unknown === undefined ? NONE : unknown.sort();
}

/**
 * The keys a step with a given core detector never leaves unknown: the core's fields and every wrapper key (a
 * present wrapper key is read by its wrapper, or by the core first); `fail_fast` is read only with `across`.
 */
const CLAIMED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  STEP_PRECEDENCE.filter((d) => !d.wrapper).map((core) => [
    core.key,
    new Set<string>([...core.fields, ...STEP_PRECEDENCE.filter((d) => d.wrapper).map((d) => d.key)]),
  ]),
);

/** The unknown fields of a task's inline config (`.task(x).config: unknown fields [...]`), sorted. */
export function unknownTaskConfigFields(config: object): readonly string[] {
  let unknown: string[] | undefined;
  for (const key of Object.keys(config)) {
    if (TASK_CONFIG_KEYS.has(key)) continue;
    unknown ??= [];
    unknown.push(key);
  }
  return unknown === undefined ? NONE : unknown.sort();
}

const TASK_CONFIG_KEYS: ReadonlySet<string> = new Set<string>(TASK_CONFIG_FIELDS);
const NONE: readonly string[] = [];
