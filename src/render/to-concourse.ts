import { isObject, refName, setOwn } from "../model/common.ts";
import { STEP_KINDS, type StepKind, stepKindOrUndefined } from "../model/step.ts";
import { explainNotPlainData, objectProblem, undefinedItemError } from "../walk/plain-data.ts";
import { IN_PARALLEL_CONFIG_SLOTS, JOB_SLOTS, type SlotForm, type StepSlot, stepSlots } from "../walk/step-slots.ts";
import { KEY_ORDER } from "./key-order.ts";

type Obj = Record<string, unknown>;
type Kind = keyof typeof KEY_ORDER;

/** A reference (an object with a name, or a name) as the name Concourse reads; any other value as it is. */
const writeRef = (value: unknown): unknown => refName(value) ?? value;

/**
 * How a conversion treats what needs no change. `true` only for {@link toConcourseForText}: values that need no
 * change (plain objects and arrays with no reference, no undefined, and no null in a field of the model) are returned
 * as they are rather than copied, since the result is only written out as text and dropped.
 */
type Share = boolean;

const isPlain = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A copy of `value`'s own keys that come before `stop`, values unchanged. */
function copyUntil(value: Obj, stop: string): Obj {
  const out: Obj = {};
  for (const key in value) {
    if (key === stop) break;
    if (Object.hasOwn(value, key)) setOwn(out, key, value[key]);
  }
  return out;
}

/**
 * When sharing: the list with each item through `f`; itself if nothing changes. A list of the model's (`isPayload`
 * false: a plan, `passed`) leaves its undefined and null items out; a list of user data keeps null and refuses
 * undefined ({@link payload}).
 */
function shareList(value: readonly unknown[], f: Converter, isPayload: boolean): unknown {
  let out: unknown[] | undefined = Object.getPrototypeOf(value) === Array.prototype ? undefined : [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (item === undefined && isPayload) throw undefinedItemError(value, i);
    if (item === undefined || (item === null && !isPayload)) {
      out ??= value.slice(0, i);
      continue;
    }
    const c = f(item, true);
    if (out !== undefined) out.push(c);
    else if (c !== item) {
      out = value.slice(0, i);
      out.push(c);
    }
  }
  return out ?? value;
}

/** When sharing: {@link payload} of a plain object; the object itself if nothing changes. */
function sharePayload(value: Obj): Obj {
  let out: Obj | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = value[key];
    if (v === undefined) {
      out ??= copyUntil(value, key);
      continue;
    }
    const c = payload(v, true);
    if (out !== undefined) setOwn(out, key, c);
    else if (c !== v) {
      out = copyUntil(value, key);
      setOwn(out, key, c);
    }
  }
  return out ?? value;
}

/**
 * A user payload (source, params, vars, config ...): keeps key order, drops a key whose value is undefined. A null is
 * kept, as the Python original and Concourse keep it: a task's param set to null is an empty variable, not an absent
 * one, and a null in a list holds its place. Undefined in a list (a hole too) is refused ({@link undefinedItemError}):
 * leaving it out would move the items after it, so that `args: ["-c", flag, script]` would run something else.
 */
function payload(value: unknown, share: Share): unknown {
  if (Array.isArray(value)) {
    if (share) return shareList(value, payload, true);
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) throw undefinedItemError(value, i);
      out.push(payload(item, false));
    }
    return out;
  }
  if (typeof value !== "object") {
    // the scalars JSON writes as they are; NaN, Infinity, a BigInt, a function or a symbol it would change, drop or
    // refuse: refused when converting for text (renderJson and renderYaml explain where), kept by toConcourse
    if (typeof value === "string" || typeof value === "boolean" || Number.isFinite(value)) return value;
    if (value === undefined || !share) return value;
    throw new TypeError(`not data: ${typeof value}`);
  }
  if (!isObject(value)) return value; // null
  if (isPlain(value)) {
    if (share) return sharePayload(value);
  } else {
    // a Date or a Map would be written as {} (its own keys) or, by JSON, as it chooses: not the user's data
    const problem = objectProblem(value);
    if (problem !== undefined) throw new TypeError(`the pipeline holds ${problem}`);
  }
  const out: Obj = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = value[key];
    if (v !== undefined) setOwn(out, key, payload(v, share));
  }
  return out;
}

/** Converts one value (a field of a model object, or an item of a list). */
type Converter = (value: unknown, share: Share) => unknown;

/** How each known field of a model object is converted, by field name. */
type FieldConverters = Readonly<Record<string, Converter>>;

/** A list without its undefined and null items, each converted by `f`. */
const mapList =
  (f: Converter): Converter =>
  (value, share) => {
    if (!Array.isArray(value)) return payload(value, share);
    if (share) return shareList(value, f, false);
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== undefined && item !== null) out.push(f(item, false));
    }
    return out;
  };

/** One kind of object: its canonical key order, each known key's rank in it, and its converter. */
interface Shape {
  readonly keys: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
  readonly convert: readonly (Converter | undefined)[];
}

