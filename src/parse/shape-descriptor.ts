/**
 * The language of the shape check: descriptors of the Go types Concourse decodes a pipeline into, read by both the
 * full check (`shape-full.ts`) and the quick pass (`shape-quick.ts`).
 */
import { foldedFieldNames, goJsonFold } from "../concourse/go-json-fields.ts";
import type { PathSegment } from "../model/common.ts";

export type Desc =
  | { readonly k: "string" }
  | { readonly k: "bool" }
  | { readonly k: "int" }
  | { readonly k: "any" }
  | { readonly k: "list"; readonly go: string; readonly of: Desc }
  | { readonly k: "map"; readonly go: string; readonly of: Desc }
  | StructDesc
  | { readonly k: "step"; readonly optional?: true }
  | CustomDesc;

export interface StructDesc {
  readonly k: "struct";
  readonly go: string;
  /** `go` without its package (`TaskConfig`), as Go names the struct in a type error. */
  readonly name: string;
  readonly fields: ReadonlyMap<string, Desc>;
  /** The field names by their case-folded form: a key encoding/json gives a field though written in another case. */
  readonly folded: ReadonlyMap<string, string>;
  readonly unknown: Unknown;
  /**
   * Concourse keeps the keys that are not a field's exact name with the value, as its unknown fields (a task
   * config, atc/task.go), so a key in another case than its field's stays too, besides being read into the field.
   */
  readonly keepsUnknown?: true;
}

/**
 * A Go type with its own decoding, checked by `rule`. `whole`: the rule hands every part of its value to the checker
 * (`check`, `step`), so a pass that must see every part of the data (the quick pass over data, shape-quick.ts) need
 * not walk the value again after it.
 */
export interface CustomDesc {
  readonly k: "custom";
  readonly rule: Rule;
  readonly whole: boolean;
  /**
   * The Go types the rule decodes its value (or each of its forms) into, for readers that describe values rather
   * than check them (the JSON Schema, src/schema/generate.ts, reads the `int` fields from them). The checks read
   * only `rule`.
   */
  readonly decodes: readonly Desc[];
}

/** What happens to keys a struct does not know: strict (fly --strict rejects them), ignored by Concourse, or left to a rule. */
export type Unknown = "strict" | "ignored" | "rule";

/**
 * A Go type with its own decoding (an `UnmarshalJSON`): the rule, stated once, says what is wrong with a value
 * through a {@link Checker}.
 */
export type Rule = (value: unknown, c: Checker) => void;

/**
 * What a {@link Rule} can say about its value. The full check makes each report a diagnostic at the value's
 * position and checks parts in full; the quick pass answers no at the first report or at a part it cannot vouch
 * for. So the quick answer is derived from the one rule, and the two passes cannot disagree.
 */
export interface Checker {
  /** The value (or its entry `seg`) is invalid, in Go's words `message`. */
  invalid(message: string, seg?: PathSegment): void;
  /** The value is not of the Go type `goType`. */
  notType(value: unknown, goType: string): void;
  /** Checks the value as the Go type `desc` (the value itself or a part of it at the same position). */
  check(value: unknown, desc: Desc): void;
  /** Checks entry `seg` of the value as a step. */
  step(value: unknown, seg: PathSegment): void;
  /** The same value, in a nested decode that Go prefixes with `prefix`, into the struct `struct` (or an unnamed value). */
  nested(prefix: string, struct: string | undefined): Checker;
}

/** Steps nested deeper than this are reported and not read further (the step walker is recursive). */
export const MAX_STEP_DEPTH = 64;

/** Free-form values (`source`, `params`, ...) nested deeper than this are reported (consumers recurse into them). */
export const MAX_VALUE_DEPTH = 100;

export const STRING: Desc = { k: "string" };
export const BOOL: Desc = { k: "bool" };
export const INT: Desc = { k: "int" };

/** The bound {@link isGoInt} takes, inclusive, either side of 0: 2^63, as JavaScript reads the largest int64. */
export const GO_INT_BOUND = 2 ** 63;

/**
 * Whether a number is one Go decodes into an `int` (64 bits): whole, within ±2^63. JavaScript holds integers past
 * 2^53 rounded, so the bound is taken inclusive: the largest int64, written in a file, reads as 2^63 here. A number
 * read from a text is judged by the digits written when it is past 2^53 (go-numbers.ts), so the quick passes
 * take only a safe integer as obviously an `int` ({@link isSafeGoInt}).
 */
export const isGoInt = (value: number): boolean => Number.isInteger(value) && Math.abs(value) <= GO_INT_BOUND;

/** An integer JavaScript holds exactly (within ±2^53): an `int` to Go, whatever digits it was written with. */
export const isSafeGoInt = (value: number): boolean => Number.isSafeInteger(value);
export const ANY: Desc = { k: "any" };
export const STEP: Desc = { k: "step" };
/** A `*Step` field (a job's hooks): null means absent, unlike a `Step` field, where null is "no step configured". */
export const OPTIONAL_STEP: Desc = { k: "step", optional: true };
export const list = (go: string, of: Desc): Desc => ({ k: "list", go, of });
export const map = (go: string, of: Desc): Desc => ({ k: "map", go, of });
export const struct = (go: string, unknown: Unknown, fields: Record<string, Desc>): StructDesc => ({
  k: "struct",
  go,
  name: go.replace(/^atc\./, ""),
  fields: new Map(Object.entries(fields)),
  folded: foldedFieldNames(Object.keys(fields)),
  unknown,
});

/**
 * The field of a struct a key written in it decodes into (encoding/json: the exact name, else one equal to it
 * ignoring case), or undefined for an unknown key.
 */
export const fieldOf = (desc: StructDesc, key: string): string | undefined =>
  desc.fields.has(key) ? key : desc.folded.get(goJsonFold(key));
/** A custom type whose rule reads (some of) its value itself, decoding it into `decodes` (see {@link CustomDesc}). */
export const custom = (rule: Rule, decodes: readonly Desc[] = []): Desc => ({
  k: "custom",
  rule,
  whole: false,
  decodes,
});
/** A custom type whose rule hands every part of its value to the checker (see {@link CustomDesc}). */
export const customOfParts = (rule: Rule, decodes: readonly Desc[] = []): Desc => ({
  k: "custom",
  rule,
  whole: true,
  decodes,
});
