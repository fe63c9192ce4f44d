/**
 * A pipeline config as Concourse stores it, for comparing: fly decodes both the saved config and the new one into
 * `atc.Config` and compares their encodings (`atc/config_diff.go` `practicallyDifferent`;
 * `fly/commands/internal/setpipelinehelpers/atc_config.go`), and the server saves the encoding of the decoded
 * config, which is what it answers when asked for the config. So:
 *
 * - a top-level key that is not one of `atc.Config`'s is dropped (`atc.UnmarshalConfig`), as is all it holds (a
 *   `meta:` holding YAML anchors);
 * - a field tagged `omitempty` in Concourse's structs that holds its zero value (`trigger: false`, `serial: false`,
 *   `params: {}`, `tags: []`) is no field at all, and neither is a null `source` (Go writes `source: null` for
 *   none) nor an empty `name` of an `image_resource` (Go writes `name: ""` for none);
 * - a `check_every` is written as Go writes a duration (`1m` → `1m0s`, `atc.CheckEvery.MarshalJSON`), and an
 *   `in_parallel` list is its `steps` (`atc.InParallelConfig` has no list form when encoded);
 * - a task's `params` (its step's and its config's, `atc.TaskEnv`) hold strings: `true` is `"true"`, `8080` is
 *   `"8080"`, a list or map is its JSON (`atc.CoercedString`);
 * - a task's inline `config` is an `atc.TaskConfig`: its structs keep only their own fields (Concourse reads past
 *   others), and a `container_limits`' `memory` is bytes (`1GB` → 1073741824) and its `cpu` a whole number;
 * - a get's `version` and a put's `inputs` that are text other than `latest`/`every` and `all`/`detect` are `""`.
 *
 * Other free-form values (`source`, `params`' contents elsewhere, `vars`) are kept as they are. Unknown keys of a
 * task config are kept, since the server refuses them (they are not stored).
 */

import {
  BUILD_LOG_RETENTION_FIELDS,
  CONFIG_FIELDS,
  type ConfigField,
  OMIT_EMPTY_FIELDS as OMIT_EMPTY,
} from "../concourse/config-fields.ts";
import { parseMemoryLimit } from "../concourse/container-limits.ts";
import { goDurationString, goParseDuration } from "../concourse/go-duration.ts";
import { goJson } from "../concourse/go-format.ts";
import {
  fieldOwner,
  IN_PARALLEL_OMIT_EMPTY,
  STEP_OMIT_EMPTY_FIELDS,
  type StepField,
  stepDetectors,
  TASK_CONFIG_OMIT_EMPTY,
  TASK_CONFIG_PARTS,
} from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import type { Job } from "../model/job.ts";
import { copyData } from "../walk/plain-data.ts";
import { collectPipelineSteps } from "../walk/walk-steps.ts";

type Fields = readonly string[];

/** Go's `omitempty`: false, 0, "", an empty list or map, or nil. */
const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === false ||
  value === 0 ||
  value === "" ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);

function dropEmpty(target: Record<string, unknown>, fields: Fields): void {
  for (const key of fields) if (Object.hasOwn(target, key) && isEmpty(target[key])) delete target[key];
}

/**
 * `check_every` as Go writes the duration it read (a zero one as "", as `CheckEvery.MarshalJSON` writes no interval);
 * a value Go does not read is left for the server to refuse.
 */
function normaliseCheckEvery(target: Record<string, unknown>): void {
  const value = target.check_every;
  if (typeof value !== "string" || value === "" || value === "never") return;
  const parsed = goParseDuration(value);
  if (parsed.ok) target.check_every = parsed.ns === 0n ? "" : goDurationString(parsed.ns);
}

const objects = (section: unknown): Record<string, unknown>[] =>
  Array.isArray(section) ? section.filter((item): item is Record<string, unknown> => isObject(item)) : [];

/** Deletes `key` of `target` when it holds `null` (a nil pointer or map, which Go leaves out or writes as null). */
function dropNull(target: Record<string, unknown>, key: string): void {
  if (target[key] === null) delete target[key];
}

/** A resource type's or a prototype's normalisation (`atc.ResourceType`, `atc.Prototype`). */
function normaliseType(type: Record<string, unknown>): void {
  dropEmpty(type, OMIT_EMPTY.resourceType);
  dropNull(type, "source");
  normaliseCheckEvery(type);
}

/** A job's normalisation: its own fields, then every step of its plan and hooks. */
function normaliseJob(job: Record<string, unknown>): void {
  dropEmpty(job, OMIT_EMPTY.job);
  if (isObject(job.build_log_retention)) dropEmpty(job.build_log_retention, BUILD_LOG_RETENTION_FIELDS);
  for (const { step } of collectPipelineSteps({ jobs: [job as unknown as Job] })) {
    normaliseStep(step as unknown as Record<string, unknown>);
  }
}

/**
 * How each top-level key's data is normalised, in place: each object of a named section's list (a job of `jobs`), or
 * the whole value of `display`. `user_data` is kept as it is.
 */
const NORMALISE: Readonly<Partial<Record<ConfigField, (target: Record<string, unknown>) => void>>> = {
  groups: (group) => dropEmpty(group, OMIT_EMPTY.group),
  var_sources: (source) => dropNull(source, "config"),
  resources: (resource) => {
    dropEmpty(resource, OMIT_EMPTY.resource);
    dropNull(resource, "source");
    normaliseCheckEvery(resource);
  },
  resource_types: normaliseType,
  prototypes: normaliseType,
  jobs: normaliseJob,
  display: (display) => dropEmpty(display, OMIT_EMPTY.display),
};

