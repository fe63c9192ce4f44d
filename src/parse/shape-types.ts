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
/** Concourse's config types (atc/config.go, atc/job_config.go, atc/steps.go, atc/task.go) as shape descriptors. */
import { memoryLimitError } from "../concourse/container-limits.ts";
import { goDurationError, goParseDuration } from "../concourse/go-duration.ts";
import { goValue } from "../concourse/go-format.ts";
import { foldedFieldNames, goJsonFold } from "../concourse/go-json-fields.ts";
import {
  fieldOwner,
  type StepDetector,
  type StepField,
  TASK_CONFIG_FIELDS,
  type TaskConfigField,
  type TaskConfigPartField,
} from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import {
  ANY,
  BOOL,
  custom,
  customOfParts,
  type Desc,
  fieldOf,
  INT,
  list,
  map,
  OPTIONAL_STEP,
  STEP,
  STRING,
  type StructDesc,
  struct,
} from "./shape-descriptor.ts";
import { readFields, structFields } from "./shape-fold.ts";

const STRINGS = list("[]string", STRING);
const TAGS = list("atc.Tags", STRING);
const PARAMS = map("atc.Params", ANY);
const SOURCE = map("atc.Source", ANY);
const VERSION = map("atc.Version", STRING);
const STRING_MAP = map("map[string]string", STRING);

/** `check_every`: a string, `never` or a Go duration (atc/config.go `CheckEvery.UnmarshalJSON`). */
const CHECK_EVERY = custom((value, c) => {
  if (value === null) return;
  if (typeof value !== "string") {
    c.invalid("non-string value provided");
    return;
  }
  if (value === "" || value === "never") return;
  const error = goDurationError(value);
  if (error !== undefined) c.invalid(error);
});

const CONTAINER_LIMITS = struct("atc.ContainerLimits", "ignored", {
  // atc/container_limits.go: CPULimit reads a float64; MemoryLimit a number or a size string
  cpu: custom((value, c) => {
    if (value !== null && typeof value !== "number") c.invalid("cpu limit must be an integer");
  }),
  memory: custom((value, c) => {
    const error = typeof value === "string" ? memoryLimitError(value) : undefined;
    if (error !== undefined) c.invalid(error);
  }),
} satisfies Record<TaskConfigPartField<"container_limits">, Desc>);

/** Task `params` (atc/task.go `TaskEnv`): a mapping whose values are all coerced to strings. */
const TASK_ENV = custom((value, c) => {
  if (value !== null && !isObject(value)) c.notType(value, "map[string]atc.CoercedString");
});

/** `get.version` (atc/steps.go `VersionConfig`): `latest`, `every`, any string, or a map of strings. */
const VERSION_CONFIG = custom((value, c) => {
  if (value === null || typeof value === "string") return;
  if (!isObject(value)) {
    c.invalid("unknown type for version");
    return;
  }
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v !== "string") c.invalid(`the value ${goValue(v)} of ${key} is not a string`, key);
  }
});

/** `put.inputs` (atc/steps.go `InputsConfig`): `all`, `detect`, or a list of strings. */
const INPUTS_CONFIG = custom((value, c) => {
  if (value === null || typeof value === "string") return;
  if (!Array.isArray(value)) {
    c.invalid("unknown type for put inputs");
    return;
  }
  value.forEach((v, i) => {
    if (typeof v !== "string") c.invalid(`non-string put input: ${goValue(v)}`, i);
  });
});

const ACROSS_VAR_FIELDS: Readonly<Record<string, Desc>> = {
  var: STRING,
  values: ANY,
  max_in_flight: custom(
    (value, c) => {
      if (value === null) return;
      if (typeof value === "string") {
        if (value !== "all") c.invalid(`invalid max_in_flight ${JSON.stringify(value)}`);
        return;
      }
      c.check(value, INT);
    },
    [INT, STRING],
  ),
};

const ACROSS_VAR_STRUCT = struct("atc.target", "rule", ACROSS_VAR_FIELDS);

/** An across var (atc/steps.go `AcrossVarConfig`), decoded strictly: unknown keys are errors. */
const ACROSS_VAR = customOfParts(
  (value, c) => {
    // Go names the decode target of AcrossVarConfig.UnmarshalJSON `target`
    c.check(value, ACROSS_VAR_STRUCT);
    if (!isObject(value)) return;
    // a strict decode, where a key in another case than a field's (`Var`) is the field's
    for (const key of Object.keys(value)) {
      if (fieldOf(ACROSS_VAR_STRUCT, key) === undefined) c.invalid(`json: unknown field ${JSON.stringify(key)}`, key);
    }
  },
  [ACROSS_VAR_STRUCT],
);

const TASK_CACHE_STRUCT = struct("atc.alias", "ignored", {
  path: STRING,
  ttl: STRING,
} satisfies Record<TaskConfigPartField<"caches">, Desc>);

/** A task cache (atc/task.go `TaskCacheConfig`): a `ttl` must be a duration of at least 1s. */
const TASK_CACHE = customOfParts(
  (value, c) => {
    // Go names the decode target of TaskCacheConfig.UnmarshalJSON `alias`
    c.check(value, TASK_CACHE_STRUCT);
    if (!isObject(value)) return;
    // the ttl as decoded, given as `ttl` or in another case (`TTL`)
    const { ttl } = readFields(value, structFields(TASK_CACHE_STRUCT), false);
    if (typeof ttl !== "string" || ttl === "") return;
    const parsed = goParseDuration(ttl);
    if (!parsed.ok) c.invalid(`invalid cache ttl '${ttl}': ${parsed.error}`, "ttl");
    else if (parsed.ns < 1_000_000_000n) c.invalid(`cache ttl must be at least 1s, got '${ttl}'`, "ttl");
  },
  [TASK_CACHE_STRUCT],
);

