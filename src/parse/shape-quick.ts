/**
 * The quick pass of the shape check: the same descriptors, read as a yes/no question, for the common case of a
 * pipeline with nothing to report; and the same pass over data that did not come from text, answering in the one
 * walk what three walks did (the plain-data check, the shape check and the rules' census of strings).
 */
import { isWellFormedText } from "../concourse/go-yaml-characters.ts";
import { coreDetector, fieldOwner, stepDetectors } from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import { isPlainScalar } from "../walk/plain-data.ts";
import type { KnownMappings } from "./known-mappings.ts";
import {
  type Checker,
  type Desc,
  fieldOf,
  isSafeGoInt,
  MAX_STEP_DEPTH,
  MAX_VALUE_DEPTH,
  type Rule,
  type StructDesc,
} from "./shape-descriptor.ts";
import { stepFieldOf, stepFieldType } from "./shape-types.ts";

/**
 * Whether `value` certainly has the type `desc` describes with nothing to report and nothing to coerce, so that
 * the full check would leave no diagnostic and change nothing: it builds no positions and answers no at the first
 * doubt (a wrong type, a number for a string, an unknown key, a custom rule's report, too deep), leaving that value
 * to the full check. `depth` is the step nesting depth, as `At.depth`; `known` is what the reader recorded of the
 * large mappings it built (see known-mappings.ts).
 */
export function quick(value: unknown, desc: Desc, depth: number, known?: KnownMappings): boolean {
  return quickValue(value, desc, depth, newPass(known, undefined));
}

/**
 * What is shown every string of a value, with the key of the mapping it is in (`undefined` in a list), and every key
 * of a mapping that holds `((` (only those: fly's templating reads var names in keys too).
 */
export interface StringVisitor<S> {
  /** A plain function given `state`, rather than a closure made per pass (see {@link QuickPass}). */
  readonly visit: (value: string, key: string | undefined, state: S) => void;
  /** Shown each key that holds `((`; no key is looked at when unset. A field's name never holds one. */
  readonly visitKey?: ((key: string, state: S) => void) | undefined;
  readonly state: S;
}

/**
 * The quick pass over data that did not come from text (a rendered pipeline): true only when {@link quick} would
 * say yes and `findNotPlainData` would find nothing (no cycle, no nesting past its limit, no getter that throws, no
 * BigInt, function, symbol or number JSON cannot hold), with every string of the value shown to `strings` on the
 * way. Past the parts the descriptors read (free-form values, keys left to a rule, a custom rule's value), it
 * walks the rest too. False leaves everything to the separate checks.
 *
 * It keeps no list of the objects it is inside: every path through a value it says yes to is bounded, by
 * {@link MAX_STEP_DEPTH} nested steps (at most three levels each: a step, `in_parallel`, its `steps`) and
 * {@link MAX_VALUE_DEPTH} levels of a free-form value, about 300 levels in all, below the plain-data check's 1,000;
 * so a cycle ends at a limit, in a no.
 */
export function quickData<S>(value: object, desc: Desc, strings: StringVisitor<S>): boolean {
  try {
    return quickValue(value, desc, 0, newPass(undefined, strings as StringVisitor<unknown>));
  } catch {
    // a getter that throws: the plain-data check names it
    return false;
  }
}

/**
 * One run of the quick pass, and the {@link Checker} its custom rules report to: no at the first report or at a
 * part the quick pass cannot vouch for. `depth` and `ok` are those of the rule being run ({@link runRule}).
 *
 * A plain object made by one literal, with the functions below as its methods, rather than an instance of a class
 * made per pass or per custom value: V8 holds the shape of such instances weakly, so a full garbage collection
 * between two checks (no instance alive then) threw away the optimized code of the whole pass each time. Shape
 * check of the bench workload at N=10,000 after a full collection (fastest of 25 runs, 6 alternated processes,
 * load 1.5-1.8): 47-59 ms with a class instance per custom value, 32-47 ms (4 rounds of 6 under 37) with this
 * literal, 30-33 ms for the former quick pass, which had no checker object.
 */
interface QuickPass extends Checker {
  readonly known: KnownMappings | undefined;
  /** Set for a pass over data ({@link quickData}): every part is looked at, every string shown to it. */
  readonly strings: StringVisitor<unknown> | undefined;
  depth: number;
  ok: boolean;
}

function newPass(known: KnownMappings | undefined, strings: StringVisitor<unknown> | undefined): QuickPass {
  return { known, strings, depth: 0, ok: true, invalid: sayNo, notType: sayNo, check, step, nested };
}

/**
 * In a pass over data, an entry of a mapping or list: shown to the visitor when it is a string; false when it is a
 * string holding a lone surrogate (the plain-data check names it).
 */
function seeEntry(pass: QuickPass, entry: unknown, key: string | undefined): boolean {
  const strings = pass.strings;
  if (strings === undefined || typeof entry !== "string") return true;
  strings.visit(entry, key, strings.state);
  return isWellFormedText(entry);
}

/**
 * In a pass over data, a key no descriptor names (a free-form mapping's, an unknown one): shown when it holds `((`;
 * false when it holds a lone surrogate (the plain-data check names it). A field's name is well-formed.
 */
function seeKey(pass: QuickPass, key: string): boolean {
  const strings = pass.strings;
  if (strings === undefined) return true;
  if (strings.visitKey !== undefined && key.includes("((")) strings.visitKey(key, strings.state);
  return isWellFormedText(key);
}

