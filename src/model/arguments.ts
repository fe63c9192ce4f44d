import { isObject } from "./common.ts";
import { HangarError } from "./errors.ts";

/** A value described for a message: `undefined`, `null`, `an array`, `a string ("x")`, `a number (3)`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case "number":
    case "bigint":
    case "boolean":
      return `a ${typeof value} (${String(value)})`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return "an object";
  }
}

/**
 * The error for an argument of the wrong shape (a caller in JavaScript, or one past the types):
 * one sentence naming the function and the argument, code `api/argument`.
 * @example argumentError("pipeline", "part #1", "an object with jobs", undefined)
 * // pipeline(): part #1 must be an object with jobs, got undefined
 */
export const argumentError = (fn: string, argument: string, expected: string, actual: unknown): HangarError =>
  new HangarError("api/argument", `${fn}(): ${argument} must be ${expected}, got ${describeValue(actual)}`);

/** Throws {@link argumentError} unless `value` is an object. */
export function expectObject<T>(fn: string, argument: string, value: T): asserts value is T & Record<string, unknown> {
  if (!isObject(value)) throw argumentError(fn, argument, "an object", value);
}

/** Throws {@link argumentError} unless each listed key of `value` is absent or an array. */
export function expectArrays(
  fn: string,
  argument: string,
  value: Record<string, unknown>,
  keys: readonly string[],
): void {
  for (const key of keys) {
    if (value[key] !== undefined && !Array.isArray(value[key])) {
      throw argumentError(fn, `${argument}.${key}`, "an array", value[key]);
    }
  }
}
