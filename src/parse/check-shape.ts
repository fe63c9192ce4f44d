import type {
  BuildLogRetentionField,
  ConfigField,
  DisplayField,
  GroupField,
  JobField,
  ResourceField,
  ResourceTypeField,
  VarSourceField,
} from "../concourse/config-fields.ts";
import { goDurationError, goParseDuration } from "../concourse/go-duration.ts";
import { goValue } from "../concourse/go-format.ts";
import {
  coreDetector,
  fieldOwner,
  type StepDetector,
  type StepField,
  stepDetectors,
  TASK_CONFIG_FIELDS,
  type TaskConfigField,
} from "../concourse/step-fields.ts";
import { isObject, type PathSegment } from "../model/common.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { type At, child, enterStep, field, ROOT, restart, wrap } from "./shape-position.ts";
import { type State, tooDeep, typeError, unknownField, valueError } from "./shape-report.ts";

/**
 * Checks that a parsed pipeline value has the types Concourse reads it with (atc/config.go,
 * atc/job_config.go, atc/steps.go, atc/task.go), the way `fly validate-pipeline` decodes it:
 *
 * - outside steps, YAML numbers and booleans given where a string is expected become strings
 *   (sigs.k8s.io/yaml does this; the value is converted in place, it is the parser's own copy);
 * - a value of the wrong type is an error with Go's `json: cannot unmarshal ...` text;
 * - unknown keys of the pipeline, jobs, resources, resource types, groups, var sources and display are
 *   warnings (`fly validate-pipeline --strict` rejects them); unknown keys of steps and of a task's inline
 *   config are left to the `step-unknown-fields` rule (Concourse's StepValidator reports them);
 * - steps are read by Concourse's precedence: no core step key is an error.
 *
 * Never throws and never recurses deeper than {@link MAX_STEP_DEPTH} nested steps.
 */
export function checkShape(value: unknown): ShapeResult {
  const diagnostics: Diagnostic[] = [];
  const state: State = { diagnostics, wellFormed: true };
  if (value === null || value === undefined) return { isMapping: true, wellFormed: true, diagnostics };
  if (!isObject(value)) {
    typeError(state, value, "atc.Config", ROOT);
    return { isMapping: false, wellFormed: false, diagnostics };
  }
  // the common case, a pipeline with nothing to report, is answered by a quick pass that builds no positions
  if (!quick(value, CONFIG, 0)) checkValue(state, value, CONFIG, ROOT, undefined, "");
  return { isMapping: true, wellFormed: state.wellFormed, diagnostics };
}

/**
 * The two passes of {@link checkShape} on their own (for the test that holds them to each other): the quick pass's
 * yes/no, and the diagnostics of the full check (which converts coerced values in place, as `checkShape` does).
 */
export const shapePasses = {
  quick: (value: Record<string, unknown>): boolean => quick(value, CONFIG, 0),
  full: (value: Record<string, unknown>): Diagnostic[] => {
    const state: State = { diagnostics: [], wellFormed: true };
    checkValue(state, value, CONFIG, ROOT, undefined, "");
    return state.diagnostics;
  },
};

export interface ShapeResult {
  /** Whether the document is a mapping (or empty), so there is a pipeline to speak of. */
  readonly isMapping: boolean;
  /** No error-level diagnostic: every value has the type Concourse expects; rules may run. */
  readonly wellFormed: boolean;
  readonly diagnostics: Diagnostic[];
}

/** Steps nested deeper than this are reported and not read further (the step walker is recursive). */
export const MAX_STEP_DEPTH = 64;

// ---------------------------------------------------------------------------------------------------
// Type descriptors, mirroring the Go types

