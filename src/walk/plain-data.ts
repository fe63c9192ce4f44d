import { isWellFormedText, loneSurrogate } from "../concourse/go-yaml-characters.ts";
import { isObject, type Path, type PathSegment } from "../model/common.ts";
import { HangarError, isHangarError } from "../model/errors.ts";
import { shownPath } from "../source/diagnostic.ts";

/**
 * Deep equality of plain data: the order of an object's keys does not count, nor do keys whose value is undefined.
 * Loops over `for...in` rather than `every` over filtered `Object.keys` lists, which allocate per object: `hangar
 * diff` compares whole configs with it, and on a config of 3,000 jobs of the bench's workload that took one
 * comparison from about 140 to 30 ms.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b)) return false;
  // each defined key of a holds the same data in b, and b has as many defined keys
  let defined = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key) || a[key] === undefined) continue;
    if (!Object.hasOwn(b, key) || !sameData(a[key], b[key])) return false;
    defined++;
  }
  for (const key in b) if (Object.hasOwn(b, key) && b[key] !== undefined) defined--;
  return defined === 0;
}

/**
 * A deep copy of plain data (lists and objects copied, anything else shared), for code that changes the copy in place.
 * What `structuredClone` gives for data, at a fraction of its cost: the copy `hangar diff` makes of each object that
 * differs took most of its time on a config of 100,000 added jobs. An own `__proto__` key stays an own key; an object
 * of a class (a `Date`) is shared.
 */