const IMAGE_RESOURCE = struct("atc.ImageResource", "ignored", {
  name: STRING,
  type: STRING,
  source: SOURCE,
  version: VERSION,
  params: PARAMS,
  tags: TAGS,
} satisfies Record<TaskConfigPartField<"image_resource">, Desc>);

const TASK_CONFIG_FIELD_TYPE: Readonly<Record<TaskConfigField, Desc>> = {
  platform: STRING,
  rootfs_uri: STRING,
  image_resource: IMAGE_RESOURCE,
  container_limits: CONTAINER_LIMITS,
  params: TASK_ENV,
  run: struct("atc.TaskRunConfig", "ignored", {
    path: STRING,
    args: STRINGS,
    dir: STRING,
    user: STRING,
  } satisfies Record<TaskConfigPartField<"run">, Desc>),
  inputs: list(
    "[]atc.TaskInputConfig",
    struct("atc.TaskInputConfig", "ignored", {
      name: STRING,
      path: STRING,
      optional: BOOL,
    } satisfies Record<TaskConfigPartField<"inputs">, Desc>),
  ),
  outputs: list(
    "[]atc.TaskOutputConfig",
    struct("atc.TaskOutputConfig", "ignored", {
      name: STRING,
      path: STRING,
    } satisfies Record<TaskConfigPartField<"outputs">, Desc>),
  ),
  caches: list("[]atc.TaskCacheConfig", TASK_CACHE),
};

const TASK_CONFIG_STRUCT: StructDesc = {
  ...struct(
    "atc.TaskConfig",
    "rule",
    Object.fromEntries(TASK_CONFIG_FIELDS.map((f) => [f, TASK_CONFIG_FIELD_TYPE[f]])),
  ),
  keepsUnknown: true,
};

/**
 * A task config file (atc/task.go `NewTaskConfig`): `TaskConfig.UnmarshalJSON` decodes it into an alias type, the
 * struct Go's errors name (`Go struct field taskConfigAlias.platform`); its unknown keys are the task config
 * validator's (src/validate/validate-task-config.ts).
 */
export const TASK_CONFIG_FILE: StructDesc = { ...TASK_CONFIG_STRUCT, name: "taskConfigAlias" };

/** A task's inline config (atc/task.go `TaskConfig`); unknown keys are the StepValidator's business. */
const TASK_CONFIG = customOfParts(
  (value, c) => {
    if (value !== null && !isObject(value)) {
      c.notType(value, "map[string]*json.RawMessage");
      return;
    }
    c.check(value, TASK_CONFIG_STRUCT);
  },
  [TASK_CONFIG_STRUCT],
);

const STEPS = list("[]atc.Step", STEP);

const IN_PARALLEL_STRUCT = struct("atc.target", "ignored", {
  steps: STEPS,
  limit: INT,
  fail_fast: BOOL,
});

/** `in_parallel` (atc/steps.go `InParallelConfig`): a list of steps, or `{ steps, limit, fail_fast }`. */
const IN_PARALLEL = customOfParts(
  (value, c) => {
    if (Array.isArray(value)) {
      const steps = c.nested("failed to unmarshal parallel steps: ", undefined);
      for (let i = 0; i < value.length; i++) steps.step(value[i], i);
      return;
    }
    if (isObject(value)) {
      c.nested("failed to unmarshal parallel config: ", "target").check(value, IN_PARALLEL_STRUCT);
      return;
    }
    c.invalid(`wrong type for parallel config: ${goValue(value)}`);
  },
  [STEPS, IN_PARALLEL_STRUCT],
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
  do: STEPS,
  in_parallel: IN_PARALLEL,
};

const STEP_FIELD_TYPES: ReadonlyMap<string, Desc> = new Map(Object.entries(STEP_FIELD_TYPE));

/** The Go type of a step field, as the detector that reads it (the owner of the key) reads it. */
export const stepFieldType = (owner: StepDetector, key: string): Desc | undefined =>
  owner.key === "task" && key === "params" ? TASK_ENV : STEP_FIELD_TYPES.get(key);

const STEP_FIELDS_FOLDED = foldedFieldNames(STEP_FIELD_TYPES.keys());

/**
 * The field of a step (of the detectors `detectors`) that a key decodes into: the key itself when a detector reads
 * it, else the field a detector reads that it matches ignoring case (`Resource` in a get step: the StepConfig is
 * decoded by encoding/json, where the step's kind is found and its known keys deleted by exact name, so the key is
 * both read and left among the unknown fields); undefined when none.
 */
export function stepFieldOf(detectors: number, key: string): { name: string; owner: StepDetector } | undefined {
  const exact = fieldOwner(detectors, key);
  if (exact !== undefined) return { name: key, owner: exact };
  const name = STEP_FIELDS_FOLDED.get(goJsonFold(key));
  const owner = name === undefined ? undefined : fieldOwner(detectors, name);
  return owner === undefined ? undefined : { name: name as string, owner };
}

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
  plan: STEPS,
} satisfies Record<JobField, Desc>);

export const CONFIG = struct("atc.Config", "strict", {
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
