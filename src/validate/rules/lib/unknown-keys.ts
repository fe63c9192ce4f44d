/**
 * The keys `atc.UnmarshalConfig` (what set-pipeline runs on the server) does not know: top-level keys it drops,
 * and keys of the strictly decoded structs below it that make it fail (see concourse/config-fields.ts).
 */

import { CONFIG_FIELDS, STRICT_STRUCTS, type StrictStruct } from "../../../concourse/config-fields.ts";
import { isObject, type Path } from "../../../model/common.ts";
import type { SharedContext } from "../../define-rule.ts";

export interface UnknownKey {
  /** The path to the key itself. */
  readonly path: Path;
  readonly key: string;
  /** The keys the struct holding it knows (for "did you mean"). */
  readonly known: readonly string[];
}

export interface UnknownKeys {
  /** Top-level keys set-pipeline drops. */
  readonly dropped: readonly UnknownKey[];
  /** Keys of nested structs that make set-pipeline reject the pipeline, in document order. */
  readonly rejected: readonly UnknownKey[];
}

const TOP_LEVEL: ReadonlySet<string> = new Set<string>(CONFIG_FIELDS);

/** Reads the unknown keys once per run (shared by the two rules that report them). */
export const unknownKeys = (ctx: SharedContext): UnknownKeys => ctx.shared(findUnknownKeys);

/** Each strictly decoded struct with its fields as a set. */
const STRUCTS: readonly (StrictStruct & { readonly known: ReadonlySet<string> })[] = STRICT_STRUCTS.map((struct) => ({
  ...struct,
  known: new Set(struct.fields),
}));

/**
 * One pass over the top-level keys and the keys of each struct, making paths only for the keys it finds (a path and a
 * pair made for every entry took this pass from about 5 to about 20 ms at 10,000 jobs of the bench's workload).
 */
function findUnknownKeys(ctx: SharedContext): UnknownKeys {
  const pipeline = ctx.pipeline as unknown as Record<string, unknown>;
  const dropped: UnknownKey[] = [];
  for (const key of Object.keys(pipeline)) {
    if (!TOP_LEVEL.has(key)) dropped.push({ path: [key], key, known: CONFIG_FIELDS });
  }
  const rejected: UnknownKey[] = [];
  for (const struct of STRUCTS) {
    const { section, nested } = struct;
    const holder = pipeline[section];
    if (section === "display") {
      for (const key of unknownOf(holder, struct.known))
        rejected.push({ path: [section, key], key, known: struct.fields });
      continue;
    }
    if (!Array.isArray(holder)) continue;
    for (let i = 0; i < holder.length; i++) {
      const entry: unknown = holder[i];
      const value = nested === undefined ? entry : isObject(entry) ? entry[nested] : undefined;
      const unknown = unknownOf(value, struct.known);
      for (let k = 0; k < unknown.length; k++) {
        const key = unknown[k] as string;
        const path = nested === undefined ? [section, i, key] : [section, i, nested, key];
        rejected.push({ path, key, known: struct.fields });
      }
    }
  }
  return { dropped, rejected };
}

const NONE: readonly string[] = [];

/**
 * The keys of `value` (when an object) that are not in `known`; a list is made only when there is one (asked of every
 * job and resource, with the caller's loop by index: see GoSteps).
 */
function unknownOf(value: unknown, known: ReadonlySet<string>): readonly string[] {
  if (!isObject(value)) return NONE;
  let found: string[] | undefined;
  for (const key in value) {
    if (Object.hasOwn(value, key) && !known.has(key)) {
      found ??= [];
      found.push(key);
    }
  }
  return found ?? NONE;
}
