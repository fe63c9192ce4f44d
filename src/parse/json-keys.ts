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
export function readAsGoYamlReads(text: string, value: unknown): boolean {
  const census = valueCensus(value);
  return !census.overflow && census.keys === keysInText(text);
}

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

/** The keys of every object in a parsed JSON value, and whether a number in it is infinite (out of range). */
function valueCensus(value: unknown): { readonly keys: number; readonly overflow: boolean } {
  let keys = 0;
  let overflow = value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (typeof item === "object" && item !== null) pending.push(item);
        else if (item === Number.POSITIVE_INFINITY || item === Number.NEGATIVE_INFINITY) overflow = true;
      }
      continue;
    }
    // JSON.parse makes plain objects: `for in` sees their own keys only (`__proto__` included, as an own key)
    for (const key in v) {
      keys++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) pending.push(item);
      else if (item === Number.POSITIVE_INFINITY || item === Number.NEGATIVE_INFINITY) overflow = true;
    }
  }
  return { keys, overflow };
}
