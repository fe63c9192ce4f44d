/**
 * The keys `atc.UnmarshalConfig` (what set-pipeline runs on the server) does not know: top-level keys it drops,
 * and keys of the strictly decoded structs below it that make it fail (see concourse/config-fields.ts).
 */

import { CONFIG_FIELDS, STRICT_STRUCTS } from "../../../concourse/config-fields.ts";
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

function findUnknownKeys(ctx: SharedContext): UnknownKeys {
  const pipeline = ctx.pipeline as unknown as Record<string, unknown>;
  const dropped: UnknownKey[] = [];
  for (const key of Object.keys(pipeline)) {
    if (!TOP_LEVEL.has(key)) dropped.push({ path: [key], key, known: CONFIG_FIELDS });
  }
  const rejected: UnknownKey[] = [];
  for (const { section, nested, fields } of STRICT_STRUCTS) {
    const known: ReadonlySet<string> = new Set(fields);
    const holder = pipeline[section];
    const entries: [Path, unknown][] =
      section === "display"
        ? [[[section], holder]]
        : Array.isArray(holder)
          ? holder.map((v, i) => [[section, i], v])
          : [];
    for (const [at, entry] of entries) {
      const [path, value] =
        nested === undefined ? [at, entry] : [[...at, nested], isObject(entry) ? entry[nested] : undefined];
      if (!isObject(value)) continue;
      for (const key of Object.keys(value))
        if (!known.has(key)) rejected.push({ path: [...path, key], key, known: fields });
    }
  }
  return { dropped, rejected };
}
