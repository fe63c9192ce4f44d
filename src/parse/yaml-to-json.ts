import { goFormatFloat, goIntegerSyntax, goSyntax } from "../concourse/go-format.ts";
import { type GoNumber, type GoNumbers, needsGoNumber } from "../concourse/go-number.ts";
import { lineIndex } from "../source/locate.ts";
import { goNumber } from "./go-numbers.ts";

/**
 * What fly's readers make of the keys and values js-yaml reads, watched from the reader's listener as each node
 * closes (no pass of its own over the values):
 *
 * - a null key (`~`, `null`, an empty key) fails sigs.k8s.io/yaml's `convertToJSONableObject` (JSON keys are
 *   strings; only strings, ints, floats and bools are turned into one), and so does an integer key go-yaml reads as a
 *   uint64 (past 2^63); an integer key past 2^53 is named by its digits, where js-yaml rounds it;
 * - a list or mapping as a key fails go-yaml v3 (fly's first read of the file, into a `map[string]any`): at the top
 *   level as a type error (`cannot unmarshal !!seq into string`), below it as `invalid map key`;
 * - a float key becomes the text `strconv.FormatFloat(f, 'g', -1, 32)` gives, `.inf`, `-.inf` and `.nan` for the
 *   infinities and NaN (js-yaml would name them `Infinity`, `NaN`);
 * - a float value JSON cannot hold (YAML 1.1's `.inf`, `-.inf`, `.nan`) fails `json.Marshal` unless it stands
 *   where the pipeline wants a string: the watch only notes that the document holds one (see
 *   {@link findNonFinite}).
 */
export interface NodeWatch {
  readonly open: (state: ListenerState) => void;
  readonly close: (state: ListenerState) => void;
  /** Whether a value (not a key) is a float JSON cannot hold. */
  readonly nonFinite: () => boolean;
  /**
   * The keys fly rejects, as problems of the read: the lists and mappings (go-yaml v3's pass, the first) when there
   * are any, else the null keys; none when the document is not a mapping (go-yaml v3 then stops at its root), unless
   * the text is read by itself (`standalone`: sigs.k8s.io/yaml's go-yaml v2 pass, then its conversion to JSON, look at
   * every key before the type of the root matters).
   */
  readonly problems: () => KeyProblem[];
}

/** A key fly rejects, at a 0-based offset into the text, with fly's line for it. */
export interface KeyProblem {
  readonly kind: "null-key" | "uint64-key" | "complex-key";
  readonly message: string;
  readonly offset: number;
  readonly fly: string;
  /**
   * The error sigs.k8s.io/yaml's `Unmarshal` gives for the key when it reads the text by itself, as fly reads a `-l`
   * vars file: go-yaml v2 takes no list or mapping as a key (`yaml: invalid map key`, at any level), and the
   * conversion to JSON no null key.
   */
  readonly unmarshal: string;
}

/** The parts of js-yaml's loader state its `listener` option sees. */
export interface ListenerState {
  readonly depth: number;
  readonly kind: string | null;
  readonly tag: string | null;
  /** The node's anchor (`&name`), if it has one. */
  readonly anchor: string | null;
  /** Written back for a key whose name is not js-yaml's `String()` of it (the caller then reads it as the key). */
  result: unknown;
  readonly position: number;
}

/**
 * A key sigs.k8s.io/yaml takes for none (null, or an integer go-yaml reads as a uint64) whose value is not read yet:
 * the next node closed at its depth, unless that is a key.
 */
interface PendingKey {
  readonly offset: number;
  readonly depth: number;
  /** The key as js-yaml reads it (null, or the digits of a uint64). */
  readonly read: null | string;
  /** The integer go-yaml reads, for a uint64 key. */
  readonly uint?: bigint;
}

/** The name sigs.k8s.io/yaml gives the float -0 as a key (`FormatFloat`): js-yaml's `String(-0)` is `0`. */
const NEGATIVE_ZERO_KEY = "-0";

