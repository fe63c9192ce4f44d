/**
 * Freezes `value` and everything reachable from it, then returns it (typed as before, so
 * it can be passed where the model's mutable types are expected).
 * Tests freeze their inputs so that any mutation by the code under test throws (ESM is strict mode).
 */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<object>();
  const freeze = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) freeze((v as Record<PropertyKey, unknown>)[key]);
    Object.freeze(v);
  };
  freeze(value);
  return value;
}

/** A deep copy of a JSON-like value, to compare an input with its state before a call. */
export const snapshot = <T>(value: T): T => structuredClone(value);