type Desc =
  | { readonly k: "string" }
  | { readonly k: "bool" }
  | { readonly k: "int" }
  | { readonly k: "any" }
  | { readonly k: "list"; readonly go: string; readonly of: Desc }
  | { readonly k: "map"; readonly go: string; readonly of: Desc }
  | {
      readonly k: "struct";
      readonly go: string;
      /** `go` without its package (`TaskConfig`), as Go names the struct in a type error. */
      readonly name: string;
      readonly fields: ReadonlyMap<string, Desc>;
      readonly unknown: Unknown;
    }
  | { readonly k: "step"; readonly optional?: true }
  | { readonly k: "custom"; readonly check: CustomCheck; readonly quick: QuickCheck | undefined };

/** What happens to keys a struct does not know: strict (fly --strict rejects them), ignored by Concourse, or left to a rule. */
type Unknown = "strict" | "ignored" | "rule";
type CustomCheck = (state: State, value: unknown, at: At, holder: Holder, key: PathSegment) => void;
/**
 * Whether a value certainly passes a custom check with nothing to report or change (see {@link quick}); `depth`
 * is the step nesting depth. A custom check without one is always checked in full.
 */
type QuickCheck = (value: unknown, depth: number) => boolean;
/** The object or array holding a value (so a coerced value can be written back), with the value's key. */
type Holder = Record<string, unknown> | unknown[] | undefined;

const STRING: Desc = { k: "string" };
const BOOL: Desc = { k: "bool" };
const INT: Desc = { k: "int" };
const ANY: Desc = { k: "any" };
const STEP: Desc = { k: "step" };
/** A `*Step` field (a job's hooks): null means absent, unlike a `Step` field, where null is "no step configured". */
const OPTIONAL_STEP: Desc = { k: "step", optional: true };
const list = (go: string, of: Desc): Desc => ({ k: "list", go, of });
const map = (go: string, of: Desc): Desc => ({ k: "map", go, of });
const struct = (go: string, unknown: Unknown, fields: Record<string, Desc>): Desc & { k: "struct" } => ({
  k: "struct",
  go,
  name: go.replace(/^atc\./, ""),
  fields: new Map(Object.entries(fields)),
  unknown,
});
const custom = (check: CustomCheck, quick?: QuickCheck): Desc => ({ k: "custom", check, quick });

const STRINGS = list("[]string", STRING);
const TAGS = list("atc.Tags", STRING);
const PARAMS = map("atc.Params", ANY);
const SOURCE = map("atc.Source", ANY);
const VERSION = map("atc.Version", STRING);
const STRING_MAP = map("map[string]string", STRING);

/** `check_every`: a string, `never` or a Go duration (atc/config.go `CheckEvery.UnmarshalJSON`). */
const CHECK_EVERY = custom(
  (state, value, at) => {
    if (value === null) return;
    if (typeof value !== "string") {
      valueError(state, at, "non-string value provided");
      return;
    }
    if (value === "" || value === "never") return;
    const error = goDurationError(value);
    if (error !== undefined) valueError(state, at, error);
  },
  (value) =>
    value === null ||
    (typeof value === "string" && (value === "" || value === "never" || goDurationError(value) === undefined)),
);

const MEMORY_LIMIT = /^([0-9]+)(([KMG])(i)?B?)?$/i;

const CONTAINER_LIMITS = struct("atc.ContainerLimits", "ignored", {
  // atc/container_limits.go: CPULimit reads a float64; MemoryLimit a number or a size string
  cpu: custom(
    (state, value, at) => {
      if (value !== null && typeof value !== "number") valueError(state, at, "cpu limit must be an integer");
    },
    (value) => value === null || typeof value === "number",
  ),
  memory: custom(
    (state, value, at) => {
      if (typeof value === "string" && !MEMORY_LIMIT.test(value)) {
        valueError(state, at, "could not parse container memory limit");
      }
    },
    (value) => typeof value !== "string" || MEMORY_LIMIT.test(value),
  ),
});

/** Task `params` (atc/task.go `TaskEnv`): a mapping whose values are all coerced to strings. */
const TASK_ENV = custom(
  (state, value, at) => {
    if (value !== null && !isObject(value)) typeError(state, value, "map[string]atc.CoercedString", at);
  },
  (value) => value === null || isObject(value),
);

