/**
 * Positions of the shape check: where in the document a value is, and what Go's decoder would say about it there.
 */
import type { PathSegment } from "../model/common.ts";

/**
 * A position in the document together with the context Go's decoder would report there: the struct
 * named in `Go struct field X.y`, the field path since the decode started, the `malformed x step: `
 * prefixes, whether sigs.k8s.io/yaml coerces scalars to strings here, and the step nesting depth.
 * Positions are linked to their parent, so paths are only built when something is reported.
 */
export interface At {
  readonly parent: At | undefined;
  readonly seg: PathSegment | undefined;
  readonly struct: string | undefined;
  /** The Go field path since the decode started, as a linked list (innermost last). */
  readonly fields: FieldLink | undefined;
  readonly prefix: string;
  readonly coerce: boolean;
  readonly depth: number;
  /** Inside a step decode the outermost struct names every error; at the top level, the innermost. */
  readonly keepStruct: boolean;
}

interface FieldLink {
  readonly up: FieldLink | undefined;
  readonly name: string;
}

export const ROOT: At = {
  parent: undefined,
  seg: undefined,
  struct: "Config",
  fields: undefined,
  prefix: "",
  coerce: true,
  depth: 0,
  keepStruct: false,
};

/**
 * The top of a task config file: sigs.k8s.io/yaml finds an `UnmarshalJSON` on `atc.TaskConfig` and so coerces no
 * scalar anywhere in it, and an error at the root is of no struct (`Go value of type ...`).
 */
export const TASK_ROOT: At = { ...ROOT, struct: undefined, coerce: false };

/** A position inside `h`'s value, at key or index `seg`. */
export const child = (h: At, seg: PathSegment): At => ({
  parent: h,
  seg,
  struct: h.struct,
  fields: h.fields,
  prefix: h.prefix,
  coerce: h.coerce,
  depth: h.depth,
  keepStruct: h.keepStruct,
});

/**
 * The position of a struct's field given by the key `key` (of the Go struct `struct`); `name`, the field's name,
 * when the key is written in another case (Go's errors name the field).
 */
export const field = (h: At, key: string, struct: string, name: string = key): At => ({
  parent: h,
  seg: key,
  struct: h.keepStruct && h.struct !== undefined ? h.struct : struct,
  fields: { up: h.fields, name },
  prefix: h.prefix,
  coerce: h.coerce,
  depth: h.depth,
  keepStruct: h.keepStruct,
});

/** The same position, inside a decode whose errors Go prefixes with `prefix`. */
export const wrap = (h: At, prefix: string): At => ({ ...h, prefix: h.prefix + prefix });

/** The same position, where a nested decode starts (into `struct`, or an unnamed value), without coercion. */
export const restart = (h: At, struct: string | undefined): At => ({
  ...h,
  struct,
  fields: undefined,
  coerce: false,
  keepStruct: struct !== undefined,
});

/** The same position, as a step one level deeper. */
export const enterStep = (h: At): At => ({
  ...h,
  struct: undefined,
  fields: undefined,
  coerce: false,
  depth: h.depth + 1,
  keepStruct: true,
});

export function pathOf(here: At): PathSegment[] {
  const out: PathSegment[] = [];
  for (let a: At | undefined = here; a !== undefined; a = a.parent) if (a.seg !== undefined) out.push(a.seg);
  return out.reverse();
}

export function fieldsOf(here: At): string[] {
  const out: string[] = [];
  for (let f = here.fields; f !== undefined; f = f.up) out.push(f.name);
  return out.reverse();
}
