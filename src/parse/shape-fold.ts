/**
 * Keys written in another case than their field's (`Name:` in a job), read as encoding/json reads them: into the
 * field, in byte order of the keys, each decoded over what the keys before it left (see go-json-fields.ts).
 */
import { goJsonDecodeOrder } from "../concourse/go-json-fields.ts";
import { isObject, setOwn } from "../model/common.ts";
import { type Desc, fieldOf, type StructDesc } from "./shape-descriptor.ts";

/** The fields of a struct or a step: the field a key decodes into (undefined: none), and the field's type. */
export interface Fields {
  readonly nameOf: (key: string) => string | undefined;
  readonly descOf: (name: string) => Desc;
}

/** The fields of a struct type. */
export const structFields = (desc: StructDesc): Fields => ({
  nameOf: (key) => fieldOf(desc, key),
  descOf: (name) => desc.fields.get(name) as Desc,
});

/**
 * `struct` (a mapping of the fields `fields`, its values already as Concourse reads each) with every field given by
 * keys in another case read into the field's own key, as Go decodes it: the same object when no key is in another
 * case. `keepWritten`: the keys in another case stay too (a step and a task config keep them as their unknown
 * fields, which Concourse reports); else they are replaced by the field's key, in the place of the field's first.
 */
export function readFields(
  struct: Record<string, unknown>,
  fields: Fields,
  keepWritten: boolean,
): Record<string, unknown> {
  let groups: Map<string, string[]> | undefined;
  for (const key of Object.keys(struct)) {
    const name = fields.nameOf(key);
    if (name === undefined || name === key) continue;
    groups ??= new Map();
    const keys = groups.get(name) ?? (Object.hasOwn(struct, name) ? [name] : []);
    keys.push(key);
    groups.set(name, keys);
  }
  if (groups === undefined) return struct;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(struct)) {
    const name = fields.nameOf(key) ?? key;
    const keys = groups.get(name);
    if (keys === undefined) {
      setOwn(out, key, struct[key]);
      continue;
    }
    if (!Object.hasOwn(out, name)) setOwn(out, name, decodeKeys(struct, keys, fields.descOf(name)));
    if (keepWritten && key !== name) setOwn(out, key, struct[key]);
  }
  return out;
}

/** The value of a field given by several keys: each key's value decoded, in Go's order, over the ones before. */
function decodeKeys(struct: Record<string, unknown>, keys: readonly string[], desc: Desc): unknown {
  const [first, ...rest] = goJsonDecodeOrder(keys);
  let value = struct[first as string];
  for (const key of rest) value = decodeOver(value, struct[key], desc);
  return value;
}

/**
 * What encoding/json leaves in a Go value of type `desc` holding `prev` when it decodes `next` into it (decode.go):
 * null sets a list, map, pointer or interface to nil and leaves any other value as it is; a list decodes its
 * entries into the entries already there and takes the new length; a map keeps its entries and replaces those
 * given again; a struct decodes the fields given into those it holds; a step keeps the config it holds
 * (`Step.UnmarshalJSON` sets `step.Config` only when nil, atc/steps.go); anything else is replaced.
 */
export function decodeOver(prev: unknown, next: unknown, desc: Desc): unknown {
  if (next === null) return desc.k === "string" || desc.k === "bool" || desc.k === "int" ? prev : null;
  if (prev === null || prev === undefined) return next;
  switch (desc.k) {
    case "list":
      if (!Array.isArray(prev) || !Array.isArray(next)) return next;
      return next.map((v: unknown, i) => (i < prev.length ? decodeOver(prev[i], v, desc.of) : v));
    case "map":
      return isObject(prev) && isObject(next) ? mergeOwn(prev, next, () => undefined) : next;
    case "struct":
      return isObject(prev) && isObject(next) ? mergeOwn(prev, next, (key) => desc.fields.get(key)) : next;
    case "step":
      return isObject(prev) ? prev : next;
    default:
      return next;
  }
}

/** `prev`'s keys, then `next`'s, each decoded over `prev`'s when `descOf` knows its type, else replacing it. */
function mergeOwn(
  prev: Record<string, unknown>,
  next: Record<string, unknown>,
  descOf: (key: string) => Desc | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(prev)) setOwn(out, key, prev[key]);
  for (const key of Object.keys(next)) {
    const desc = descOf(key);
    setOwn(
      out,
      key,
      desc !== undefined && Object.hasOwn(prev, key) ? decodeOver(prev[key], next[key], desc) : next[key],
    );
  }
  return out;
}
