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
import { isKey, type ListenerState } from "./yaml-to-json.ts";
import { contentStart } from "./yaml-tree.ts";

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
 * Whether the node the listener closes, opened at `open`, is a merge key as go-yaml v2 reads one (a `<<` value is no
 * merge): `<<` resolved as a merge, or `! <<`.
 */
export const isMergeKeyNode = (text: string, open: number, state: ListenerState): boolean =>
  (state.tag === MERGE_TAG || (state.tag === "!" && state.result === "<<")) &&
  isKey(text, contentStart(text, open, text.length), state.position);

/** A mapping with a key `<<` (a merge key or not), while it is read: what was written in it from that key on. */
interface Merging {
  /** The depth of its keys. */
  readonly depth: number;
  /** Its keys written from its first key `<<` on, in order (merge keys aside). */
  readonly keys: string[];
  readonly merges: Merge[];
  /** Whether the next node closed at `depth` is the value of a merge key. */
  valueNext: boolean;
}

/** A merge key of a mapping: how many of the keys kept were written before it, and its sources, in order. */
interface Merge {
  readonly after: number;
  readonly sources: readonly unknown[];
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
          inner.merges.length === 0 &&
          inner.keys.length + (inner.valueNext ? 1 : 0) === 1
        ) {
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
        here.merges.push({ after: here.keys.length, sources });
        return;
      }
      const named = state.result === "<<";
      if (here === undefined && !named) return;
      if (explicit === undefined && !keyAt(text, open, state.position)) return;
      const merge = named && (explicit ?? (state.tag === MERGE_TAG || state.tag === "!"));
      // go-yaml v3 (fly's first read of a pipeline) takes a merge key for a key `<<` like any other: a repeat
      if (named && here !== undefined && (here.merges.length > 0 || here.keys.includes("<<"))) repeated = true;
      const mapping = here ?? { depth, keys: [], merges: [], valueNext: false };
      if (here === undefined) merging.push(mapping);
      if (merge) mapping.valueNext = true;
      else mapping.keys.push(String(state.result));
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
 * that of the first of its sources that has it. js-yaml has the right value for every other key: the last written.
 */
function mend(mapping: Record<string, unknown>, { keys, merges }: Merging): void {
  // a merge key js-yaml reads as a key `<<` (`! <<`, `? <<`) is none to go-yaml (a source's key `<<` is set below)
  if (Object.hasOwn(mapping, "<<") && !keys.includes("<<")) delete mapping["<<"];
  /** The last of the kept keys written with each name. */
  const lastKey = new Map<string, number>();
  for (const [i, key] of keys.entries()) lastKey.set(key, i);
  const decided = new Set<string>();
  for (let m = merges.length - 1; m >= 0; m--) {
    const { after, sources } = merges[m] as Merge;
    for (const source of sources) {
      if (!isMapping(source)) continue;
      for (const key of Object.keys(source)) {
        if (decided.has(key)) continue;
        decided.add(key);
        if ((lastKey.get(key) ?? -1) >= after) continue;
        if (!Object.is(mapping[key], source[key])) setOwn(mapping, key, source[key]);
      }
    }
  }
}
