import { goFormatFloat } from "../concourse/go-format.ts";

/**
 * What sigs.k8s.io/yaml's conversion of YAML to JSON (`yamlToJSONTarget`: `convertToJSONableObject`, then
 * `json.Marshal`) makes of the nodes js-yaml reads, watched from the reader's listener as each node closes (no pass
 * of its own over the values):
 *
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
}

/** The parts of js-yaml's loader state its `listener` option sees. */
export interface ListenerState {
  readonly depth: number;
  readonly kind: string | null;
  readonly tag: string | null;
  /** Written back for a key whose name is not js-yaml's `String()` of it (the caller then reads it as the key). */
  result: unknown;
  readonly position: number;
}

export function nodeWatch(text: string): NodeWatch {
  /** `opens[d]`: where the node open at depth d started. */
  const opens: number[] = [];
  let nonFinite = false;
  return {
    open(state) {
      opens[state.depth] = state.position;
    },
    close(state) {
      const r = state.result;
      // integers, strings and booleans (nearly every node) are keys as js-yaml names them, and values JSON holds
      if (typeof r !== "number" || Number.isInteger(r)) return;
      if (isKey(text, opens[state.depth] ?? 0, state.position)) state.result = goYamlKeyName(r);
      else if (!Number.isFinite(r)) nonFinite = true;
    },
    nonFinite: () => nonFinite,
  };
}

/**
 * The name a key of this value has in the JSON sigs.k8s.io/yaml makes: a float's `FormatFloat(f, 'g', -1, 32)`
 * (`.inf`, `-.inf`, `.nan` for the infinities and NaN), anything else as js-yaml names it.
 */
export function goYamlKeyName(key: unknown): string {
  if (typeof key !== "number" || Number.isInteger(key)) {
    return typeof key === "object" && key !== null && !Array.isArray(key) ? "[object Object]" : String(key);
  }
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
    before === 0x20 ||
    before === 0x09 ||
    before === 0x0a ||
    before === 0x0d ||
    before === 0x7b ||
    before === 0x5b ||
    before === 0x2c
  );
}

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
