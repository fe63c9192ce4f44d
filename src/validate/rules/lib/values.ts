/** Defensive readers for parsed pipelines, where any value may have any type. */

import { goString } from "../../../concourse/go-value.ts";
import { isObject } from "../../../model/common.ts";

export type Obj = Readonly<Record<string, unknown>>;

/** The entries of a list, or none when the value is not a list. */
export const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export const has = (o: Obj, key: string): boolean => Object.hasOwn(o, key);

/** An entry of a top-level list of named objects, with Go's view of its name (`undefined` when not a string). */
export interface NamedEntry {
  readonly value: Obj;
  readonly index: number;
  readonly name: string | undefined;
}

const EMPTY: Obj = Object.freeze({});

/**
 * The entries of a top-level list of named objects (rules read them once per run: `sectionEntries()`). A null
 * entry (`-` or `~`) is an empty object, as Go decodes JSON null into a zero struct; an entry of another type is
 * left out (the shape check reports it).
 */
export function namedEntries(list: unknown): NamedEntry[] {
  const out: NamedEntry[] = [];
  const items = listOf(list);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const value = item === null || item === undefined ? EMPTY : item;
    if (!isObject(value)) continue;
    out.push({ value, index: i, name: goString(value.name) });
  }
  return out;
}

/** Go's `ResourceName()` of a get or put step: `resource:` when set, else the step's name. */
export function resourceNameOf(step: Obj, kind: "get" | "put"): string | undefined {
  const resource = goString(step.resource);
  if (resource === undefined) return undefined;
  return resource !== "" ? resource : goString(step[kind]);
}
