/**
 * Merge keys as go-yaml v2 reads them (decode.go `mapping`, `merge` and `isMerge`), where js-yaml reads them as the
 * YAML spec says. Fly's values are go-yaml v2's (vars/template.go and sigs.k8s.io/yaml decode every file with it).
 * go-yaml decodes a mapping's pairs in the order they are written into one map, so a merge (`<<: *a`) writes its keys
 * over those written before it (`{team: u, <<: {team: t}}` has team `t`), a later merge over an earlier one (where
 * a reading allows merge keys to repeat), and a key written after a merge over the merge; the sources of one merge
 * (`<<: [*a, *b]`) are decoded last to first, so the first has the last word. js-yaml only fills the keys not there
 * yet. go-yaml also refuses a source that is a list (an alias to one, or an item of the sources' list), which js-yaml
 * merges by its indexes.
 *
 * A merge key is a `<<` go-yaml's parser calls implicit (parserc.go: plain, or with the non-specific tag `!`), or one
 * tagged `!!merge`; a quoted `"<<"` or `'<<'`, or `!!str <<`, is a key like any other, in both readers. js-yaml reads
 * `! <<` and an explicit `? <<` as a key `<<`: the watch takes them for the merges they are.
 *
 * The watch follows js-yaml's listener events (after `nodeWatch`, which names number keys as fly does). Until a merge
 * key is read it does nothing but look at the tag of each node closed; from a mapping's first merge key on it keeps
 * the keys and merges of that mapping, and when the mapping closes it gives each key a merge writes last the merge's
 * value, in place. A merged mapping closes, and is so mended, before the mappings it is merged into.
 */
import { setOwn } from "../model/common.ts";
import { contentStart, isKey, type ListenerState } from "./yaml-to-json.ts";

export interface MergeWatch {
  readonly open: (state: ListenerState) => void;
  readonly close: (state: ListenerState) => void;
  /** The merge sources go-yaml refuses (a list), at their places, in js-yaml's words for a source that is no mapping. */
  readonly problems: () => MergeProblem[];
  /** Whether a mapping has two keys `<<`, merge keys or not (go-yaml v3 reports the second as a repeat). */
  readonly repeated: () => boolean;
}

/** A merge source go-yaml refuses: where it starts in the text, and why. */
export interface MergeProblem {
  readonly offset: number;
  readonly message: string;
}

/** The tag of a merge key. */
export const MERGE_TAG = "tag:yaml.org,2002:merge";

/** js-yaml's words for a merge source that is no mapping (parse-pipeline.ts `syntaxFly` gives fly's for them). */
const NOT_A_MAPPING = "cannot merge mappings; the provided source object is unacceptable";

/**
 * Whether a scalar, of js-yaml's `tag` and value, is a merge key where it stands as a key, as go-yaml v2 reads one
 * (decode.go `isMerge`): `<<` resolved as a merge (plain, or tagged `!!merge`), or `! <<`; a quoted `"<<"` or a
 * `!!str <<` is none. (An explicit `? <<` is such a scalar inside the node js-yaml reads around it.)
 */
export const isMergeScalar = (tag: string | null, value: unknown): boolean =>
  value === "<<" && (tag === MERGE_TAG || tag === "!");

/**
 * Whether the node the listener closes, opened at `open`, is a merge key as go-yaml v2 reads one (a `<<` value is no
 * merge): {@link isMergeScalar}, as a key.
 */
export const isMergeKeyNode = (text: string, open: number, state: ListenerState): boolean =>
  isMergeScalar(state.tag, state.result) && isKey(text, contentStart(text, open, text.length), state.position);

/** An entry of a mapping, as go-yaml v2 decodes it: a key written in it, or a merge key's sources in the order written. */
export type MappingEntry<K, S> = { readonly key: K } | { readonly sources: readonly S[] };

/**
 * What decides a key of a mapping, given its entries in the order written: a key written in it, or a merge source
 * (that has the key), the first one that has the key giving it its value. go-yaml v2 decodes the entries in order into
 * one map, each writing over what is there, and a merge's sources last to first: so the last entry comes first, and of
 * a merge's sources the first. Every reader of merged values (go-yaml-merge.ts's values, yaml-tree.ts's positions)
 * follows this order.
 */
export function* byPrecedence<K, S>(
  entries: readonly MappingEntry<K, S>[],
): Generator<{ readonly key: K } | { readonly source: S }> {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as MappingEntry<K, S>;
    if ("key" in entry) yield entry;
    else for (const source of entry.sources) yield { source };
  }
}

/** js-yaml's bound on the sources of one merge key ("abnormal merge sequence size"); go-yaml v2 has none. */
const JS_YAML_MERGE_LIST_MAX = 100;

/** js-yaml's count of the merge work done and its bound (loader.js `chargeMergeWork`; see go-yaml-schema.ts `mergeBudget`). */
interface MergeWork {
  totalMergeKeys: number;
  readonly maxTotalMergeKeys: number;
  result: unknown;
}

/**
 * A listener that lets a merge key have more than 100 sources (`<<: [*a1, ..., *a101]`), as go-yaml v2 does, where
 * js-yaml refuses the list: when such a list closes, js-yaml is given one mapping of its sources' keys instead, each
 * key's value from the first source that has it, as the list merges; each source and key copied is charged to js-yaml's
 * merge budget as merging the list would, and the mapping ends where the budget does (js-yaml then refuses the merge as
 * it would the list). A list with a source that is no mapping is given as that source, which js-yaml refuses as it
 * would the list. The readers' own listeners, called before it, see the list as written.
 */