/** `get.version` (atc/steps.go `VersionConfig`): `latest`, `every`, any string, or a map of strings. */
const VERSION_CONFIG = custom(
  (state, value, at) => {
    if (value === null || typeof value === "string") return;
    if (!isObject(value)) {
      valueError(state, at, "unknown type for version");
      return;
    }
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (typeof v !== "string") valueError(state, child(at, key), `the value ${goValue(v)} of ${key} is not a string`);
    }
  },
  (value) => value === null || typeof value === "string" || (isObject(value) && everyValue(value, isString)),
);

/** `put.inputs` (atc/steps.go `InputsConfig`): `all`, `detect`, or a list of strings. */
const INPUTS_CONFIG = custom(
  (state, value, at) => {
    if (value === null || typeof value === "string") return;
    if (!Array.isArray(value)) {
      valueError(state, at, "unknown type for put inputs");
      return;
    }
    value.forEach((v, i) => {
      if (typeof v !== "string") valueError(state, child(at, i), `non-string put input: ${goValue(v)}`);
    });
  },
  (value) => value === null || typeof value === "string" || (Array.isArray(value) && value.every(isString)),
);

const ACROSS_VAR_FIELDS: Readonly<Record<string, Desc>> = {
  var: STRING,
  values: ANY,
  max_in_flight: custom((state, value, here) => {
    if (value === null) return;
    if (typeof value === "string") {
      if (value !== "all") valueError(state, here, `invalid max_in_flight ${JSON.stringify(value)}`);
      return;
    }
    checkValue(state, value, INT, here, undefined, "");
  }),
};

const ACROSS_VAR_STRUCT = struct("atc.target", "rule", ACROSS_VAR_FIELDS);

/** An across var (atc/steps.go `AcrossVarConfig`), decoded strictly: unknown keys are errors. */
const ACROSS_VAR = custom((state, value, here, holder, key) => {
  // Go names the decode target of AcrossVarConfig.UnmarshalJSON `target`
  checkValue(state, value, ACROSS_VAR_STRUCT, here, holder, key);
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(ACROSS_VAR_FIELDS, key))
      valueError(state, child(here, key), `json: unknown field ${JSON.stringify(key)}`);
  }
});

const TASK_CACHE_STRUCT = struct("atc.alias", "ignored", { path: STRING, ttl: STRING });

/** A task cache (atc/task.go `TaskCacheConfig`): a `ttl` must be a duration of at least 1s. */
const TASK_CACHE = custom((state, value, at, holder, key) => {
  // Go names the decode target of TaskCacheConfig.UnmarshalJSON `alias`
  checkValue(state, value, TASK_CACHE_STRUCT, at, holder, key);
  if (!isObject(value) || typeof value.ttl !== "string" || value.ttl === "") return;
  const ttlAt = child(at, "ttl");
  const parsed = goParseDuration(value.ttl);
  if (!parsed.ok) valueError(state, ttlAt, `invalid cache ttl '${value.ttl}': ${parsed.error}`);
  else if (parsed.ns < 1_000_000_000n) {
    valueError(state, ttlAt, `cache ttl must be at least 1s, got '${value.ttl}'`);
  }
});

const IMAGE_RESOURCE = struct("atc.ImageResource", "ignored", {
  name: STRING,
  type: STRING,
  source: SOURCE,
  version: VERSION,
  params: PARAMS,
  tags: TAGS,
});

const TASK_CONFIG_FIELD_TYPE: Readonly<Record<TaskConfigField, Desc>> = {
  platform: STRING,
  rootfs_uri: STRING,
  image_resource: IMAGE_RESOURCE,
  container_limits: CONTAINER_LIMITS,
  params: TASK_ENV,
  run: struct("atc.TaskRunConfig", "ignored", { path: STRING, args: STRINGS, dir: STRING, user: STRING }),
  inputs: list(
    "[]atc.TaskInputConfig",
    struct("atc.TaskInputConfig", "ignored", { name: STRING, path: STRING, optional: BOOL }),
  ),
  outputs: list("[]atc.TaskOutputConfig", struct("atc.TaskOutputConfig", "ignored", { name: STRING, path: STRING })),
  caches: list("[]atc.TaskCacheConfig", TASK_CACHE),
};