export function nodeWatch(text: string, standalone = false): NodeWatch {
  /** `opens[d]`: where the node open at depth d started. */
  const opens: number[] = [];
  let nonFinite = false;
  let rootIsMapping = true;
  const complexKeys: KeyProblem[] = [];
  const nullKeys: KeyProblem[] = [];
  let pending: PendingKey | undefined;
  /**
   * The values read so far that are whole numbers from 1e6 up, in the order they were read, with how go-yaml read them
   * (undefined: an integer JavaScript holds exactly): what Go prints for one inside a key or value a message shows.
   */
  const wholeNumbers: WholeNumber[] = [];
  /** How go-yaml read the whole number from 1e6 up last anchored with each name (an alias to it is that number). */
  const anchoredNumbers = new Map<string, GoNumber | undefined>();
  const recordWhole = (value: number, range: Range): void => {
    const last = wholeNumbers.at(-1);
    // a scalar of a block context is closed twice
    if (last?.start === range.start && last.end === range.end) return;
    const alias = aliasName(text, range);
    const number = alias === undefined ? goNumber(text, range.start, range.end, value) : anchoredNumbers.get(alias);
    wholeNumbers.push({ ...range, value, number });
  };
  /** Where the lists and mappings with an anchor were read, for an alias to one. */
  const anchored = new WeakMap<object, Range>();
  /**
   * `value`, read from `range` (an alias: where the node it names was), as Go's `%#v` prints it: with how go-yaml read
   * the whole numbers in it.
   */
  const shownFrom = (value: unknown, range: Range, mapType?: string): string => {
    const read = typeof value === "object" && value !== null ? (anchored.get(value) ?? range) : range;
    return goSyntax(value, mapType, numbersIn(value, read, wholeNumbers));
  };
  const unsupportedKey = (key: PendingKey, value: unknown, range: Range): void => {
    const shown = shownFrom(value, range);
    // convertToJSONableObject: `unsupported map key of type: %s, key: %+#v, value: %+#v`
    const [type, name] = key.uint === undefined ? ["%!s(<nil>)", "<nil>"] : ["uint64", goIntegerSyntax(key.uint)];
    const fly = `${TO_JSON}unsupported map key of type: ${type}, key: ${name}, value: ${shown}`;
    const [kind, message] =
      key.uint === undefined ? (["null-key", NULL_KEY] as const) : (["uint64-key", uintKeyMessage(key.uint)] as const);
    nullKeys.push({ kind, message, offset: key.offset, fly, unmarshal: fly });
  };
  return {
    open(state) {
      opens[state.depth] = state.position;
    },
    close(state) {
      const r = state.result;
      const open = opens[state.depth] ?? 0;
      const whole = typeof r === "number" && needsGoNumber(r) && !isKey(text, open, state.position);
      if (whole) recordWhole(r, { start: open, end: state.position });
      if (state.anchor !== null && typeof r === "number" && needsGoNumber(r)) {
        anchoredNumbers.set(state.anchor, goNumber(text, open, state.position, r));
      }
      if (pending !== undefined && state.depth <= pending.depth) {
        // js-yaml reads an explicit key (`? ~`) as a node around the node: the outer one is the same key
        const same =
          state.depth < pending.depth && r === pending.read && keyStart(text, open, state.position) === pending.offset;
        // the node after a null key at its depth is its value, unless it is the next key (the value was empty)
        const value = state.depth === pending.depth && !isKey(text, open, state.position) ? r : null;
        if (!same) unsupportedKey(pending, value, { start: open, end: state.position });
        pending = undefined;
      }
      if (state.anchor !== null && typeof r === "object" && r !== null) {
        anchored.set(r, { start: open, end: state.position });
      }
      if (state.depth === 1) rootIsMapping = state.kind === "mapping" || (state.kind === null && r === null);
      // integers, strings and booleans (nearly every node) are keys as js-yaml names them, and values JSON holds
      if (typeof r === "number") {
        // the float -0 as a key: sigs.k8s.io/yaml names it `-0` (FormatFloat); in a pipeline, fly's templating writes
        // it `-0`, which reads back as the int 0, the name js-yaml gives it
        if (standalone && Object.is(r, -0) && isKey(text, open, state.position)) {
          state.result = NEGATIVE_ZERO_KEY;
          return;
        }
        if (Number.isSafeInteger(r) && !needsGoNumber(r)) return;
        if (whole || !isKey(text, open, state.position)) {
          if (!Number.isFinite(r)) nonFinite = true;
          return;
        }
        // an integer past 2^53 is named by its digits (strconv.Itoa), where js-yaml would round it, a whole float as a
        // float (1e+06); one go-yaml reads as a uint64 is no key to sigs.k8s.io/yaml
        const number = needsGoNumber(r) ? goNumber(text, open, state.position, r) : undefined;
        const name = goYamlNumberKeyName(r, number);
        state.result = name;
        if (typeof number === "bigint" && number >= 2n ** 63n) {
          pending = { offset: keyStart(text, open, state.position), depth: state.depth, read: name, uint: number };
        }
        return;
      }
      if ((r !== null && typeof r !== "object") || !isKey(text, open, state.position)) return;
      const offset = keyStart(text, open, state.position);
      if (r === null) pending = { offset, depth: state.depth, read: null };
      else if (complexKeys.at(-1)?.offset !== offset) {
        const range = { start: open, end: state.position };
        complexKeys.push(complexKey(text, offset, state, (mapType) => shownFrom(r, range, mapType)));
      }
    },
    nonFinite: () => nonFinite,
    problems() {
      if (!rootIsMapping && !standalone) return [];
      if (pending !== undefined) {
        unsupportedKey(pending, null, { start: text.length, end: text.length });
        pending = undefined;
      }
      return complexKeys.length > 0 ? complexKeys : nullKeys;
    },
  };
}

