/**
 * The full shape check: every value against its descriptor, with a position for each report, in Go's words.
 * Values given as YAML numbers or booleans where a string is expected (outside steps) are coerced to strings in
 * place, as sigs.k8s.io/yaml does.
 */
import { coercedText, type GoNumber, needsGoNumber } from "../concourse/go-number.ts";
import { coreDetector, type StepDetector, stepDetectors } from "../concourse/step-fields.ts";
import { isObject, type PathSegment, setOwn } from "../model/common.ts";
import {
  ANY,
  type Checker,
  type Desc,
  fieldOf,
  isGoInt,
  isSafeGoInt,
  MAX_STEP_DEPTH,
  MAX_VALUE_DEPTH,
  type StructDesc,
} from "./shape-descriptor.ts";
import { type Fields, readFields, structFields } from "./shape-fold.ts";
import { type At, child, enterStep, field, pathOf, restart, wrap } from "./shape-position.ts";
import { quick } from "./shape-quick.ts";
import { type State, tooDeep, typeError, unknownField, valueError } from "./shape-report.ts";
import { stepFieldOf, stepFieldType } from "./shape-types.ts";

/**
 * Checks `value` as the Go type `desc` at `here`, reporting into `state`, and returns the value as Concourse reads
 * it: the same value, or the string a number or boolean given for a string becomes (which the caller writes back).
 */
export function checkValue(state: State, value: unknown, desc: Desc, here: At): unknown {
  switch (desc.k) {
    case "any":
      if (typeof value === "object" && value !== null) checkDepth(state, value, here);
      return value;
    case "string":
      if (value === null || typeof value === "string") return value;
      if (here.coerce && typeof value === "boolean") return String(value);
      if (here.coerce && typeof value === "number") return coercedText(value, goNumberAt(state, value, here));
      typeError(state, value, "string", here);
      return value;
    case "bool":
      if (value !== null && typeof value !== "boolean") typeError(state, value, "bool", here);
      return value;
    case "int":
      if (value !== null && !(typeof value === "number" && goInt(state, value, here))) {
        typeError(state, value, "int", here, typeof value === "number");
      }
      return value;
    case "list": {
      if (value === null) return value;
      if (!Array.isArray(value)) {
        typeError(state, value, desc.go, here);
        return value;
      }
      // the list as read is left as it is (an alias may give it elsewhere too): a change is made in a copy
      let list = value;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (fine(item, desc.of)) continue;
        // an entry of a list of structs (jobs, resources, task inputs, ...) is first checked quickly, without
        // positions: only an entry with something to report is checked in full (schema-bounded, so linear)
        if (desc.of.k === "struct" && quick(item, desc.of, here.depth, state.known)) continue;
        const read = checkValue(state, item, desc.of, child(here, i));
        if (!Object.is(read, item)) {
          if (list === value) list = value.slice();
          list[i] = read;
          state.changed = true;
        }
      }
      return list;
    }
    case "map": {
      if (value === null) return value;
      if (!isObject(value)) {
        typeError(state, value, desc.go, here);
        return value;
      }
      if (desc.of.k === "any") {
        checkDepth(state, value, here);
        return value;
      }
      let mapping = value;
      for (const k of state.known?.get(value)?.keys ?? Object.keys(value)) {
        if (fine(value[k], desc.of)) continue;
        mapping = writeBack(state, value, mapping, k, checkValue(state, value[k], desc.of, child(here, k)));
      }
      return mapping;
    }
    case "struct":
      if (value === null) return value;
      if (!isObject(value)) {
        typeError(state, value, desc.go, here);
        return value;
      }
      return checkStruct(state, value, desc, here);
    case "step":
      return desc.optional !== true || value !== null ? checkStep(state, value, here) : value;
    case "custom": {
      const reading: Reading = {};
      desc.rule(value, new FullChecker(state, here, value, reading));
      return readingOf(value, reading);
    }
  }
}

/** How go-yaml read a whole number, where the value was read from a text that tells (see go-numbers.ts). */
const goNumberAt = (state: State, value: number, here: At): GoNumber | undefined =>
  state.numbers === undefined || !needsGoNumber(value) ? undefined : state.numbers(pathOf(here), value);

/**
 * Whether Go decodes a number into an `int` (64 bits): past 2^53, by the digits written, when known; a whole float by
 * the digits json writes for it, which are within 64 bits below 2^63.
 */
function goInt(state: State, value: number, here: At): boolean {
  if (isSafeGoInt(value)) return true;
  const number = goNumberAt(state, value, here);
  if (number === undefined) return isGoInt(value);
  if (number === "float") return Math.abs(value) < 2 ** 63;
  return number >= -(2n ** 63n) && number < 2n ** 63n;
}

/**
 * What a custom rule's checks read its value as, where that differs from the value (keys in another case read into
 * their fields): the whole value, or some of its entries.
 */
interface Reading {
  whole?: unknown;
  parts?: Map<PathSegment, unknown>;
}