const shape = (keys: readonly string[], converters: FieldConverters = {}): Shape => {
  // ordered() keeps the keys an object has as bits of one 32-bit number
  if (keys.length > 31) throw new Error(`a kind with ${keys.length} keys; at most 31 are supported`);
  return { keys, rank: new Map(keys.map((key, i) => [key, i])), convert: keys.map((key) => converters[key]) };
};

/** Rank of keys that are not in a kind's order: after every known key. */
const UNKNOWN = Number.MAX_SAFE_INTEGER;

/**
 * Writes `value`'s fields in the kind's canonical order (unknown keys last, in their own order),
 * converting known ones. One look at the keys `value` has (not at every key of the order, most of
 * them absent) notes which known keys it has, as bits, and whether they already come in order.
 * Speed: the bits (hence at most 31 keys a kind) rather than an array of ranks sorted when out of order; the
 * array made renderJson 1.36x and renderYaml 1.34x as slow on the bench workload at N=1,000 (CPU time,
 * medians of separate processes).
 */
function ordered(value: Obj, s: Shape, share: Share): Obj {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return orderedByLookup(value, s, share);
  const { rank, keys, convert } = s;
  let known = 0;
  let last = -1;
  let inOrder = true;
  let unknown = false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const r = rank.get(key);
    if (r === undefined) {
      unknown = true;
      last = UNKNOWN;
      continue;
    }
    if (r < last) inOrder = false;
    last = r;
    known |= 1 << r;
  }
  // when sharing an object already in order, `out` is only made once a field changes (or is dropped);
  // the keys before that one (in order, so those copyUntil copies) are unchanged
  let out: Obj | undefined = share && inOrder ? undefined : {};
  for (let bits = known; bits !== 0; bits &= bits - 1) {
    const r = 31 - Math.clz32(bits & -bits);
    const key = keys[r] as string;
    const v = value[key];
    if (v === undefined || v === null) {
      out ??= copyUntil(value, key);
      continue;
    }
    const f = convert[r];
    const c = f ? f(v, share) : payload(v, share);
    if (out === undefined) {
      if (c === v) continue;
      out = copyUntil(value, key);
    }
    out[key] = c;
  }
  if (unknown) {
    for (const key in value) {
      if (!Object.hasOwn(value, key) || rank.has(key)) continue;
      const v = value[key];
      if (v === undefined || v === null) {
        out ??= copyUntil(value, key);
        continue;
      }
      const c = payload(v, share);
      if (out === undefined) {
        if (c === v) continue;
        out = copyUntil(value, key);
      }
      setOwn(out, key, c);
    }
  }
  return out ?? value;
}

/** {@link ordered} for objects with a prototype of their own: known keys may be inherited. */
function orderedByLookup(value: Obj, s: Shape, share: Share): Obj {
  const out: Obj = {};
  s.keys.forEach((key, r) => {
    const v = value[key];
    if (v === undefined || v === null) return;
    const c = s.convert[r];
    out[key] = c ? c(v, share) : payload(v, share);
  });
  for (const key in value) {
    if (!Object.hasOwn(value, key) || Object.hasOwn(out, key)) continue;
    const v = value[key];
    if (v === undefined || v === null) continue;
    setOwn(out, key, payload(v, share));
  }
  return out;
}

const names = mapList(writeRef);
const steps = mapList(convertStep);

const nested =
  (s: Shape): Converter =>
  (v, share) =>
    isObject(v) ? ordered(v, s, share) : payload(v, share);

/**
 * How the steps a key holds are converted, by how it holds them. Which keys hold steps is not said here but in
 * the walker's table (src/walk/step-slots.ts), so a step kind that holds steps is added in one place.
 */
const SLOT_CONVERTERS: Readonly<Record<SlotForm, Converter>> = {
  step: convertStep,
  list: steps,
  parallel: (v, share) => (Array.isArray(v) ? steps(v, share) : nested(SHAPES.inParallelConfig)(v, share)),
};

/** The converters of the keys that hold steps. */
const slotConverters = (slots: readonly StepSlot[]): FieldConverters =>
  Object.fromEntries(slots.map((slot) => [slot.key, SLOT_CONVERTERS[slot.form]]));

const SHAPES = {
  inParallelConfig: shape(KEY_ORDER.inParallelConfig, slotConverters(IN_PARALLEL_CONFIG_SLOTS)),
  acrossVar: shape(KEY_ORDER.acrossVar),
  buildLogRetention: shape(KEY_ORDER.buildLogRetention),
  imageResource: shape(KEY_ORDER.imageResource, { type: writeRef }),
  containerLimits: shape(KEY_ORDER.containerLimits),
  taskInput: shape(KEY_ORDER.taskInput),
  taskOutput: shape(KEY_ORDER.taskOutput),
  taskCache: shape(KEY_ORDER.taskCache),
  taskRun: shape(KEY_ORDER.taskRun),
  varSource: shape(KEY_ORDER.varSource),
  display: shape(KEY_ORDER.display),
};