const TASK_CONFIG_STRUCT = struct(
  "atc.TaskConfig",
  "rule",
  Object.fromEntries(TASK_CONFIG_FIELDS.map((f) => [f, TASK_CONFIG_FIELD_TYPE[f]])),
);

/** A task's inline config (atc/task.go `TaskConfig`); unknown keys are the StepValidator's business. */
const TASK_CONFIG = custom(
  (state, value, at, holder, key) => {
    if (value !== null && !isObject(value)) {
      typeError(state, value, "map[string]*json.RawMessage", at);
      return;
    }
    checkValue(state, value, TASK_CONFIG_STRUCT, at, holder, key);
  },
  (value, depth) => value === null || (isObject(value) && quickStruct(value, TASK_CONFIG_STRUCT, depth)),
);

const IN_PARALLEL_STRUCT = struct("atc.target", "ignored", {
  steps: list("[]atc.Step", STEP),
  limit: INT,
  fail_fast: BOOL,
});

/** `in_parallel` (atc/steps.go `InParallelConfig`): a list of steps, or `{ steps, limit, fail_fast }`. */
const IN_PARALLEL = custom(
  (state, value, at) => {
    if (Array.isArray(value)) {
      const inner = restart(wrap(at, "failed to unmarshal parallel steps: "), undefined);
      for (let i = 0; i < value.length; i++) checkStep(state, value[i], child(inner, i), "map[string]*json.RawMessage");
      return;
    }
    if (isObject(value)) {
      const inner = restart(wrap(at, "failed to unmarshal parallel config: "), "target");
      checkValue(state, value, IN_PARALLEL_STRUCT, inner, undefined, "");
      return;
    }
    valueError(state, at, `wrong type for parallel config: ${goValue(value)}`);
  },
  (value, depth) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!quickStep(value[i], depth)) return false;
      return true;
    }
    return isObject(value) && quickStruct(value, IN_PARALLEL_STRUCT, depth);
  },
);

/** The Go type of each field a step detector reads (atc/steps.go); the task step's `params` is {@link TASK_ENV}. */
const STEP_FIELD_TYPE: Readonly<Record<StepField, Desc>> = {
  ensure: STEP,
  on_error: STEP,
  on_abort: STEP,
  on_failure: STEP,
  on_success: STEP,
  across: list("[]atc.AcrossVarConfig", ACROSS_VAR),
  fail_fast: BOOL,
  attempts: INT,
  run: STRING,
  type: STRING,
  params: PARAMS,
  privileged: BOOL,
  tags: TAGS,
  container_limits: CONTAINER_LIMITS,
  timeout: STRING,
  task: STRING,
  hermetic: BOOL,
  file: STRING,
  config: TASK_CONFIG,
  vars: PARAMS,
  input_mapping: STRING_MAP,
  output_mapping: STRING_MAP,
  image: STRING,
  put: STRING,
  resource: STRING,
  inputs: INPUTS_CONFIG,
  get_params: PARAMS,
  no_get: BOOL,
  get: STRING,
  version: VERSION_CONFIG,
  passed: STRINGS,
  trigger: BOOL,
  set_pipeline: STRING,
  team: STRING,
  var_files: STRINGS,
  instance_vars: map("atc.InstanceVars", ANY),
  load_var: STRING,
  format: STRING,
  reveal: BOOL,
  try: STEP,
  do: list("[]atc.Step", STEP),
  in_parallel: IN_PARALLEL,
};

const STEP_FIELD_TYPES: ReadonlyMap<string, Desc> = new Map(Object.entries(STEP_FIELD_TYPE));

/** The Go type of a step field, as the detector that reads it (the owner of the key) reads it. */
const stepFieldType = (owner: StepDetector, key: string): Desc | undefined =>
  owner.key === "task" && key === "params" ? TASK_ENV : STEP_FIELD_TYPES.get(key);

