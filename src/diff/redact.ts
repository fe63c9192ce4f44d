import { isObject } from "../model/common.ts";
import { literalOfSecretKey, mayHaveShape, SHAPES } from "../validate/rules/lib/secrets.ts";

/** What a secret is shown as. */
export const REDACTED = "<redacted>";
/** What a secret that differs from the one before it is shown as, so that its change still shows. */
export const REDACTED_CHANGED = "<redacted, changed>";

/** Every shape of a known credential, matching all occurrences. */
const GLOBAL_SHAPES = SHAPES.map(({ pattern }) => new RegExp(pattern.source, "g"));

/**
 * A string with its secrets hidden: the whole value of a key that names a secret (`password`,
 * `*_token`, `private_key`, ...; not a `((var))` or a placeholder), and any part shaped like a known
 * credential (a PEM private key, AWS access key id, GitHub or Slack token, Slack webhook URL).
 */
export function redactString(value: string, key: string | undefined): string {
  if (literalOfSecretKey(value, key)) return REDACTED;
  if (!mayHaveShape(value)) return value;
  return GLOBAL_SHAPES.reduce((text, pattern) => text.replace(pattern, REDACTED), value);
}

/**
 * A scalar with its secret hidden: a string as {@link redactString} hides it, a number written as the value of a key
 * that names a secret (`password: 123456`, which YAML reads as a number) as that number's text would be.
 */
function redactScalar(value: unknown, key: string | undefined): unknown {
  if (typeof value === "string") return redactString(value, key);
  if (typeof value === "number" && literalOfSecretKey(String(value), key)) return REDACTED;
  return value;
}

/**
 * `value` with every secret hidden (see {@link redactScalar}); the argument untouched. A list or object that holds no
 * secret is returned itself, not copied: an added job without one costs only the look (on 100,000 added jobs the copies
 * were most of what the garbage collector had to do).
 */
export function redact(value: unknown, key?: string): unknown {
  if (typeof value === "string" || typeof value === "number") return redactScalar(value, key);
  if (Array.isArray(value)) {
    const items = value.map((item) => redact(item, key));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (isObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const hidden = redact(v, k);
      if (hidden !== v && copy === undefined) copy = Object.fromEntries(Object.entries(value));
      if (copy !== undefined) copy[k] = hidden;
    }
    return copy ?? value;
  }
  return value;
}

/**
 * Both sides of a change with their secrets hidden, compared at the same place: a secret that differs
 * from the one before it is shown as {@link REDACTED_CHANGED} on the after side, so that a changed
 * password still shows as a change without showing either value.
 */
export function redactPair(before: unknown, after: unknown, key?: string): [unknown, unknown] {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number";
  if (scalar(before) && scalar(after)) {
    const [a, b] = [redactScalar(before, key), redactScalar(after, key)];
    // both hidden alike (so a is text that differs from what it hides): the after side says it changed
    return [a, before !== after && a === b && a !== before ? String(b).replace(REDACTED, REDACTED_CHANGED) : b];
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const pairs = before.map((item, i) => redactPair(item, after[i], key));
    return [pairs.map(([a]) => a), after.map((item, i) => (i < before.length ? pairs[i]?.[1] : redact(item, key)))];
  }
  if (isObject(before) && isObject(after)) {
    const a = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, redactPair(v, after[k], k)[0]]));
    const b = Object.fromEntries(
      Object.entries(after).map(([k, v]) => [k, k in before ? redactPair(before[k], v, k)[1] : redact(v, k)]),
    );
    return [a, b];
  }
  return [redact(before, key), redact(after, key)];
}