/** Whether a top-level key is one set-pipeline keeps (`atc.Config`'s). */
export const isConfigField = (key: string): key is ConfigField => (CONFIG_FIELDS as readonly string[]).includes(key);

/**
 * `value` as Concourse would store it (see the module's comment), where `key` is the top-level key it is under: an
 * object of a named section's list (a job under `jobs`), or the whole value of another key (`display`). A copy of
 * the object, so that only the parts compared pay for one; `value` itself is not changed.
 */
export function storedPart(key: ConfigField, value: unknown): unknown {
  const normalise = NORMALISE[key];
  if (normalise === undefined || !isObject(value)) return value;
  const copy = copyData(value);
  normalise(copy);
  return copy;
}

function normaliseStep(step: Record<string, unknown>): void {
  const detectors = stepDetectors(step);
  const ownerOf = (key: string) => fieldOwner(detectors, key)?.go;
  for (const key of Object.keys(step)) {
    const owner = fieldOwner(detectors, key);
    if (owner === undefined) continue;
    if (owner.go === "TaskStep" && key === "params") step.params = taskEnv(step.params);
    if (STEP_OMIT_EMPTY_FIELDS[owner.go]?.includes(key as StepField) === true && isEmpty(step[key])) delete step[key];
  }
  if (ownerOf("config") === "TaskStep" && isObject(step.config)) normaliseTaskConfig(step.config);
  const limitsOwner = ownerOf("container_limits");
  if ((limitsOwner === "TaskStep" || limitsOwner === "RunStep") && isObject(step.container_limits)) {
    normaliseContainerLimits(step.container_limits);
  }
  // VersionConfig and InputsConfig keep only the words they know; other text is written as ""
  if (
    ownerOf("version") === "GetStep" &&
    typeof step.version === "string" &&
    !/^(?:latest|every)$/.test(step.version)
  ) {
    step.version = "";
  }
  if (ownerOf("inputs") === "PutStep" && typeof step.inputs === "string" && !/^(?:all|detect)$/.test(step.inputs)) {
    step.inputs = "";
  }
  if (ownerOf("in_parallel") !== "InParallelStep") return;
  const config = Array.isArray(step.in_parallel) ? { steps: step.in_parallel } : step.in_parallel;
  if (isObject(config)) {
    const encoded = { ...config };
    dropEmpty(encoded, IN_PARALLEL_OMIT_EMPTY);
    step.in_parallel = encoded;
  }
}

/**
 * A task's `params` as `atc.TaskEnv` holds them: each value as text (`atc.CoercedString`), null as "", a list or map
 * as Go writes its JSON. A value that is not a map is left for the server to refuse.
 */
function taskEnv(params: unknown): unknown {
  if (!isObject(params)) return params;
  const text = (value: unknown): string =>
    typeof value === "string"
      ? value
      : value === null
        ? ""
        : isObject(value) || Array.isArray(value)
          ? goJson(value)
          : String(value);
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value === undefined ? value : text(value)]),
  );
}

/** Keeps only `fields` of `target`, and drops those of `omitEmpty` that hold their zero value. */
function keepFields(target: Record<string, unknown>, part: { fields: Fields; omitEmpty: Fields }): void {
  for (const key of Object.keys(target)) if (!part.fields.includes(key)) delete target[key];
  dropEmpty(target, part.omitEmpty);
}

/** An inline task config as `atc.TaskConfig` is written (see the module's comment). */
function normaliseTaskConfig(config: Record<string, unknown>): void {
  if (Object.hasOwn(config, "params")) config.params = taskEnv(config.params);
  dropEmpty(config, TASK_CONFIG_OMIT_EMPTY);
  dropNull(config, "image_resource");
  dropNull(config, "container_limits");
  const image = config.image_resource;
  if (isObject(image)) {
    keepFields(image, TASK_CONFIG_PARTS.image_resource);
    // name, type and source are always written: "" and null stand for none
    if (image.name === "") delete image.name;
    if (image.type === "") delete image.type;
    dropNull(image, "source");
  }
  const run = config.run;
  if (isObject(run)) {
    keepFields(run, TASK_CONFIG_PARTS.run);
    // `path` is always written, "" for none; a run with nothing in it is left out (omitzero)
    if (run.path === "" || run.path === null) delete run.path;
    if (Object.keys(run).length === 0) delete config.run;
  } else if (run === null) delete config.run;
  for (const part of ["inputs", "outputs", "caches"] as const) {
    for (const entry of objects(config[part])) keepFields(entry, TASK_CONFIG_PARTS[part]);
  }
  if (isObject(config.container_limits)) normaliseContainerLimits(config.container_limits);
}

/** `container_limits` as `atc.ContainerLimits` is written: memory in bytes, cpu a whole number, nothing else. */
function normaliseContainerLimits(limits: Record<string, unknown>): void {
  keepFields(limits, TASK_CONFIG_PARTS.container_limits);
  dropNull(limits, "cpu");
  dropNull(limits, "memory");
  if (typeof limits.cpu === "number" && limits.cpu >= 0) limits.cpu = Math.trunc(limits.cpu);
  const memory = limits.memory;
  if (typeof memory === "number" && memory >= 0) limits.memory = Math.trunc(memory);
  else if (typeof memory === "string") limits.memory = parseMemoryLimit(memory) ?? memory;
}