const NAMED_TYPE_FIELDS = {
  name: STRING,
  type: STRING,
  source: SOURCE,
  defaults: SOURCE,
  privileged: BOOL,
  check_every: CHECK_EVERY,
  tags: TAGS,
  params: PARAMS,
} satisfies Record<ResourceTypeField, Desc>;

const JOB = struct("atc.JobConfig", "strict", {
  name: STRING,
  old_name: STRING,
  public: BOOL,
  disable_manual_trigger: BOOL,
  disable_reruns: BOOL,
  serial: BOOL,
  interruptible: BOOL,
  serial_groups: STRINGS,
  max_in_flight: INT,
  tags: TAGS,
  build_logs_to_retain: INT,
  build_log_retention: struct("atc.BuildLogRetention", "strict", {
    builds: INT,
    minimum_succeeded_builds: INT,
    days: INT,
  } satisfies Record<BuildLogRetentionField, Desc>),
  on_success: OPTIONAL_STEP,
  on_failure: OPTIONAL_STEP,
  on_abort: OPTIONAL_STEP,
  on_error: OPTIONAL_STEP,
  ensure: OPTIONAL_STEP,
  plan: list("[]atc.Step", STEP),
} satisfies Record<JobField, Desc>);

const CONFIG = struct("atc.Config", "strict", {
  groups: list(
    "atc.GroupConfigs",
    struct("atc.GroupConfig", "strict", {
      name: STRING,
      jobs: STRINGS,
      resources: STRINGS,
    } satisfies Record<GroupField, Desc>),
  ),
  var_sources: list(
    "atc.VarSourceConfigs",
    struct("atc.VarSourceConfig", "strict", {
      name: STRING,
      type: STRING,
      config: ANY,
    } satisfies Record<VarSourceField, Desc>),
  ),
  resources: list(
    "atc.ResourceConfigs",
    struct("atc.ResourceConfig", "strict", {
      name: STRING,
      old_name: STRING,
      public: BOOL,
      webhook_token: STRING,
      type: STRING,
      source: SOURCE,
      check_every: CHECK_EVERY,
      check_timeout: STRING,
      tags: TAGS,
      version: VERSION,
      icon: STRING,
      expose_build_created_by: BOOL,
    } satisfies Record<ResourceField, Desc>),
  ),
  resource_types: list("atc.ResourceTypes", struct("atc.ResourceType", "strict", NAMED_TYPE_FIELDS)),
  prototypes: list("atc.Prototypes", struct("atc.Prototype", "strict", NAMED_TYPE_FIELDS)),
  jobs: list("atc.JobConfigs", JOB),
  display: struct("atc.DisplayConfig", "strict", {
    background_image: STRING,
    background_filter: STRING,
  } satisfies Record<DisplayField, Desc>),
  user_data: ANY,
} satisfies Record<ConfigField, Desc>);

// ---------------------------------------------------------------------------------------------------
// The checker