export function longMergeLists(text: string): (event: "open" | "close", state: ListenerState) => void {
  const starts: number[] = [];
  /** The depth of the value of the merge key read last, until it closes. */
  let valueDepth: number | undefined;
  return (event, state) => {
    if (event === "open") {
      starts[state.depth] = state.position;
      return;
    }
    if (valueDepth === state.depth) {
      valueDepth = undefined;
      const { result } = state;
      if (state.kind === "sequence" && Array.isArray(result) && result.length > JS_YAML_MERGE_LIST_MAX) {
        (state as unknown as MergeWork).result = oneSource(result, state as unknown as MergeWork);
      }
      return;
    }
    // the merge keys js-yaml merges itself: those it resolves as one (it reads `! <<` and `? <<` as keys `<<`)
    if (state.tag === MERGE_TAG && isMergeKeyNode(text, starts[state.depth] ?? state.position, state)) {
      valueDepth = state.depth;
    }
  };
}

/** The sources of a merge key as one source ({@link longMergeLists}), charged to `work`. */
function oneSource(sources: readonly unknown[], work: MergeWork): unknown {
  const refused = sources.find((source) => !isMapping(source));
  if (refused !== undefined) return refused;
  const merged: Record<string, unknown> = {};
  const over = () => work.maxTotalMergeKeys !== -1 && work.totalMergeKeys > work.maxTotalMergeKeys;
  for (const source of sources as readonly Record<string, unknown>[]) {
    work.totalMergeKeys++;
    if (over()) return merged;
    for (const key of Object.keys(source)) {
      work.totalMergeKeys++;
      if (over()) return merged;
      if (!Object.hasOwn(merged, key)) setOwn(merged, key, source[key]);
    }
  }
  return merged;
}

/** A mapping with a key `<<` (a merge key or not), while it is read: what was written in it from that key on. */
interface Merging {
  /** The depth of its keys. */
  readonly depth: number;
  /** Its keys and merges written from its first key `<<` on, in order. */
  readonly entries: MappingEntry<string, unknown>[];
  /** Whether the next node closed at `depth` is the value of a merge key. */
  valueNext: boolean;
}

export function mergeWatch(text: string): MergeWatch {
  /** `starts[d]`: where the node open at depth d started. */
  const starts: number[] = [];
  /** The mappings being read that have a key `<<`, the innermost last. */
  const merging: Merging[] = [];
  const problems: MergeProblem[] = [];
  let repeated = false;
  return {
    open(state) {
      starts[state.depth] = state.position;
    },
    close(state) {
      const { depth } = state;
      let inner = merging.at(-1);
      // every node but a `<<` (a merge key always reads as `<<`), while no mapping with one is being read
      if (inner === undefined && state.result !== "<<") return;
      /** For an explicit key (`? <<`), which js-yaml reads as a node around the key: whether that key is a merge. */
      let explicit: boolean | undefined;
      if (inner !== undefined && inner.depth === depth + 1) {
        merging.pop();
        if (state.kind === "mapping") mend(state.result as Record<string, unknown>, inner);
        else if (
          state.result === "<<" &&
          inner.entries.every((e) => "key" in e) &&
          inner.entries.length + (inner.valueNext ? 1 : 0) === 1
        ) {
          // the key js-yaml reads around an explicit key: the inner node, a merge key or the key `<<`
          explicit = inner.valueNext;
        }
        inner = merging.at(-1);
      }
      const open = starts[depth] ?? state.position;
      const here = inner !== undefined && inner.depth === depth ? inner : undefined;
      if (here?.valueNext === true) {
        here.valueNext = false;
        const { result } = state;
        const sources: readonly unknown[] = Array.isArray(result) && state.kind === "sequence" ? result : [result];
        if (!sources.every(isMapping)) problems.push({ offset: open, message: NOT_A_MAPPING });
        here.entries.push({ sources });
        return;
      }
      const named = state.result === "<<";
      if (here === undefined && !named) return;
      if (explicit === undefined && !keyAt(text, open, state.position)) return;
      const merge = explicit ?? isMergeScalar(state.tag, state.result);
      // go-yaml v3 (fly's first read of a pipeline) takes a merge key for a key `<<` like any other: a repeat
      if (named && here?.entries.some((e) => !("key" in e) || e.key === "<<") === true) repeated = true;
      const mapping: Merging = here ?? { depth, entries: [], valueNext: false };
      if (here === undefined) merging.push(mapping);
      if (merge) mapping.valueNext = true;
      else mapping.entries.push({ key: String(state.result) });
    },
    problems: () => problems,
    repeated: () => repeated,
  };
}

/** Whether the node closed at `end`, opened at `open`, is a key (`key:`, or `? key` with or without a tag). */
const keyAt = (text: string, open: number, end: number): boolean =>
  isKey(text, open, end) || isKey(text, contentStart(text, open, text.length), end);

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Gives each key of `mapping` that a merge writes last (no key of the mapping written after it) that merge's value:
 * that of the first of its sources that has it ({@link byPrecedence}). js-yaml has the right value for every other
 * key: the last written.
 */
function mend(mapping: Record<string, unknown>, { entries }: Merging): void {
  // a merge key js-yaml reads as a key `<<` (`! <<`, `? <<`) is none to go-yaml (a source's key `<<` is set below)
  if (Object.hasOwn(mapping, "<<") && !entries.some((e) => "key" in e && e.key === "<<")) delete mapping["<<"];
  const decided = new Set<string>();
  for (const decides of byPrecedence(entries)) {
    if ("key" in decides) {
      decided.add(decides.key);
      continue;
    }
    const { source } = decides;
    if (!isMapping(source)) continue;
    for (const key of Object.keys(source)) {
      if (decided.has(key)) continue;
      decided.add(key);
      if (!Object.is(mapping[key], source[key])) setOwn(mapping, key, source[key]);
    }
  }
}
