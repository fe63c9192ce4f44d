/** How Go reads a decoded JSON value into a typed field of Concourse's config structs. */

/**
 * A string field the way Go reads it into a `string`: absent or null is `""`; any other non-string is
 * `undefined` (Concourse would have refused to load the pipeline, so rules skip it).
 */
export function goString(v: unknown): string | undefined {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : undefined;
}

/** An integer field the way Go reads it into an `int`: absent or null is 0; non-integers are `undefined`. */
export function goInt(v: unknown): number | undefined {
  if (v === undefined || v === null) return 0;
  return typeof v === "number" && Number.isInteger(v) ? v : undefined;
}