function checkValue(state: State, value: unknown, desc: Desc, here: At, holder: Holder, key: PathSegment): void {
  switch (desc.k) {
    case "any":
      if (typeof value === "object" && value !== null) checkDepth(state, value, here);
      return;
    case "string":
      if (value === null || typeof value === "string") return;
      if (here.coerce && (typeof value === "number" || typeof value === "boolean") && Number.isFinite(Number(value))) {
        if (Array.isArray(holder)) holder[key as number] = String(value);
        else if (holder !== undefined) setOwn(holder, String(key), String(value));
        return;
      }
      typeError(state, value, "string", here);
      return;
    case "bool":
      if (value === null || typeof value === "boolean") return;
      typeError(state, value, "bool", here);
      return;
    case "int":
      if (value === null || (typeof value === "number" && Number.isSafeInteger(value))) return;
      typeError(state, value, "int", here, typeof value === "number");
      return;
    case "list":
      if (value === null) return;
      if (!Array.isArray(value)) {
        typeError(state, value, desc.go, here);
        return;
      }
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (fine(item, desc.of)) continue;
        // an entry of a list of structs (jobs, resources, task inputs, ...) is first checked quickly, without
        // positions: only an entry with something to report is checked in full (schema-bounded, so linear)
        if (desc.of.k === "struct" && quick(item, desc.of, here.depth)) continue;
        checkValue(state, item, desc.of, child(here, i), value, i);
      }
      return;
    case "map":
      if (value === null) return;
      if (!isObject(value)) {
        typeError(state, value, desc.go, here);
        return;
      }
      if (desc.of.k === "any") {
        checkDepth(state, value, here);
        return;
      }
      for (const k of Object.keys(value)) {
        if (!fine(value[k], desc.of)) checkValue(state, value[k], desc.of, child(here, k), value, k);
      }
      return;
    case "struct":
      if (value === null) return;
      if (!isObject(value)) {
        typeError(state, value, desc.go, here);
        return;
      }
      checkStruct(state, value, desc, here);
      return;
    case "step":
      if (desc.optional === true && value === null) return;
      checkStep(state, value, here, "map[string]*json.RawMessage");
      return;
    case "custom":
      desc.check(state, value, here, holder, key);
      return;
  }
}

/** Free-form values (`source`, `params`, ...) nested deeper than this are reported (consumers recurse into them). */
export const MAX_VALUE_DEPTH = 100;

/** Reports a free-form value nested deeper than {@link MAX_VALUE_DEPTH}, without recursing. */
function checkDepth(state: State, value: object, here: At): void {
  const stack: [unknown, At, number][] = [[value, here, 0]];
  while (stack.length > 0) {
    const [v, a, depth] = stack.pop() as [unknown, At, number];
    if (typeof v !== "object" || v === null) continue;
    if (depth >= MAX_VALUE_DEPTH) {
      tooDeep(state, `value is nested more than ${MAX_VALUE_DEPTH} levels deep`, a);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++)
        if (typeof v[i] === "object" && v[i] !== null) stack.push([v[i], child(a, i), depth + 1]);
    } else {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o))
        if (typeof o[k] === "object" && o[k] !== null) stack.push([o[k], child(a, k), depth + 1]);
    }
  }
}

/** Whether a value obviously has its type, so no position needs to be built for it (the common case). */
function fine(value: unknown, desc: Desc): boolean {
  switch (desc.k) {
    case "any":
      return true;
    case "string":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "int":
      return typeof value === "number" && Number.isSafeInteger(value);
    default:
      return false;
  }
}

function checkStruct(state: State, value: Record<string, unknown>, desc: Desc & { k: "struct" }, here: At): void {
  const goName = desc.name;
  for (const key of Object.keys(value)) {
    const fieldDesc = desc.fields.get(key);
    if (fieldDesc === undefined) {
      if (desc.unknown === "rule") continue;
      unknownField(state, child(here, key), key, desc.unknown === "strict");
      continue;
    }
    if (!fine(value[key], fieldDesc)) checkValue(state, value[key], fieldDesc, field(here, key, goName), value, key);
  }
}

/** One step, read by Concourse's precedence; `notObject` is the Go type named when it is not a mapping. */
function checkStep(state: State, value: unknown, here: At, notObject: string): void {
  if (value === null || value === undefined) {
    valueError(state, here, "no step configured", "step-empty");
    return;
  }
  if (!isObject(value)) {
    typeError(state, value, notObject, here);
    return;
  }
  if (here.depth >= MAX_STEP_DEPTH) {
    tooDeep(state, `steps are nested more than ${MAX_STEP_DEPTH} levels deep`, here);
    return;
  }
  const detectors = stepDetectors(value);
  const stepAt = enterStep(here);
  for (const key of Object.keys(value)) {
    const owner = fieldOwner(detectors, key);
    if (owner === undefined) continue; // an unknown field: the StepValidator's (and step-unknown-fields') business
    const desc = stepFieldType(owner, key);
    if (desc === undefined || fine(value[key], desc)) continue;
    checkValue(state, value[key], desc, field(detectorAt(stepAt, owner), key, owner.go), value, key);
  }
  if (detectors === 0) {
    const hint = Object.hasOwn(value, "aggregate")
      ? " (`aggregate` was removed in Concourse 7: use `in_parallel`)"
      : "";
    valueError(state, here, "no step configured", "step-empty", hint);
    return;
  }
  if (coreDetector(detectors) === undefined) {
    valueError(state, here, "no core step type declared (e.g. get, put, task, etc.)", "step-no-core-type");
    return;
  }
}

