/** A JSON value, as Concourse reads it from a pipeline. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A free-form map handed to a resource or task (`source`, `params`, `vars`). */
export interface Params {
  [key: string]: unknown;
}

/**
 * A Go duration such as `30s`, `5m`, `1h30m`.
 * @see https://pkg.go.dev/time#ParseDuration
 */
export type Duration = string;

/** A resource version: a flat map of strings. */
export type Version = Record<string, string>;

/** Worker tags: the step or resource runs only on workers with all of them. */
export type Tags = string[];

/** Anything with a name that other parts of a pipeline may refer to. */
export interface Named {
  readonly name: string;
}

/**
 * Where Concourse expects the name of a resource, resource type or job, authors may give the object
 * itself; rendering writes its name, and `pipeline()` collects the object.
 */
export type Ref<T extends Named> = T | string;

/** The name a reference stands for. */
export const nameOf = (ref: Ref<Named>): string => (typeof ref === "string" ? ref : ref.name);

/** Sets an own enumerable data property, also for a `__proto__` key (which plain assignment takes as the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/** Whether a value is an object and not an array: a mapping, as a pipeline document has them. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `obj[key]` when `obj` has `key` as its own property, else `undefined`: a key of a pipeline document read as
 * the renderer reads it (an inherited key is never rendered). Walks over many steps read keys through this:
 * most keys asked for (hooks, `across`, `resource`, `passed`) are absent, and a plain read of an absent key on
 * objects of many shapes ties optimised code to those shapes, and it is thrown away when they are collected
 * (bench's build phase, `pipeline()` of 1,000 jobs, CPU ms per run after warm-up: 41-46 with plain reads, 10-13
 * through this, in the same runs as 15-16 for the code before the one walker).
 */
export const ownValue = (obj: Readonly<Record<string, unknown>>, key: string): unknown =>
  Object.hasOwn(obj, key) ? obj[key] : undefined;

/**
 * The name a reference in any value stands for: a string is the name, an object with a string `name` stands
 * for that name; anything else stands for none (`undefined`). {@link nameOf} for values typed as `Ref`.
 */
export function refName(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.name === "string") return value.name;
  return undefined;
}

/** Keys whose value may be `undefined` become optional keys without `undefined`. */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** A copy of `obj` without its top-level keys whose value is `undefined`. Never recurses. */
export function compact<T extends object>(obj: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const value = (obj as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Compact<T>;
}

/** One step of a path into a pipeline: a key or an array index. */
export type PathSegment = string | number;

/** A literal path into a pipeline document, such as `["jobs", 2, "plan", 0, "task"]`. */
export type Path = readonly PathSegment[];