/** A custom value as its rule's checks read it: the value itself when they read it as it is. */
function readingOf(value: unknown, reading: Reading): unknown {
  if (reading.whole !== undefined) return reading.whole;
  if (reading.parts === undefined || typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? value.slice() : { ...value };
  for (const [seg, part] of reading.parts) setOwn(out as Record<string, unknown>, String(seg), part);
  return out;
}

/** A custom rule's reports, as diagnostics at `here`; what its checks read `value` as, into `reading`. */
class FullChecker implements Checker {
  constructor(
    private readonly state: State,
    private readonly here: At,
    private readonly value: unknown,
    private readonly reading: Reading,
  ) {}
  invalid(message: string, seg?: PathSegment): void {
    valueError(this.state, seg === undefined ? this.here : child(this.here, seg), message);
  }
  notType(value: unknown, goType: string): void {
    typeError(this.state, value, goType, this.here);
  }
  check(value: unknown, desc: Desc): void {
    // a custom type's own decode: Go's decoder names a type error in it by the struct and fields of the decode that
    // reached the custom type, when there is one (encoding/json `addErrorContext`: `taskConfigAlias.caches.ttl`)
    const read = checkValue(
      this.state,
      value,
      desc,
      this.here.struct === undefined ? this.here : { ...this.here, keepStruct: true },
    );
    if (value === this.value && !Object.is(read, value)) this.reading.whole = read;
  }
  step(value: unknown, seg: PathSegment): void {
    const read = checkStep(this.state, value, child(this.here, seg));
    if (Object.is(read, value)) return;
    this.reading.parts ??= new Map();
    this.reading.parts.set(seg, read);
  }
  nested(prefix: string, struct: string | undefined): Checker {
    return new FullChecker(this.state, restart(wrap(this.here, prefix), struct), this.value, this.reading);
  }
}

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
    // a large mapping the reader built: walked only when its values go too deep (see known-mappings.ts)
    const recorded = state.known?.get(v);
    if (recorded !== undefined && depth + recorded.height < MAX_VALUE_DEPTH) continue;
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
      return typeof value === "number" && isSafeGoInt(value);
    default:
      return false;
  }
}

function checkStruct(
  state: State,
  value: Record<string, unknown>,
  desc: StructDesc,
  here: At,
): Record<string, unknown> {
  let struct = value;
  for (const key of Object.keys(value)) {
    // encoding/json gives a key in another case (`Name`) to its field (`name`)
    const name = fieldOf(desc, key);
    if (name === undefined) {
      if (desc.unknown === "rule") continue;
      unknownField(state, child(here, key), key, desc.unknown === "strict");
      continue;
    }
    const fieldDesc = desc.fields.get(name) as Desc;
    if (fine(value[key], fieldDesc)) continue;
    const read = checkValue(state, value[key], fieldDesc, field(here, key, desc.name, name));
    struct = writeBack(state, value, struct, key, read);
  }
  // the fields given in another case, under their own keys
  const read = readFields(struct, structFields(desc), desc.keepsUnknown === true);
  if (read !== struct) state.changed = true;
  return read;
}

/** The fields the detectors `detectors` of a step read. */
const stepFields = (detectors: number): Fields => ({
  nameOf: (key) => stepFieldOf(detectors, key)?.name,
  descOf: (name) => {
    const owner = stepFieldOf(detectors, name)?.owner;
    return (owner === undefined ? undefined : stepFieldType(owner, name)) ?? ANY;
  },
});

/** One step, read by Concourse's precedence; the step as Concourse reads it (see {@link writeBack}). */
function checkStep(state: State, value: unknown, here: At): unknown {
  if (value === null || value === undefined) {
    valueError(state, here, "no step configured", "step-empty");
    return value;
  }
  if (!isObject(value)) {
    typeError(state, value, "map[string]*json.RawMessage", here);
    return value;
  }
  if (here.depth >= MAX_STEP_DEPTH) {
    tooDeep(state, `steps are nested more than ${MAX_STEP_DEPTH} levels deep`, here);
    return value;
  }
  let step = value;
  const detectors = stepDetectors(value);
  const stepAt = enterStep(here);
  for (const key of Object.keys(value)) {
    // an unknown field is the StepValidator's (and step-unknown-fields') business; one in another case than a
    // field's (`Resource`) is both read into the field and unknown
    const read = stepFieldOf(detectors, key);
    if (read === undefined) continue;
    const { name, owner } = read;
    const desc = stepFieldType(owner, name);
    if (desc === undefined || fine(value[key], desc)) continue;
    const checked = checkValue(state, value[key], desc, field(detectorAt(stepAt, owner), key, owner.go, name));
    step = writeBack(state, value, step, key, checked);
  }
  const fields = readFields(step, stepFields(detectors), true);
  if (fields !== step) state.changed = true;
  step = fields;
  if (detectors === 0) {
    const hint = Object.hasOwn(value, "aggregate")
      ? " (`aggregate` was removed in Concourse 7: use `in_parallel`)"
      : "";
    valueError(state, here, "no step configured", "step-empty", hint);
    return step;
  }
  if (coreDetector(detectors) === undefined) {
    valueError(state, here, "no core step type declared (e.g. get, put, task, etc.)", "step-no-core-type");
  }
  return step;
}

function detectorAt(stepAt: At, detector: StepDetector): At {
  return restart(wrap(stepAt, `malformed ${detector.key} step: `), detector.go);
}

/**
 * `holder` (the mapping `read` was read from, or the copy of it made at its first change) with `key` set to the value
 * as Concourse reads it, when that differs from `read`'s (as an own property, even `__proto__`). The mapping as read is
 * left as it is: an alias may give it elsewhere too, where go-yaml decodes it again (a list anchored in `tags`, where
 * numbers become strings, keeps its numbers in `source`).
 */
function writeBack(
  state: State,
  read: Record<string, unknown>,
  holder: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  if (Object.is(read[key], value)) return holder;
  const out = holder === read ? { ...read } : holder;
  setOwn(out, key, value);
  state.changed = true;
  return out;
}