function detectorAt(stepAt: At, detector: StepDetector): At {
  return restart(wrap(stepAt, `malformed ${detector.key} step: `), detector.go);
}

// ---------------------------------------------------------------------------------------------------
// The quick pass: the same descriptors, read as a yes/no question

/**
 * Whether `value` certainly has the type `desc` describes with nothing to report and nothing to coerce, so that
 * {@link checkValue} would leave no diagnostic and change nothing: it allocates nothing and answers no at the
 * first doubt (a wrong type, a number for a string, an unknown key, a custom check without a quick form, too deep),
 * leaving that value to the full check. `depth` is the step nesting depth, as `At.depth`.
 */
function quick(value: unknown, desc: Desc, depth: number): boolean {
  switch (desc.k) {
    case "any":
      return typeof value !== "object" || value === null || shallow(value, 0);
    case "string":
      return value === null || typeof value === "string";
    case "bool":
      return value === null || typeof value === "boolean";
    case "int":
      return value === null || (typeof value === "number" && Number.isSafeInteger(value));
    case "list":
      if (value === null) return true;
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!quick(value[i], desc.of, depth)) return false;
      return true;
    case "map":
      if (value === null) return true;
      if (!isObject(value)) return false;
      if (desc.of.k === "any") return shallow(value, 0);
      for (const key in value) if (Object.hasOwn(value, key) && !quick(value[key], desc.of, depth)) return false;
      return true;
    case "struct":
      return value === null || (isObject(value) && quickStruct(value, desc, depth));
    case "step":
      return (desc.optional === true && value === null) || quickStep(value, depth);
    case "custom":
      return desc.quick?.(value, depth) ?? false;
  }
}

function quickStruct(value: Record<string, unknown>, desc: Desc & { k: "struct" }, depth: number): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const fieldDesc = desc.fields.get(key);
    if (fieldDesc === undefined) {
      if (desc.unknown === "rule") continue;
      return false;
    }
    if (!quick(value[key], fieldDesc, depth)) return false;
  }
  return true;
}

function quickStep(value: unknown, depth: number): boolean {
  if (!isObject(value) || depth >= MAX_STEP_DEPTH) return false;
  const detectors = stepDetectors(value);
  if (coreDetector(detectors) === undefined) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const owner = fieldOwner(detectors, key);
    if (owner === undefined) continue;
    const desc = stepFieldType(owner, key);
    if (desc !== undefined && !quick(value[key], desc, depth + 1)) return false;
  }
  return true;
}

/** Whether no object inside a free-form value is {@link MAX_VALUE_DEPTH} or more levels below it. */
function shallow(value: object, depth: number): boolean {
  if (depth >= MAX_VALUE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object" && v !== null && !shallow(v, depth + 1)) return false;
    }
    return true;
  }
  for (const key in value) {
    const v: unknown = (value as Record<string, unknown>)[key];
    if (typeof v === "object" && v !== null && Object.hasOwn(value, key) && !shallow(v, depth + 1)) return false;
  }
  return true;
}

const isString = (v: unknown): v is string => typeof v === "string";

function everyValue(value: Record<string, unknown>, test: (v: unknown) => boolean): boolean {
  for (const key in value) if (Object.hasOwn(value, key) && !test(value[key])) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** Sets an own property, even `__proto__`, without touching any prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