/** A whole number from 1e6 up read as a value from `start` to `end`, and how go-yaml read it (see go-number.ts). */
interface WholeNumber {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  readonly number: GoNumber | undefined;
}

/** Where a node was read: from `start` to `end`. */
interface Range {
  readonly start: number;
  readonly end: number;
}

/** The name of the alias (`*name`) read from `range`, or undefined when the node read there is no alias. */
function aliasName(text: string, range: Range): string | undefined {
  const start = keyStart(text, range.start, range.end);
  if (text.charCodeAt(start) !== 0x2a) return undefined;
  return /^[^\s,[\]{}]+/.exec(text.slice(start + 1, range.end))?.[0];
}

/**
 * How go-yaml read the whole numbers of `value`, read from `range`, by their path in it: those `read` (in the order
 * they were read, which is the order of their offsets) within the range, matched in turn to the value's numbers from
 * 1e6 up in the order the value has them, each to the next one read of that number; undefined when there are none.
 */
function numbersIn(value: unknown, range: Range, read: readonly WholeNumber[]): GoNumbers | undefined {
  let low = 0;
  let high = read.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((read[middle] as WholeNumber).start < range.start) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < read.length && (read[end] as WholeNumber).end <= range.end) end++;
  if (end === low) return undefined;
  const found = new Map<string, GoNumber | undefined>();
  let next = low;
  const visit = (v: unknown, path: readonly (string | number)[]): void => {
    if (typeof v === "number" && needsGoNumber(v)) {
      let i = next;
      while (i < end && (read[i] as WholeNumber).value !== v) i++;
      if (i === end) return;
      found.set(JSON.stringify(path), (read[i] as WholeNumber).number);
      next = i + 1;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], [...path, i]);
    } else if (typeof v === "object" && v !== null) {
      for (const [k, item] of Object.entries(v)) visit(item, [...path, k]);
    }
  };
  visit(value, []);
  return (path) => found.get(JSON.stringify(path));
}

/** How fly words an error of sigs.k8s.io/yaml's conversion of the templated YAML to JSON (`yaml.Unmarshal`). */
export const TO_JSON = "error converting YAML to JSON: ";