const converters: Record<"step" | "job" | "taskConfig" | "resource" | "group" | "pipeline", FieldConverters> = {
  step: {
    get: writeRef,
    put: writeRef,
    resource: writeRef,
    passed: names,
    type: writeRef,
    image: writeRef,
    config: convertTaskConfig,
    across: mapList(nested(SHAPES.acrossVar)),
  },
  job: {
    build_log_retention: nested(SHAPES.buildLogRetention),
    ...slotConverters(JOB_SLOTS),
  },
  taskConfig: {
    image_resource: nested(SHAPES.imageResource),
    container_limits: nested(SHAPES.containerLimits),
    inputs: mapList(nested(SHAPES.taskInput)),
    outputs: mapList(nested(SHAPES.taskOutput)),
    caches: mapList(nested(SHAPES.taskCache)),
    run: nested(SHAPES.taskRun),
  },
  resource: { type: writeRef },
  group: { jobs: names, resources: names },
  pipeline: {
    groups: mapList((v, share) => convertAs(v, "group", share)),
    var_sources: mapList((v, share) => convertAs(v, "varSource", share)),
    resource_types: mapList((v, share) => convertAs(v, "resource", share)),
    resources: mapList((v, share) => convertAs(v, "resource", share)),
    prototypes: mapList((v, share) => convertAs(v, "resource", share)),
    jobs: mapList((v, share) => convertAs(v, "job", share)),
    display: (v, share) => convertAs(v, "display", share),
  },
};

/** The converters of a step's fields, those holding steps included. */
const stepConverters = (kind: StepKind | undefined): FieldConverters => ({
  ...converters.step,
  ...slotConverters(stepSlots(kind)),
});

/** Each step kind's canonical order: its core fields, then modifiers and hooks. */
const STEP_SHAPES = Object.fromEntries(
  STEP_KINDS.map((kind) => [kind, shape([...KEY_ORDER[kind], ...KEY_ORDER.modifiers], stepConverters(kind))]),
) as unknown as Record<StepKind, Shape>;
const MODIFIERS_SHAPE = shape(KEY_ORDER.modifiers, stepConverters(undefined));
const TASK_CONFIG_SHAPE = shape(KEY_ORDER.taskConfig, converters.taskConfig);
const KIND_SHAPES = {
  group: shape(KEY_ORDER.group, converters.group),
  varSource: SHAPES.varSource,
  resource: shape(KEY_ORDER.resource, converters.resource),
  job: shape(KEY_ORDER.job, converters.job),
  display: SHAPES.display,
  pipeline: shape(KEY_ORDER.pipeline, converters.pipeline),
};

function convertStep(value: unknown, share: Share): unknown {
  if (!isObject(value)) return payload(value, share);
  const kind = stepKindOrUndefined(value);
  return ordered(value, kind ? STEP_SHAPES[kind] : MODIFIERS_SHAPE, share);
}

function convertTaskConfig(value: unknown, share: Share): unknown {
  return isObject(value) ? ordered(value, TASK_CONFIG_SHAPE, share) : payload(value, share);
}

function convertAs(value: unknown, kind: keyof typeof KIND_SHAPES, share: Share): unknown {
  return isObject(value) ? ordered(value, KIND_SHAPES[kind], share) : payload(value, share);
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
 * plain, JSON-ready object Concourse reads: references are names, nothing is undefined, no field of the model is
 * null (a null inside a payload such as `params` or `source` is kept), and
 * keys are in canonical order. Never mutates its argument. Undefined as an item of a list of user data (`args`, a
 * list in `params`) is an `api/argument` error naming its path, since leaving it out would move the items after it.
 */
export function toConcourse<T>(value: T): unknown {
  try {
    return convert(value, false);
  } catch (error) {
    throw explainNotPlainData("toConcourse", "the value", value, error);
  }
}

/**
 * {@link toConcourse} for hangar's own callers, which explain a failure in their own words: undefined in a list of
 * user data is thrown as {@link undefinedItemError}'s error (see `notPlainDataIn`).
 */
export function toConcourseData<T>(value: T): unknown {
  return convert(value, false);
}

/**
 * {@link toConcourseData} of a pipeline (or fragment), read as one whatever its keys: a `name` at its top level (a key
 * Concourse drops) does not make it a group, whose `jobs` are names.
 */
export function pipelineToConcourseData(pipeline: unknown): unknown {
  return convertAs(pipeline, "pipeline", false);
}

/**
 * {@link pipelineToConcourseData} for writing out as text at once (JSON or YAML): the result shares every part of
 * `pipeline` that needs no change, so it must not be kept or modified.
 */
export function toConcourseForText(pipeline: unknown): unknown {
  return convertAs(pipeline, "pipeline", true);
}

function convert(value: unknown, share: Share): unknown {
  if (!isObject(value)) return payload(value, share);
  switch (kindOf(value)) {
    case "step":
      return convertStep(value, share);
    case "job":
      return convertAs(value, "job", share);
    case "pipeline":
      return convertAs(value, "pipeline", share);
    case "taskConfig":
      return convertTaskConfig(value, share);
    case "resource":
      return convertAs(value, "resource", share);
    case "group":
      return convertAs(value, "group", share);
    default:
      return payload(value, share);
  }
}
