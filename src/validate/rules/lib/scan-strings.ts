import { hasVar } from "../../../concourse/vars.ts";
import type { Path, PathSegment } from "../../../model/common.ts";
import type { KnownMappings } from "../../../parse/known-mappings.ts";

/**
 * A string found inside a value: the key it is the value of (`undefined` in a list, and for a key itself, see
 * {@link ScanOptions.keys}), and its path on demand.
 * The scan passes the same object to every call of its visitor (updated in place), so it is only valid during
 * that call.
 */
export interface FoundString {
  readonly value: string;
  readonly key: string | undefined;
  /** Whether the string is a mapping's key (see {@link ScanOptions.keys}), not a value. */
  readonly isKey: boolean;
  /** The literal path of the string (built only when asked for, since few strings are ever reported). */
  path(): Path;
}

export interface ScanOptions {
  /** Leaves out a top-level key of the value (nested steps, say). */
  readonly skip?: (key: string) => boolean;
  /**
   * Visits only the strings for which this holds. It must be cheap and depend on nothing but its arguments:
   * a quick first pass asks it of every string and, when it holds for none, the scan ends there.
   */
  readonly only?: (value: string, key: string | undefined) => boolean;
  /** The entries of large mappings as the reader saw them (see known-mappings.ts), read instead of the mappings. */
  readonly known?: KnownMappings | undefined;
  /**
   * Visits the keys that hold a `((var))` too (fly's templating reads the names in keys as in values), each before
   * its value, as a string of no key at the path of its entry; `only` is asked of those keys alone.
   */
  readonly keys?: boolean | undefined;
}

/**
 * Calls `visit` for every string inside `value` (map values and list items, at any depth), in document order.
 * Iterative, so deep nesting cannot overflow the stack; a map or list reached twice (a YAML alias, or a cycle)
 * is scanned once. Linear in the size of `value`; allocates one key list per map and nothing per string.
 *
 * Remembering every map and list reached is what costs most, so with `only` a first pass without that
 * bookkeeping (a plain recursion, for trees; it gives up, to the full scan, past a depth or a number of
 * containers) looks for a string worth visiting at all, which is usually none.
 */
