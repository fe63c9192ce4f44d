/**
 * A pipeline config as Concourse stores it, for comparing: fly decodes both the saved config and the new one into
 * `atc.Config` and compares their encodings (`atc/config_diff.go` `practicallyDifferent`;
 * `fly/commands/internal/setpipelinehelpers/atc_config.go`), and the server saves the encoding of the decoded
 * config. So a field tagged `omitempty` in Concourse's structs that holds its zero value (`trigger: false`,
 * `serial: false`, `params: {}`, `tags: []`) is no field at all, a `check_every` is written as Go writes a
 * duration (`1m` → `1m0s`, `atc.CheckEvery.MarshalJSON`), and an `in_parallel` list is its `steps`
 * (`atc.InParallelConfig` has no list form when encoded). Free-form values (`source`, `params`' contents, a task's
 * `config`) are kept as they are. Pointer fields (a task's `config`, a get's `version`, ...) are omitted only when
 * null, which is not what this drops.
 */

import { OMIT_EMPTY_FIELDS as OMIT_EMPTY } from "../concourse/config-fields.ts";
import { goDurationString, goParseDuration } from "../concourse/go-duration.ts";
import {
  fieldOwner,
  IN_PARALLEL_OMIT_EMPTY,
  STEP_OMIT_EMPTY_FIELDS,
  type StepField,
  stepDetectors,
} from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import type { Pipeline } from "../model/pipeline.ts";
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

/** `check_every` as Go writes the duration it read; a value Go does not read is left for the server to refuse. */
function normaliseCheckEvery(target: Record<string, unknown>): void {
  const value = target.check_every;
  if (typeof value !== "string" || value === "" || value === "never") return;
  const parsed = goParseDuration(value);
  if (parsed.ok) target.check_every = goDurationString(parsed.ns);
}

const objects = (section: unknown): Record<string, unknown>[] =>
  Array.isArray(section) ? section.filter((item): item is Record<string, unknown> => isObject(item)) : [];

/** `config` as Concourse would store it (see the module's comment); `config` itself is not changed. */
export function storedConfig(config: unknown): unknown {
  if (!isObject(config)) return config;
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const group of objects(copy.groups)) dropEmpty(group, OMIT_EMPTY.group);
  for (const resource of objects(copy.resources)) {
    dropEmpty(resource, OMIT_EMPTY.resource);
    normaliseCheckEvery(resource);
  }
  for (const type of [...objects(copy.resource_types), ...objects(copy.prototypes)]) {
    dropEmpty(type, OMIT_EMPTY.resourceType);
    normaliseCheckEvery(type);
  }
  for (const job of objects(copy.jobs)) dropEmpty(job, OMIT_EMPTY.job);
  if (isObject(copy.display)) dropEmpty(copy.display, OMIT_EMPTY.display);
  const steps = Array.isArray(copy.jobs) ? collectPipelineSteps(copy as unknown as Pick<Pipeline, "jobs">) : [];
  for (const { step } of steps) normaliseStep(step as unknown as Record<string, unknown>);
  return copy;
}

function normaliseStep(step: Record<string, unknown>): void {
  const detectors = stepDetectors(step);
  for (const key of Object.keys(step)) {
    const owner = fieldOwner(detectors, key);
    if (
      owner !== undefined &&
      STEP_OMIT_EMPTY_FIELDS[owner.go]?.includes(key as StepField) === true &&
      isEmpty(step[key])
    ) {
      delete step[key];
    }
  }
  if (fieldOwner(detectors, "in_parallel")?.go !== "InParallelStep") return;
  const config = Array.isArray(step.in_parallel) ? { steps: step.in_parallel } : step.in_parallel;
  if (isObject(config)) {
    const encoded = { ...config };
    dropEmpty(encoded, IN_PARALLEL_OMIT_EMPTY);
    step.in_parallel = encoded;
  }
}