/**
 * In a pass over data, a value no descriptor reads (a key left to a rule, a custom rule's value): whether it is plain
 * data within the depth of free-form values, its strings shown. Always true in the shape check's own pass.
 */
function unread(value: unknown, pass: QuickPass): boolean {
  if (pass.strings === undefined) return true;
  if (typeof value !== "object") return isPlainScalar(value);
  return value === null || shallow(value, 0, pass);
}

function sayNo(this: QuickPass): void {
  this.ok = false;
}

function check(this: QuickPass, value: unknown, desc: Desc): void {
  if (this.ok && !quickValue(value, desc, this.depth, this)) this.ok = false;
}

function step(this: QuickPass, value: unknown): void {
  if (this.ok && !quickStep(value, this.depth, this)) this.ok = false;
}

function nested(this: QuickPass): Checker {
  return this;
}

/** Whether a custom rule reports nothing on `value`; the rule running around it (if any) gets its state back. */
function runRule(rule: Rule, value: unknown, depth: number, pass: QuickPass): boolean {
  const outerDepth = pass.depth;
  const outerOk = pass.ok;
  pass.depth = depth;
  pass.ok = true;
  rule(value, pass);
  const ok = pass.ok;
  pass.depth = outerDepth;
  pass.ok = outerOk;
  return ok;
}

function quickValue(value: unknown, desc: Desc, depth: number, pass: QuickPass): boolean {
  switch (desc.k) {
    case "any":
      if (typeof value === "object") return value === null || shallow(value, 0, pass);
      return pass.strings === undefined || isPlainScalar(value);
    case "string":
      return value === null || typeof value === "string";
    case "bool":
      return value === null || typeof value === "boolean";
    case "int":
      return value === null || (typeof value === "number" && isSafeGoInt(value));
    case "list":
      if (value === null) return true;
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (!seeEntry(pass, item, undefined) || !quickValue(item, desc.of, depth, pass)) return false;
      }
      return true;
    case "map":
      if (value === null) return true;
      if (!isObject(value)) return false;
      if (desc.of.k === "any") return shallow(value, 0, pass);
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const entry = value[key];
        if (!seeEntry(pass, entry, key) || !seeKey(pass, key) || !quickValue(entry, desc.of, depth, pass)) return false;
      }
      return true;
    case "struct":
      return value === null || (isObject(value) && quickStruct(value, desc, depth, pass));
    case "step":
      return (desc.optional === true && value === null) || quickStep(value, depth, pass);
    case "custom":
      return runRule(desc.rule, value, depth, pass) && (desc.whole || unread(value, pass));
  }
}

function quickStruct(value: Record<string, unknown>, desc: StructDesc, depth: number, pass: QuickPass): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const entry = value[key];
    if (!seeEntry(pass, entry, key)) return false;
    const fieldDesc = desc.fields.get(key);
    if (fieldDesc === undefined) {
      if (!seeKey(pass, key)) return false;
      // a key in another case than a field's is read into the field: the full check's
      if (desc.unknown === "rule" && fieldOf(desc, key) === undefined && unread(entry, pass)) continue;
      return false;
    }
    if (!quickValue(entry, fieldDesc, depth, pass)) return false;
  }
  return true;
}

function quickStep(value: unknown, depth: number, pass: QuickPass): boolean {
  if (!isObject(value) || depth >= MAX_STEP_DEPTH) return false;
  const detectors = stepDetectors(value);
  if (coreDetector(detectors) === undefined) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const entry = value[key];
    if (!seeEntry(pass, entry, key)) return false;
    const owner = fieldOwner(detectors, key);
    // a key in another case than a field's is read into the field: the full check's
    if (owner === undefined && stepFieldOf(detectors, key) !== undefined) return false;
    const desc = owner === undefined ? undefined : stepFieldType(owner, key);
    if (desc === undefined && !seeKey(pass, key)) return false;
    if (desc === undefined ? !unread(entry, pass) : !quickValue(entry, desc, depth + 1, pass)) return false;
  }
  return true;
}

/**
 * Whether no object inside a free-form value is {@link MAX_VALUE_DEPTH} or more levels below it; in a pass over data,
 * also whether its scalars are plain data, its strings shown.
 */
function shallow(value: object, depth: number, pass: QuickPass): boolean {
  if (depth >= MAX_VALUE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object" ? v !== null && !shallow(v, depth + 1, pass) : !freeScalar(v, undefined, pass))
        return false;
    }
    return true;
  }
  // a large mapping the reader built: how deep its values go is known, nothing is walked (see known-mappings.ts)
  const recorded = pass.known?.get(value);
  if (recorded !== undefined) return depth + recorded.height < MAX_VALUE_DEPTH;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!seeKey(pass, key)) return false;
    const v = record[key];
    // an inherited scalar is not skipped: at worst a string shown in excess or a no in excess, both safe
    if (typeof v === "object") {
      if (v !== null && Object.hasOwn(record, key) && !shallow(v, depth + 1, pass)) return false;
    } else if (!freeScalar(v, key, pass)) return false;
  }
  return true;
}

/** A scalar of a free-form value: in a pass over data, shown when a string and judged plain or not; else fine. */
function freeScalar(v: unknown, key: string | undefined, pass: QuickPass): boolean {
  const strings = pass.strings;
  if (strings === undefined) return true;
  if (typeof v !== "string") return isPlainScalar(v);
  strings.visit(v, key, strings.state);
  return isWellFormedText(v);
}