/** How fly's first read of a file words the errors of go-yaml v3 (templatehelpers `Evaluate`). */
export const BEFORE_TEMPLATES = "error parsing yaml before applying templates: yaml: ";

const NULL_KEY =
  'a null key (~, null or an empty key) cannot be converted to JSON, whose keys are strings: quote it ("null") for a key named null';

const uintKeyMessage = (n: bigint): string =>
  `an integer key past 2^63 (${n}) cannot be converted to JSON: go-yaml reads it as a uint64, which sigs.k8s.io/yaml takes for no key: quote it ("${n}") for a key of those digits`;

/**
 * The name a key has in the JSON sigs.k8s.io/yaml makes, for a key js-yaml read as `key` from the scalar written at
 * `start`..`end` ({@link goYamlKeyName}; an integer past 2^53 by the digits written, where js-yaml rounds it). The
 * float -0 is `-0` in a text read by itself (`standalone`), `0` in a pipeline (see {@link nodeWatch}).
 */
export function goYamlKeyNameAt(text: string, start: number, end: number, key: unknown, standalone: boolean): string {
  if (standalone && Object.is(key, -0)) return NEGATIVE_ZERO_KEY;
  if (typeof key !== "number" || !needsGoNumber(key)) return goYamlKeyName(key);
  return goYamlNumberKeyName(key, goNumber(text, start, end, key));
}

/** The name of a number key, given how go-yaml read it when it was whole: its digits, or a float's name. */
export function goYamlNumberKeyName(key: number, number: GoNumber | undefined): string {
  if (number === undefined) return goYamlKeyName(key);
  return number === "float" ? goFloatKeyName(key) : String(number);
}

/**
 * A list or mapping as a key, as go-yaml v3 reports it: in the top-level mapping (fly decodes the file into a
 * `map[string]any`) a type error naming the node's tag and line; deeper, `invalid map key` with Go's `%#v` of the key.
 */
function complexKey(
  text: string,
  offset: number,
  state: ListenerState,
  goKey: (mapType?: string) => string,
): KeyProblem {
  const what = Array.isArray(state.result) ? "list" : "mapping";
  const message = `a ${what} cannot be a mapping key: go-yaml takes only a string, number or boolean for one`;
  // go-yaml v2 (decode.go `mapping`): `failf("invalid map key: %#v", ...)`, its mappings `map[interface {}]interface {}`
  const unmarshal = `${TO_JSON}yaml: invalid map key: ${goKey()}`;
  if (state.depth !== 2) {
    return {
      kind: "complex-key",
      message,
      offset,
      fly: `${BEFORE_TEMPLATES}invalid map key: ${goKey(V3_MAP)}`,
      unmarshal,
    };
  }
  // go-yaml's `terror`: the node's own tag when it has one, with its (empty) value unless the tag is !!seq or !!map
  const standard = Array.isArray(state.result) ? "!!seq" : "!!map";
  const tag = state.tag === null || state.tag === "?" ? standard : shortTag(state.tag);
  const shown = tag === "!!seq" || tag === "!!map" ? tag : `${tag} \`\``;
  const line = lineIndex(text)(offset).line;
  const fly = `${BEFORE_TEMPLATES}unmarshal errors:\n  line ${line}: cannot unmarshal ${shown} into string`;
  return { kind: "complex-key", message, offset, fly, unmarshal };
}

/** go-yaml v3 decodes a mapping into `interface{}` as a `map[string]interface {}` when its keys are strings. */
const V3_MAP = "map[string]interface {}";

/** go-yaml's short form of a tag: `!!str` for `tag:yaml.org,2002:str`, written `!<...>` or not. */
export function shortTag(tag: string): string {
  const verbatim = tag.startsWith("!<") && tag.endsWith(">") ? tag.slice(2, -1) : tag;
  return verbatim.startsWith("tag:yaml.org,2002:") ? `!!${verbatim.slice("tag:yaml.org,2002:".length)}` : verbatim;
}

/**
 * Where a key read from `open` to `end` starts: past white space and comments; an empty key is placed at its `?`
 * when it has one, else where it ends (at its `:`).
 */
