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

/** Whether `value` is an object whose `name` is a non-empty string (a resource, a job). */
const isNamed = (value: unknown): boolean => isObject(value) && typeof value.name === "string" && value.name !== "";

/** Whether `value` names something: a non-empty string, or an object whose `name` is one. */
export const isRef = (value: unknown): boolean => (typeof value === "string" ? value !== "" : isNamed(value));

/**
 * The values a closed union allows, for a message, `otherwise` the last: `"a" or "b"`, `"a", "b" or "c"`,
 * `"all", "detect" or an array of names`.
 */
export function choicesPhrase(values: readonly string[], otherwise?: string): string {
  const each = values.map((value) => JSON.stringify(value));
  if (otherwise !== undefined) each.push(otherwise);
  return each.length > 1 ? `${each.slice(0, -1).join(", ")} or ${each.at(-1)}` : (each[0] ?? "nothing");
}

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

/** The kinds of value an option can take, each with the phrase that names it in a message. */
const OPTION_KINDS = {
  string: "a string",
  number: "a number",
  boolean: "a boolean",
  object: "an object",
  named: "an object with a name",
  ref: "a name or an object with a name",
  array: "an array",
  "string[]": "an array of strings",
} as const;

/** A kind of option value: `named` is a resource or job (an object with a non-empty `name`), `ref` a name or one. */
export type OptionKind = keyof typeof OPTION_KINDS;

/** The {@link OptionKind} of a TypeScript type, as its runtime check sees it. */
type KindOf<T> = [T] extends [string]
  ? "string"
  : [T] extends [number]
    ? "number"
    : [T] extends [boolean]
      ? "boolean"
      : [T] extends [readonly string[]]
        ? "string[]"
        : [T] extends [readonly unknown[]]
          ? "array"
          : [T] extends [{ readonly name: string }]
            ? "named"
            : [T] extends [object]
              ? "object"
              : [T] extends [string | { readonly name: string }]
                ? "ref"
                : never;

/** The kind of one option: `|null` when `null` is allowed, `?` when the option may be left out. */
type KindOfOption<
  T,
  Optional extends boolean,
> = `${null extends T ? `${KindOf<NonNullable<T>>}|null` : KindOf<NonNullable<T>>}${Optional extends true ? "?" : ""}`;

/**
 * What a factory checks its options object against: every option of `O` with its kind, `?` after the
 * optional ones. The compiler holds the description to the options' interface, so the two cannot drift.
 * @example const GIT_REPO_OPTIONS: OptionKinds<GitRepoOptions> = { name: "string", uri: "string", branch: "string?" }
 */
export type OptionKinds<O> = {
  readonly [K in keyof O]-?: KindOfOption<O[K], Partial<Pick<O, K>> extends Pick<O, K> ? true : false>;
};

/**
 * The values a string option of a closed union may take, checked by {@link checkOptions}: the `as const` list the
 * option's type is derived from (`authMethod?: (typeof AUTH_METHODS)[number]`), so that the two cannot drift.
 */
export type OptionChoices<O> = {
  readonly [K in keyof O]?: readonly Extract<NonNullable<O[K]>, string>[];
};

/** Whether `value` is of `kind` (elements of a `string[]` are checked by {@link checkOptions}). */
function isOfKind(kind: OptionKind, value: unknown): boolean {
  switch (kind) {
    case "string":
    case "number":
    case "boolean":
      return typeof value === kind;
    case "object":
      return isObject(value);
    case "named":
      return isNamed(value);
    case "ref":
      return isRef(value);
    case "array":
    case "string[]":
      return Array.isArray(value);
  }
}

/**
 * Checks a factory's options object for a caller past the types (JavaScript, casts) and returns it
 * unchanged: throws {@link argumentError} naming the factory and the first option that is missing or
 * of the wrong kind, such as `gitRepo(): option 'uri' must be a string, got a number (42)`.
 * Options not in `kinds` are left alone, as TypeScript allows them in an object passed as a variable.
 */
export function checkOptions<O extends object>(
  fn: string,
  options: O,
  kinds: OptionKinds<O>,
  choices: OptionChoices<O> = {},
): O {
  expectObject(fn, "options", options);
  for (const [key, description] of Object.entries(kinds) as [string, string][]) {
    const optional = description.endsWith("?");
    const [kind, nullable] = description.replace(/\?$/, "").split("|") as [OptionKind, "null" | undefined];
    const value = options[key];
    if ((optional && value === undefined) || (nullable && value === null)) continue;
    const expected = `${OPTION_KINDS[kind]}${nullable ? " or null" : ""}`;
    if (!isOfKind(kind, value)) throw argumentError(fn, `option '${key}'`, expected, value);
    // what JSON would not write as it is, and a name that names nothing
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw argumentError(fn, `option '${key}'`, "a finite number", value);
    }
    if (key === "name" && value === "") throw argumentError(fn, "option 'name'", "a non-empty string", value);
    const allowed = (choices as Record<string, readonly string[] | undefined>)[key];
    if (allowed !== undefined && !allowed.includes(value as string)) {
      throw argumentError(fn, `option '${key}'`, choicesPhrase(allowed), value);
    }
    if (kind === "string[]") {
      const at = (value as unknown[]).findIndex((item) => typeof item !== "string");
      if (at >= 0) throw argumentError(fn, `option '${key}[${at}]'`, "a string", (value as unknown[])[at]);
    }
  }
  return options;
}
