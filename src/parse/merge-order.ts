import { setOwn } from "../model/common.ts";
import { isKey, type ListenerState } from "./yaml-to-json.ts";

/**
 * Merge keys as go-yaml v2 (Concourse's reader) applies them, for js-yaml's reader, which applies them as the YAML spec
 * says. go-yaml v2 decodes a mapping's entries in the order they are written, a merge key (`<<`) setting every key its
 * sources have (the first source of a list winning): a key written before the merge key that a source also has takes
 * the source's value (`{c: 9, <<: {c: 2}}` is `{c: 2}`), where js-yaml keeps the written one. go-yaml also refuses a
 * source that is a list (an alias to one, or an item of the sources' list), which js-yaml merges by its indexes.
 *
 * Watches js-yaml's listener events (after `nodeWatch`, which names number keys as fly does): when a mapping closes, the
 * keys it wrote before a merge key that a source of it also has are given the source's value; `problems` holds a
 * source that is a list, at its place, in js-yaml's words for a source that is no mapping (parse-pipeline.ts gives
 * fly's for them).
 */
export function mergeOrder(text: string): {
  open(state: ListenerState): void;
  close(state: ListenerState): void;
  problems(): MergeProblem[];
} {
  /** `opens[d]`: where the node open at depth d started. */
  const opens: number[] = [];
  /** `keys[d]`: the keys closed at depth d in the mapping open at depth d - 1, in order (reused from one to the next). */
  const keys: string[][] = [];
  /** `merges[d]`: that mapping's merge keys, each with how many keys were written before it and its sources. */
  const merges: Merge[][] = [];
  /** `merging[d]`: whether a merge key closed at depth d, its value not yet. */
  const merging: boolean[] = [];
  const problems: MergeProblem[] = [];
  return {
    open(state) {
      const inner = state.depth + 1;
      opens[state.depth] = state.position;
      if (keys[inner] === undefined) keys[inner] = [];
      else keys[inner].length = 0;
      if (merges[inner] === undefined) merges[inner] = [];
      else merges[inner].length = 0;
      merging[inner] = false;
    },
    close(state) {
      const { depth, result } = state;
      const open = opens[depth] ?? 0;
      if (merging[depth] === true) {
        merging[depth] = false;
        const sources: readonly unknown[] = Array.isArray(result) && state.kind === "sequence" ? result : [result];
        if (sources.some((source) => Array.isArray(source))) problems.push({ offset: open, message: NOT_A_MAPPING });
        merges[depth]?.push({ after: keys[depth]?.length ?? 0, sources });
      } else if (state.tag === MERGE_TAG) merging[depth] = true;
      else if (isKey(text, open, state.position)) keys[depth]?.push(String(result));
      const inner = depth + 1;
      if (state.kind === "mapping" && (merges[inner]?.length ?? 0) > 0) {
        applyInOrder(result as Record<string, unknown>, keys[inner] ?? [], merges[inner] ?? []);
      }
    },
    problems: () => problems,
  };
}

/** js-yaml's words for a merge source that is no mapping (parse-pipeline.ts `syntaxFly` gives fly's for them). */
const NOT_A_MAPPING = "cannot merge mappings; the provided source object is unacceptable";

const MERGE_TAG = "tag:yaml.org,2002:merge";

/** A merge source go-yaml refuses: where it starts in the text, and why. */
export interface MergeProblem {
  readonly offset: number;
  readonly message: string;
}

/** A merge key of a mapping: how many of its keys were written before it, and its sources, the one that wins first. */
interface Merge {
  readonly after: number;
  readonly sources: readonly unknown[];
}

/**
 * Gives each key of `mapping` the value go-yaml v2 decodes for it: that of the last of its entries that sets it, a key
 * (`keys`, in order) or a merge key one of whose sources has it (the first such source). Only a key written before a
 * merge key can change (a key two merge keys give, which only a reading that allows repeats has, keeps js-yaml's).
 */
function applyInOrder(mapping: Record<string, unknown>, keys: readonly string[], merges: readonly Merge[]): void {
  const last = merges.at(-1) as Merge;
  for (const key of keys.slice(0, last.after)) {
    // the last entry that sets the key: a key written after the last merge key that has it, or that merge key
    const merge = merges.findLast((m) => sourceWith(m, key) !== undefined);
    if (merge === undefined || keys.lastIndexOf(key) >= merge.after) continue;
    setOwn(mapping, key, (sourceWith(merge, key) as Record<string, unknown>)[key]);
  }
}

/** The first of a merge key's sources that has `key`, or undefined. */
function sourceWith(merge: Merge, key: string): object | undefined {
  return merge.sources.find(
    (source): source is object =>
      typeof source === "object" && source !== null && !Array.isArray(source) && Object.hasOwn(source, key),
  );
}
