/**
 * The quick pass of the shape check: the same descriptors, read as a yes/no question, for the common case of a
 * pipeline with nothing to report.
 */
import { coreDetector, fieldOwner, stepDetectors } from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import type { KnownMappings } from "./known-mappings.ts";
import { type Checker, type Desc, MAX_STEP_DEPTH, MAX_VALUE_DEPTH, type StructDesc } from "./shape-descriptor.ts";
import { stepFieldType } from "./shape-types.ts";

/**
 * Whether `value` certainly has the type `desc` describes with nothing to report and nothing to coerce, so that
 * the full check would leave no diagnostic and change nothing: it builds no positions and answers no at the first
 * doubt (a wrong type, a number for a string, an unknown key, a custom rule's report, too deep), leaving that value
 * to the full check. `depth` is the step nesting depth, as `At.depth`; `known` is what the reader recorded of the
 * large mappings it built (see known-mappings.ts).
 */
export function quick(value: unknown, desc: Desc, depth: number, known?: KnownMappings): boolean {
  switch (desc.k) {
    case "any":
      return typeof value !== "object" || value === null || shallow(value, 0, known);
    case "string":
      return value === null || typeof value === "string";
    case "bool":
      return value === null || typeof value === "boolean";
    case "int":
      return value === null || (typeof value === "number" && Number.isSafeInteger(value));
    case "list":
      if (value === null) return true;
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!quick(value[i], desc.of, depth, known)) return false;
      return true;
    case "map":
      if (value === null) return true;
      if (!isObject(value)) return false;
      if (desc.of.k === "any") return shallow(value, 0, known);
      for (const key in value) {
        if (Object.hasOwn(value, key) && !quick(value[key], desc.of, depth, known)) return false;
      }
      return true;
    case "struct":
      return value === null || (isObject(value) && quickStruct(value, desc, depth, known));
    case "step":
      return (desc.optional === true && value === null) || quickStep(value, depth, known);
    case "custom": {
      const c = new QuickChecker(depth, known);
      desc.rule(value, c);
      return c.ok;
    }
  }
}

/** A custom rule's reports, read as one answer: no at the first report or at a part the quick pass cannot vouch for. */
class QuickChecker implements Checker {
  ok = true;
  constructor(
    private readonly depth: number,
    private readonly known: KnownMappings | undefined,
  ) {}
  invalid(): void {
    this.ok = false;
  }
  notType(): void {
    this.ok = false;
  }
  check(value: unknown, desc: Desc): void {
    if (this.ok && !quick(value, desc, this.depth, this.known)) this.ok = false;
  }
  step(value: unknown): void {
    if (this.ok && !quickStep(value, this.depth, this.known)) this.ok = false;
  }
  nested(): Checker {
    return this;
  }
}

function quickStruct(
  value: Record<string, unknown>,
  desc: StructDesc,
  depth: number,
  known: KnownMappings | undefined,
): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const fieldDesc = desc.fields.get(key);
    if (fieldDesc === undefined) {
      if (desc.unknown === "rule") continue;
      return false;
    }
    if (!quick(value[key], fieldDesc, depth, known)) return false;
  }
  return true;
}

function quickStep(value: unknown, depth: number, known: KnownMappings | undefined): boolean {
  if (!isObject(value) || depth >= MAX_STEP_DEPTH) return false;
  const detectors = stepDetectors(value);
  if (coreDetector(detectors) === undefined) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const owner = fieldOwner(detectors, key);
    if (owner === undefined) continue;
    const desc = stepFieldType(owner, key);
    if (desc !== undefined && !quick(value[key], desc, depth + 1, known)) return false;
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
