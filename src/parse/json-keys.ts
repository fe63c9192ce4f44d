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

/** The number of object keys written in valid JSON text: every string followed (after white space) by `:`. */
export function keysInText(text: string): number {
  let keys = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    // to the string's closing quote, over escapes
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) i++;
    }
    let j = i + 1;
    let c = text.charCodeAt(j);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++j);
    if (c === 0x3a) keys++;
  }
  return keys;
}

/** The number of keys of every object in a parsed JSON value (iterative: JSON may nest deeper than the stack). */
export function keysInValue(value: unknown): number {
  let keys = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === "object" && item !== null) pending.push(item);
      continue;
    }
    // JSON.parse makes plain objects: `for in` sees their own keys only (`__proto__` included, as an own key)
    for (const key in v) {
      keys++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) pending.push(item);
    }
  }
  return keys;
}