function keyStart(text: string, open: number, end: number): number {
  let i = open;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23) {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? end : eol + 1;
    } else break;
  }
  if (i < end) return i;
  const question = text.lastIndexOf("?", open);
  return question !== -1 && text.slice(question + 1, open).trim() === "" ? question : end;
}

/**
 * The name a key of this value has in the JSON sigs.k8s.io/yaml makes: a float's `FormatFloat(f, 'g', -1, 32)`
 * (`.inf`, `-.inf`, `.nan` for the infinities and NaN), anything else as js-yaml names it.
 */
export function goYamlKeyName(key: unknown): string {
  if (typeof key !== "number" || Number.isInteger(key)) {
    return typeof key === "object" && key !== null && !Array.isArray(key) ? "[object Object]" : String(key);
  }
  return goFloatKeyName(key);
}

/** The name sigs.k8s.io/yaml gives a float key: `FormatFloat(f, 'g', -1, 32)`, `.inf`, `-.inf` and `.nan`. */
function goFloatKeyName(key: number): string {
  const text = goFormatFloat(key, 32);
  return text === "+Inf" ? ".inf" : text === "-Inf" ? "-.inf" : text === "NaN" ? ".nan" : text;
}

/**
 * Whether the node read from `open` to `end` is a mapping key: followed on its line by `:` (an implicit key), or
 * after `?` (an explicit one).
 */
export function isKey(text: string, open: number, end: number): boolean {
  let i = end;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
  if (text.charCodeAt(i) === 0x3a) return true;
  let j = open - 1;
  for (let c = text.charCodeAt(j); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(j)) j--;
  if (text.charCodeAt(j) !== 0x3f) return false;
  // the indicator `?` stands after white space, at the start, or opening a flow entry
  const before = j === 0 ? 0x20 : text.charCodeAt(j - 1);
  return (
    (before === 0x20 ||
      before === 0x09 ||
      before === 0x0a ||
      before === 0x0d ||
      before === 0x7b ||
      before === 0x5b ||
      before === 0x2c) &&
    !inComment(text, j)
  );
}

/** Whether the character at `at` is in a comment: a `#` at its line's start or after a blank is before it there. */
function inComment(text: string, at: number): boolean {
  const lineStart = Math.max(text.lastIndexOf("\n", at), text.lastIndexOf("\r", at)) + 1;
  return /(?:^|[ \t])#/.test(text.slice(lineStart, at));
}

/** The first offset of a node's content: past spaces, line breaks, comments, anchors and tags. */
export function contentStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23) {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? to : eol + 1;
    } else if (c === 0x26 || (c === 0x21 && i + 1 < to)) {
      // `&anchor` or `!tag`: skip the property
      while (i < to && !isSpace(text.charCodeAt(i))) i++;
    } else break;
  }
  return Math.min(i, to);
}

/** A space, tab or line break. */
export const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** A path into a value, built from the leaf up (a walk makes one per node and materialises only the ones it keeps). */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly segment: string | number;
}

/**
 * The paths of the floats JSON cannot hold (±Inf, NaN) in a decoded document, in document order; a value shared
 * through an alias is reported at its first path only. Iterative (documents nest deeper than the stack), and run only
 * when the reader saw such a float ({@link NodeWatch.nonFinite}).
 */
export function findNonFinite(root: unknown): { readonly path: (string | number)[]; readonly value: number }[] {
  const found: { path: (string | number)[]; value: number }[] = [];
  const seen = new Set<object>();
  const stack: [unknown, PathLink | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [value, link] = stack.pop() as [unknown, PathLink | undefined];
    if (typeof value === "number") {
      if (!Number.isFinite(value)) found.push({ path: pathOf(link), value });
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { parent: link, segment: i }]);
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push([(value as Record<string, unknown>)[key], { parent: link, segment: key }]);
      }
    }
  }
  return found;
}

function pathOf(link: PathLink | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let l = link; l !== undefined; l = l.parent) path.push(l.segment);
  return path.reverse();
}