export function copyData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (!isObject(value)) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  // a Date or another object of a class is shared, not made a plain object
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === "__proto__")
      Object.defineProperty(copy, key, {
        value: copyData(value[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = copyData(value[key]);
  }
  return copy as T;
}

/** Where a value stops being plain data, and what is wrong there. */
export interface NotPlainData {
  readonly path: Path;
  /** `a circular reference (back to jobs[3])`, `a BigInt (12n), ...`, `a getter that throws: Error: ...`, ... */
  readonly problem: string;
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** What is wrong with a value that is not an object, or undefined when JSON holds it unchanged. */
function leafProblem(v: unknown): string | undefined {
  switch (typeof v) {
    case "bigint":
      return `a BigInt (${v}n), which JSON cannot hold`;
    case "function":
      return "a function, not data (a factory not called?)";
    case "symbol":
      return `a symbol (${String(v)}), not data`;
    case "number":
      return Number.isFinite(v) ? undefined : `${v}, a number JSON cannot hold`;
    case "string":
      return isWellFormedText(v) ? undefined : surrogateProblem("a string", v);
    default:
      return undefined;
  }
}

/** What is wrong with a string or a key holding a lone surrogate. */
const surrogateProblem = (what: string, text: string): string =>
  `${what} holding a lone surrogate (${loneSurrogate(text)}), which UTF-8 cannot hold and fly refuses (found invalid Unicode character escape code)`;

/**
 * What is wrong with an object JSON would not write as its data (a `Date` is written as a string, a `Map` or a `Set` as
 * `{}`), or undefined. Plain objects and arrays are data; so is an object of a class of the user's (its own keys are
 * written). Told by the object's built-in tag, so that only objects that are not plain pay for the look.
 */
export function objectProblem(v: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null || Array.isArray(v)) return undefined;
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  switch (tag) {
    case "Date":
      return "a Date, which is not data: give its text (date.toISOString(), or the format the resource expects)";
    case "Map":
      return "a Map, which JSON writes as {}: give a plain object (Object.fromEntries(map))";
    case "Set":
      return "a Set, which JSON writes as {}: give an array ([...set])";
    default:
      return NOT_DATA_TAGS.has(tag) || ArrayBuffer.isView(v) ? `a ${tag}, not data` : undefined;
  }
}

/** Built-in objects that are not data (beside those {@link objectProblem} explains). */
const NOT_DATA_TAGS: ReadonlySet<string> = new Set([
  "WeakMap",
  "WeakSet",
  "RegExp",
  "Promise",
  "Error",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "BigInt",
]);

/** Whether a value that is not an object is one {@link findNotPlainData} finds nothing wrong with (`undefined` is). */
export const isPlainScalar = (v: unknown): boolean => leafProblem(v) === undefined;

/**
 * The first place where `value` is not data that JSON can hold unchanged: a circular reference, a
 * BigInt, a function, a symbol, a number that is not finite, a built-in object that is not data (a `Date`, a `Map`,
 * see {@link objectProblem}), a string or a key holding a lone surrogate (which UTF-8 cannot hold), a property whose
 * getter throws, or an object whose keys cannot be listed (a `Proxy`). `undefined` when there is none. Walks
 * carefully (never deeper than `maxDepth`, reading each
 * property once, inside try), so it can explain why converting or writing `value` failed; it also
 * runs before every validation of rendered data, so its loop touches nothing but what it must (a
 * path is only built for a finding). Plain functions passing one walk state, rather than closures made
 * per call, and an object's keys read with `Object.keys`: at 10,000 jobs of the bench's workload that
 * took the check from about 50 to 35 ms (fastest of 22 runs each, alternating).
 */
export function findNotPlainData(value: unknown, maxDepth = 1000): NotPlainData | undefined {
  if (typeof value !== "object") {
    const problem = leafProblem(value);
    return problem === undefined ? undefined : { path: [], problem };
  }
  if (value === null) return undefined;
  const walk: PlainWalk = { ancestors: [], path: [], maxDepth };
  return visitValue(walk, value);
}

/** One check: the objects being looked into, outermost first, and the path to the current one. */
interface PlainWalk {
  readonly ancestors: object[];
  readonly path: PathSegment[];
  readonly maxDepth: number;
}

function visitValue(walk: PlainWalk, v: object): NotPlainData | undefined {
  const { ancestors, path } = walk;
  const back = ancestors.indexOf(v);
  if (back !== -1) {
    const to = back === 0 ? "the top" : shownPath(path.slice(0, back));
    return { path: [...path], problem: `a circular reference (back to ${to})` };
  }
  if (ancestors.length >= walk.maxDepth)
    return { path: [...path], problem: `nested more than ${walk.maxDepth} levels deep` };
  // an array's items by index, an object's by its keys
  let keys: string[] | undefined;
  let count: number;
  try {
    const problem = objectProblem(v);
    if (problem !== undefined) return { path: [...path], problem };
    keys = Array.isArray(v) ? undefined : Object.keys(v);
    count = keys === undefined ? (v as unknown[]).length : keys.length;
  } catch (error) {
    // a Proxy whose traps throw
    return { path: [...path], problem: `an object that cannot be read: ${describeError(error)}` };
  }
  ancestors.push(v);
  let found: NotPlainData | undefined;
  for (let k = 0; k < count && found === undefined; k++) {
    const key: PathSegment = keys === undefined ? k : (keys[k] as string);
    if (typeof key === "string" && !isWellFormedText(key)) {
      found = { path: [...path, key], problem: surrogateProblem("a key", key) };
      break;
    }
    let c: unknown;
    try {
      c = (v as Record<PathSegment, unknown>)[key];
    } catch (error) {
      found = { path: [...path, key], problem: `a getter that throws: ${describeError(error)}` };
      break;
    }
    found = visitChild(walk, key, c);
  }
  ancestors.pop();
  return found;
}

function visitChild(walk: PlainWalk, key: PathSegment, c: unknown): NotPlainData | undefined {
  if (typeof c !== "object") {
    const problem = leafProblem(c);
    return problem === undefined ? undefined : { path: [...walk.path, key], problem };
  }
  if (c === null) return undefined;
  walk.path.push(key);
  const found = visitValue(walk, c);
  walk.path.pop();
  return found;
}

/** Marks the error of {@link undefinedItemError}, with the list and the index it was thrown at. */
const UNDEFINED_ITEM = Symbol("undefined item");

/** What is wrong with `undefined` as an item of a list of user data. */
const UNDEFINED_ITEM_PROBLEM =
  "undefined in a list, which JSON cannot hold (leaving it out would move the items after it): give a value, or take the item out of the list";

/**
 * The error a conversion throws at `undefined` (or a hole) as item `index` of a list of user data (`args`, a list in
 * `params` or `source`): JSON has no undefined, and leaving the item out would move every item after it (an
 * argument list would run something else). {@link explainNotPlainData} finds the list in the value converted and names
 * the item's path. (An undefined item of one of the model's own lists, a plan or `passed`, is only left out.)
 */
export function undefinedItemError(list: readonly unknown[], index: number): TypeError {
  return Object.assign(new TypeError(`undefined as item ${index} of a list`), { [UNDEFINED_ITEM]: { list, index } });
}

/**
 * Where a conversion of `value` that threw `error` met something that is not data: the undefined item
 * {@link undefinedItemError} marks, found in `value` by the list's identity, or else {@link findNotPlainData}'s finding.
 */
export function notPlainDataIn(value: unknown, error: unknown): NotPlainData | undefined {
  const item = error instanceof TypeError ? (error as { [UNDEFINED_ITEM]?: UndefinedItem })[UNDEFINED_ITEM] : undefined;
  if (item !== undefined) {
    const at = pathTo(value, item.list);
    if (at !== undefined) return { path: [...at, item.index], problem: UNDEFINED_ITEM_PROBLEM };
  }
  return findNotPlainData(value);
}

interface UndefinedItem {
  readonly list: readonly unknown[];
  readonly index: number;
}

/**
 * The path of the first place, in the order of keys and items, where `root` holds `target` itself (the same object),
 * or undefined. A loop over a stack, each object looked into once and no deeper than `maxDepth`, each read inside try.
 */
function pathTo(root: unknown, target: object, maxDepth = 1000): Path | undefined {
  if (typeof root !== "object" || root === null) return undefined;
  const seen = new Set<object>();
  const stack: { readonly value: object; readonly path: Path }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: object; path: Path };
    if (value === target) return path;
    if (seen.has(value) || path.length >= maxDepth) continue;
    seen.add(value);
    const children: { value: object; path: Path }[] = [];
    try {
      const keys: PathSegment[] = Array.isArray(value) ? [...value.keys()] : Object.keys(value);
      for (const key of keys) {
        const child: unknown = (value as Record<PathSegment, unknown>)[key];
        if (typeof child === "object" && child !== null) children.push({ value: child, path: [...path, key] });
      }
    } catch {
      // a getter or a Proxy that throws: nothing to find behind it
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { value: object; path: Path });
  }
  return undefined;
}

/**
 * Why a library call failed on `value` (one of its arguments, named `argument`), when the cause is in the caller's
 * data (a cycle, nesting too deep for the stack, a BigInt, NaN, a function, a Date, undefined in a list): an
 * `api/argument` error naming the path, such as `renderJson(): the pipeline is not plain data at
 * jobs[0].plan[0].params.self: a circular reference (back to jobs[0].plan[0].params)`. A HangarError, or an error with
 * no such cause, is returned as it was. For a `catch` only: the walk runs once a call has failed, so a call that
 * succeeds pays nothing.
 */
export function explainNotPlainData(fn: string, argument: string, value: unknown, error: unknown): unknown {
  if (isHangarError(error)) return error;
  const found = notPlainDataIn(value, error);
  if (found === undefined) return error;
  const at = found.path.length === 0 ? "" : ` at ${shownPath(found.path)}`;
  return new HangarError("api/argument", `${fn}(): ${argument} is not plain data${at}: ${found.problem}`);
}
