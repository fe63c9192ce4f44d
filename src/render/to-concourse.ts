import type { Named } from "../model/common.ts";
import { HOOK_KEYS } from "../model/modifiers.ts";
import { STEP_KINDS, type StepKind, stepKindOrUndefined } from "../model/step.ts";
import { KEY_ORDER } from "./key-order.ts";

type Obj = Record<string, unknown>;
type Kind = keyof typeof KEY_ORDER;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Sets an own data property, also for keys such as `__proto__` that plain assignment would not. */
function setKey(out: Obj, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A reference (an object with a name, or a name) as the name Concourse reads. */
function refName(value: unknown): unknown {
  return isObject(value) && typeof value.name === "string" ? (value as unknown as Named).name : value;
}

/** A user payload (source, params, vars, config ...): keeps key order, drops undefined and null. */
function payload(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) if (item !== undefined && item !== null) out.push(payload(item));
    return out;
  }
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = value[key];
    if (v !== undefined && v !== null) setKey(out, key, payload(v));
  }
  return out;
}

/** How each known field of a model object is converted, by field name. */
type FieldConverters = Readonly<Record<string, (value: unknown) => unknown>>;

const mapList = (f: (v: unknown) => unknown) => (value: unknown) =>
  Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null).map(f) : payload(value);

/** Writes `value`'s fields in the kind's canonical order (unknown keys last), converting known ones. */
function ordered(value: Obj, order: readonly string[], converters: FieldConverters, out: Obj = {}): Obj {
  for (const key of order) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    const convert = converters[key];
    out[key] = convert ? convert(v) : payload(v);
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key) || Object.hasOwn(out, key)) continue;
    const v = value[key];
    if (v === undefined || v === null) continue;
    setKey(out, key, payload(v));
  }
  return out;
}

const names = mapList(refName);

const converters: Record<"step" | "job" | "taskConfig" | "resource" | "group" | "pipeline", FieldConverters> = {
  step: {
    get: refName,
    put: refName,
    resource: refName,
    passed: names,
    type: refName,
    image: refName,
    config: (v) => convertTaskConfig(v),
    try: (v) => convertStep(v),
    do: mapList((s) => convertStep(s)),
    in_parallel: (v) =>
      Array.isArray(v)
        ? mapList((s) => convertStep(s))(v)
        : isObject(v)
          ? ordered(v, KEY_ORDER.inParallelConfig, { steps: mapList((s) => convertStep(s)) })
          : payload(v),
    across: mapList((v) => (isObject(v) ? ordered(v, KEY_ORDER.acrossVar, {}) : payload(v))),
    ...hookConverters(),
  },
  job: {
    plan: mapList((s) => convertStep(s)),
    build_log_retention: (v) => (isObject(v) ? ordered(v, KEY_ORDER.buildLogRetention, {}) : payload(v)),
    ...hookConverters(),
  },
  taskConfig: {
    image_resource: (v) => (isObject(v) ? ordered(v, KEY_ORDER.imageResource, { type: refName }) : payload(v)),
    container_limits: (v) => (isObject(v) ? ordered(v, KEY_ORDER.containerLimits, {}) : payload(v)),
    inputs: mapList((v) => (isObject(v) ? ordered(v, KEY_ORDER.taskInput, {}) : payload(v))),
    outputs: mapList((v) => (isObject(v) ? ordered(v, KEY_ORDER.taskOutput, {}) : payload(v))),
    caches: mapList((v) => (isObject(v) ? ordered(v, KEY_ORDER.taskCache, {}) : payload(v))),
    run: (v) => (isObject(v) ? ordered(v, KEY_ORDER.taskRun, {}) : payload(v)),
  },
  resource: { type: refName },
  group: { jobs: names, resources: names },
  pipeline: {
    groups: mapList((v) => convertAs(v, "group")),
    var_sources: mapList((v) => convertAs(v, "varSource")),
    resource_types: mapList((v) => convertAs(v, "resource")),
    resources: mapList((v) => convertAs(v, "resource")),
    prototypes: mapList((v) => convertAs(v, "resource")),
    jobs: mapList((v) => convertAs(v, "job")),
    display: (v) => convertAs(v, "display"),
  },
};

function hookConverters(): FieldConverters {
  return Object.fromEntries(HOOK_KEYS.map((k) => [k, (v: unknown) => convertStep(v)]));
}

/** Each step kind's canonical order: its core fields, then modifiers and hooks. */
const STEP_ORDER = Object.fromEntries(
  STEP_KINDS.map((kind) => [kind, [...KEY_ORDER[kind], ...KEY_ORDER.modifiers]]),
) as unknown as Record<StepKind, readonly string[]>;

function convertStep(value: unknown): unknown {
  if (!isObject(value)) return payload(value);
  const kind = stepKindOrUndefined(value);
  return ordered(value, kind ? STEP_ORDER[kind] : KEY_ORDER.modifiers, converters.step);
}

function convertTaskConfig(value: unknown): unknown {
  return isObject(value) ? ordered(value, KEY_ORDER.taskConfig, converters.taskConfig) : payload(value);
}

function convertAs(value: unknown, kind: "group" | "varSource" | "resource" | "job" | "display" | "pipeline"): unknown {
  if (!isObject(value)) return payload(value);
  switch (kind) {
    case "group":
      return ordered(value, KEY_ORDER.group, converters.group);
    case "varSource":
      return ordered(value, KEY_ORDER.varSource, {});
    case "resource":
      return ordered(value, KEY_ORDER.resource, converters.resource);
    case "job":
      return ordered(value, KEY_ORDER.job, converters.job);
    case "display":
      return ordered(value, KEY_ORDER.display, {});
    case "pipeline":
      return ordered(value, KEY_ORDER.pipeline, converters.pipeline);
  }
}

/** What kind of hangar value `value` is, judged by its keys. */
function kindOf(value: Obj): Kind | "step" | undefined {
  // a task config's `run` is an object; a run step's is a string
  if ("platform" in value && isObject(value.run)) return "taskConfig";
  if (stepKindOrUndefined(value)) return "step";
  if ("plan" in value) return "job";
  // a group has a name and jobs; a pipeline or fragment has no name
  if ("name" in value && ("jobs" in value || "resources" in value)) return "group";
  if ("jobs" in value || "resources" in value || "resource_types" in value) return "pipeline";
  if ("type" in value && "name" in value) return "resource";
  return undefined;
}

/**
 * Any hangar value (pipeline, fragment, job, resource, resource type, step, task config) as the
 * plain, JSON-ready object Concourse reads: references are names, nothing is undefined or null, and
 * keys are in canonical order. Never mutates its argument.
 */
export function toConcourse<T>(value: T): unknown {
  if (!isObject(value)) return payload(value);
  switch (kindOf(value)) {
    case "step":
      return convertStep(value);
    case "job":
      return convertAs(value, "job");
    case "pipeline":
      return convertAs(value, "pipeline");
    case "taskConfig":
      return convertTaskConfig(value);
    case "resource":
      return convertAs(value, "resource");
    case "group":
      return convertAs(value, "group");
    default:
      return payload(value);
  }
}
