/**
 * The quick pass of the shape check: the same descriptors, read as a yes/no question, for the common case of a
 * pipeline with nothing to report.
 */
import { coreDetector, fieldOwner, stepDetectors } from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import type { KnownMappings } from "./known-mappings.ts";
import {
  type Checker,
  type Desc,
  MAX_STEP_DEPTH,
  MAX_VALUE_DEPTH,
  type Rule,
  type StructDesc,
} from "./shape-descriptor.ts";
import { stepFieldType } from "./shape-types.ts";

/**
 * Whether `value` certainly has the type `desc` describes with nothing to report and nothing to coerce, so that
 * the full check would leave no diagnostic and change nothing: it builds no positions and answers no at the first
 * doubt (a wrong type, a number for a string, an unknown key, a custom rule's report, too deep), leaving that value
 * to the full check. `depth` is the step nesting depth, as `At.depth`; `known` is what the reader recorded of the
 * large mappings it built (see known-mappings.ts).
 */
export function quick(value: unknown, desc: Desc, depth: number, known?: KnownMappings): boolean {
  const pass: QuickPass = { known, depth: 0, ok: true, invalid: sayNo, notType: sayNo, check, step, nested };
  return quickValue(value, desc, depth, pass);
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
  depth: number;
  ok: boolean;
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
      return typeof value !== "object" || value === null || shallow(value, 0, pass.known);
    case "string":
      return value === null || typeof value === "string";
    case "bool":
      return value === null || typeof value === "boolean";
    case "int":
      return value === null || (typeof value === "number" && Number.isSafeInteger(value));
    case "list":
      if (value === null) return true;
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!quickValue(value[i], desc.of, depth, pass)) return false;
      return true;
    case "map":
      if (value === null) return true;
      if (!isObject(value)) return false;
      if (desc.of.k === "any") return shallow(value, 0, pass.known);
      for (const key in value) {
        if (Object.hasOwn(value, key) && !quickValue(value[key], desc.of, depth, pass)) return false;
      }
      return true;
    case "struct":
      return value === null || (isObject(value) && quickStruct(value, desc, depth, pass));
    case "step":
      return (desc.optional === true && value === null) || quickStep(value, depth, pass);
    case "custom":
      return runRule(desc.rule, value, depth, pass);
  }
}

function quickStruct(value: Record<string, unknown>, desc: StructDesc, depth: number, pass: QuickPass): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const fieldDesc = desc.fields.get(key);
    if (fieldDesc === undefined) {
      if (desc.unknown === "rule") continue;
      return false;
    }
    if (!quickValue(value[key], fieldDesc, depth, pass)) return false;
  }
  return true;
}

function quickStep(value: unknown, depth: number, pass: QuickPass): boolean {
  if (!isObject(value) || depth >= MAX_STEP_DEPTH) return false;
  const detectors = stepDetectors(value);
  if (coreDetector(detectors) === undefined) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const owner = fieldOwner(detectors, key);
    if (owner === undefined) continue;
    const desc = stepFieldType(owner, key);
    if (desc !== undefined && !quickValue(value[key], desc, depth + 1, pass)) return false;
  }
  return true;
}

/** Whether no object inside a free-form value is {@link MAX_VALUE_DEPTH} or more levels below it. */
function shallow(value: object, depth: number, known: KnownMappings | undefined): boolean {
  if (depth >= MAX_VALUE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object" && v !== null && !shallow(v, depth + 1, known)) return false;
    }
    return true;
  }
  // a large mapping the reader built: how deep its values go is known, nothing is walked (see known-mappings.ts)
  const recorded = known?.get(value);
  if (recorded !== undefined) return depth + recorded.height < MAX_VALUE_DEPTH;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === "object" && v !== null && Object.hasOwn(record, key) && !shallow(v, depth + 1, known))
      return false;
  }
  return true;
}