export function scanStrings(
  value: unknown,
  at: Path,
  visit: (found: FoundString) => void,
  options: ScanOptions = {},
): void {
  const { skip, only, known } = options;
  const keysToo = options.keys === true;
  if (only !== undefined) {
    if (typeof value === "string") {
      if (!only(value, undefined)) return;
    } else if (typeof value !== "object" || value === null) return;
    else {
      const onlyKey = keysToo ? (key: string) => only(key, undefined) : undefined;
      if (!quickPass(value, { only, onlyKey, state: undefined, skip, known, budget: QUICK_BUDGET })) return;
    }
  }
  // The containers being scanned, outermost first: the container, its keys (undefined for a list) and the
  // index of the next entry; `segments[d]` is the key or index of the entry being looked at in `containers[d]`.
  const containers: object[] = [];
  const keyLists: (readonly string[] | undefined)[] = [];
  const next: number[] = [];
  const segments: PathSegment[] = [];
  let depth = -1;
  const found = {
    value: "",
    key: undefined as string | undefined,
    isKey: false,
    path(): Path {
      const out = at.slice() as PathSegment[];
      for (let d = 0; d <= depth; d++) out.push(segments[d] as PathSegment);
      return out;
    },
  };
  if (typeof value === "string") {
    found.value = value;
    visit(found);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const seen = new Set<object>([value]);
  containers.push(value);
  keyLists.push(Array.isArray(value) ? undefined : (known?.get(value)?.keys ?? Object.keys(value)));
  next.push(0);
  depth = 0;
  while (depth >= 0) {
    const container = containers[depth] as Record<string | number, unknown>;
    const keys = keyLists[depth];
    const i = next[depth] as number;
    if (i >= (keys === undefined ? (container as unknown as unknown[]).length : keys.length)) {
      depth--;
      continue;
    }
    next[depth] = i + 1;
    let entry: unknown;
    let key: string | undefined;
    if (keys === undefined) {
      entry = container[i];
      segments[depth] = i;
    } else {
      key = keys[i] as string;
      if (depth === 0 && skip?.(key)) continue;
      entry = container[key];
      segments[depth] = key;
      if (keysToo && hasVar(key) && (only === undefined || only(key, undefined))) {
        found.value = key;
        found.key = undefined;
        found.isKey = true;
        visit(found);
        found.isKey = false;
      }
    }
    if (typeof entry === "string") {
      if (only !== undefined && !only(entry, key)) continue;
      found.value = entry;
      found.key = key;
      visit(found);
      continue;
    }
    if (typeof entry !== "object" || entry === null || seen.has(entry)) continue;
    seen.add(entry);
    depth++;
    containers[depth] = entry;
    keyLists[depth] = Array.isArray(entry) ? undefined : (known?.get(entry)?.keys ?? Object.keys(entry));
    next[depth] = 0;
  }
}

/** What {@link mayHoldString} asks of the strings inside a value. */
export interface StringQuestion<S> {
  /** Whether a string is one looked for; it may note what it saw in `state`. */
  readonly test: (value: string, key: string | undefined, state: S) => boolean;
  /**
   * The same question of a mapping's key, asked only of a key that holds `((` (keys are asked nothing when unset):
   * fly's templating reads the `((var))` names of keys too.
   */
  readonly testKey?: ((key: string, state: S) => boolean) | undefined;
  readonly state: S;
  /** Leaves out a top-level key of the value. */
  readonly skip?: (key: string) => boolean;
  /** The entries of large mappings as the reader saw them (see known-mappings.ts), read instead of the mappings. */
  readonly known?: KnownMappings | undefined;
}

/**
 * Whether some string inside `value` (map values and list items, at any depth, and keys holding `((` for
 * `question.testKey`) may pass `question.test`: false
 * only when a quick pass without bookkeeping saw every string and none did (it gives up, answering true, past a
 * depth or a number of containers, which is also where a cycle ends up). `test` gets `state` rather than being a
 * closure made per question, so that optimised code that inlined it is not thrown away with the closure.
 */
export function mayHoldString<S>(value: unknown, question: StringQuestion<S>): boolean {
  const { test, testKey, state, skip, known } = question;
  if (typeof value === "string") return test(value, undefined, state);
  return (
    typeof value === "object" &&
    value !== null &&
    quickPass(value, { only: test, onlyKey: testKey, state, skip, known, budget: QUICK_BUDGET })
  );
}

/**
 * One quick pass: what it looks for (`only`, asked with `state`), the top-level keys it leaves out, and how many
 * containers it may still enter.
 */
interface QuickPass<S> {
  readonly only: (value: string, key: string | undefined, state: S) => boolean;
  /** Asked of a key that holds `((` (none asked when undefined). */
  readonly onlyKey: ((key: string, state: S) => boolean) | undefined;
  readonly state: S;
  readonly skip: ((key: string) => boolean) | undefined;
  readonly known: KnownMappings | undefined;
  budget: number;
}

function quickPass<S>(value: object, pass: QuickPass<S>): boolean {
  return mayHold(value, pass, 0);
}

/** How deep and how many containers the quick pass looks at before leaving the question to the full scan. */
const QUICK_DEPTH = 200;
const QUICK_BUDGET = 1 << 22;

/**
 * Whether a string for which `pass.only` holds may be inside `value` (true too when the pass gives up: a cycle or
 * a value shared exponentially often ends up past the depth or the budget).
 *
 * Each loop tests its entries itself rather than through a function per entry: validating the bench's workload once
 * in a fresh process (N=10,000, JSON text), the census this pass takes cost 58.5 ms with such a function against
 * 47.3 (medians of 10 alternating processes each).
 */
function mayHold<S>(value: object, pass: QuickPass<S>, depth: number): boolean {
  if (depth > QUICK_DEPTH || --pass.budget < 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const entry: unknown = value[i];
      if (typeof entry === "string") {
        if (pass.only(entry, undefined, pass.state)) return true;
      } else if (typeof entry === "object" && entry !== null && mayHold(entry, pass, depth + 1)) return true;
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  const skip = depth === 0 ? pass.skip : undefined;
  const onlyKey = pass.onlyKey;
  // a large mapping's entries as the reader saw them: read in order, the mapping is not walked (known-mappings.ts)
  const known = pass.known?.get(value);
  if (known !== undefined) {
    const { keys, values } = known;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (skip?.(key)) continue;
      if (onlyKey !== undefined && hasVar(key) && onlyKey(key, pass.state)) return true;
      const entry: unknown = values[i];
      if (typeof entry === "string") {
        if (pass.only(entry, key, pass.state)) return true;
      } else if (typeof entry === "object" && entry !== null && mayHold(entry, pass, depth + 1)) return true;
    }
    return false;
  }
  for (const key in record) {
    if (skip?.(key)) continue;
    if (onlyKey !== undefined && hasVar(key) && onlyKey(key, pass.state)) return true;
    const entry: unknown = record[key];
    if (typeof entry === "string") {
      if (pass.only(entry, key, pass.state)) return true;
    } else if (typeof entry === "object" && entry !== null && mayHold(entry, pass, depth + 1)) return true;
  }
  return false;
}
