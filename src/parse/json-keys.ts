/**
 * Duplicate keys in JSON text. `JSON.parse` keeps the last of a repeated key, where fly's YAML parser rejects the
 * file; comparing the number of keys written in the text with the number the parsed value holds tells whether any
 * key repeats without a reviver (several times slower than the parse itself).
 */

/**
 * Whether JSON text that `JSON.parse` read into `value` repeats a key in some object: true exactly when the text
 * writes more keys than the value holds.
 */
export const hasRepeatedKeys = (text: string, value: unknown): boolean => keysInText(text) !== keysInValue(value);

/**
 * Whether `value`, what `JSON.parse` read from `text`, is what fly's YAML reader makes of the text: no key repeats
 * (go-yaml rejects the file) and no number lies beyond float64's range (`1e400`: JSON.parse makes it Infinity,
 * where go-yaml v2 keeps a float `strconv.ParseFloat` cannot read as its text, a string). When not, the text is to
 * be read as YAML, which reports or reads these as fly does. The numbers are looked at on the walk that counts keys.
 */
export const readAsGoYamlReads = (text: string, value: unknown): boolean => jsonReading(text, value) === "json";

/**
 * The number of object keys written in valid JSON text: every string followed (after white space) by `:`. Strings are
 * found with `indexOf` rather than by reading every character: at 10,000 jobs of the bench's workload (24 MB), 35 ms
 * against 124 for a loop over each character (JSON.parse of the text: 140 ms; three alternated runs).
 */
export function keysInText(text: string): number {
  let keys = 0;
  for (let start = text.indexOf('"'); start !== -1; start = text.indexOf('"', start + 1)) {
    // the string's closing quote: the next quote not escaped (after an even number of backslashes)
    let end = text.indexOf('"', start + 1);
    while (end !== -1 && backslashesBefore(text, end) % 2 === 1) end = text.indexOf('"', end + 1);
    if (end === -1) break;
    let j = end + 1;
    let c = text.charCodeAt(j);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++j);
    if (c === 0x3a) keys++;
    start = end;
  }
  return keys;
}

function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 0x5c) n++;
  return n;
}

/** The number of keys of every object in a parsed JSON value (iterative: JSON may nest deeper than the stack). */
export const keysInValue = (value: unknown): number => valueCensus(value).keys;

/**
 * The keys of every object in a parsed JSON value, whether a number in it is infinite (out of range), and how deep its
 * lists and objects nest (the value itself, if one, is at depth 1).
 */
function valueCensus(value: unknown): { readonly keys: number; readonly overflow: boolean; readonly depth: number } {
  let keys = 0;
  let overflow = value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY;
  let depth = 0;
  const pending: unknown[] = [value];
  /** The depth of each list or object in `pending`. */
  const depths: number[] = [1];
  while (pending.length > 0) {
    const v = pending.pop();
    const at = depths.pop() as number;
    if (typeof v !== "object" || v === null) continue;
    if (at > depth) depth = at;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (typeof item === "object" && item !== null) {
          pending.push(item);
          depths.push(at + 1);
        } else if (item === Number.POSITIVE_INFINITY || item === Number.NEGATIVE_INFINITY) overflow = true;
      }
      continue;
    }
    // JSON.parse makes plain objects: `for in` sees their own keys only (`__proto__` included, as an own key)
    for (const key in v) {
      keys++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) {
        pending.push(item);
        depths.push(at + 1);
      } else if (item === Number.POSITIVE_INFINITY || item === Number.NEGATIVE_INFINITY) overflow = true;
    }
  }
  return { keys, overflow, depth };
}

/**
 * go-yaml's limit on nesting (scannerc.go `max_flow_level` and `max_indents`, v2 and v3 alike): the 10,001st flow
 * collection open at once, or block collection indented in, is its error `exceeded max depth of 10000`.
 */
export const GO_YAML_MAX_DEPTH = 10_000;

/**
 * How JSON text that `JSON.parse` read into `value` is to be read to read it as fly does: as the value (`json`), as
 * YAML (`yaml`: see {@link readAsGoYamlReads}), or refused where go-yaml refuses it, nested deeper than
 * {@link GO_YAML_MAX_DEPTH}: `tooDeep` is the offset of the `[` or `{` past the limit, where go-yaml's error is.
 */
export function jsonReading(text: string, value: unknown): "json" | "yaml" | { readonly tooDeep: number } {
  const census = valueCensus(value);
  if (census.depth > GO_YAML_MAX_DEPTH) return { tooDeep: openingPastLimit(text) };
  return !census.overflow && census.keys === keysInText(text) ? "json" : "yaml";
}

/** The offset of the first `[` or `{` of valid JSON text opened with {@link GO_YAML_MAX_DEPTH} others open. */
function openingPastLimit(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // past the string: its closing quote is the next one not escaped
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && backslashesBefore(text, end) % 2 === 1) end = text.indexOf('"', end + 1);
      i = end === -1 ? text.length : end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > GO_YAML_MAX_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return 0;
}
