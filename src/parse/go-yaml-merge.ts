/**
 * Merge keys as go-yaml v2 reads them (decode.go `mapping` and `merge`), where js-yaml reads them otherwise. go-yaml
 * decodes a mapping's pairs in order into one map, so a merge (`<<: *a`) writes its keys over those written before it,
 * a later merge over an earlier one, and a key written after it over the merge; the sources of one merge
 * (`<<: [*a, *b]`) are decoded last to first, so the first has the last word. js-yaml only fills keys not yet there.
 * Fly's values are go-yaml v2's (vars/template.go and sigs.k8s.io/yaml decode every file with it):
 * `{team: u, <<: {team: t}}` has team `t`. Every text gets these values for a key written before a merge key from
 * merge-order.ts; this watch, run for a text read by itself (the `.flyrc`, a vars file), also gives them where merge
 * keys repeat in a mapping, which only a reading that allows repeats has (a later merge writes over an earlier one).
 *
 * The watch records, from the reader's listener, each mapping that has a merge key and the values merged; when a
 * merge follows another pair of its mapping (the only case where the two readers differ), {@link MergeWatch.fix}
 * writes go-yaml's values into the mappings read, in place, in the order they were read (a merged mapping is fixed
 * before the mappings it is merged into).
 */
import { setOwn } from "../model/common.ts";
import { isKey, type ListenerState } from "./yaml-to-json.ts";
import { contentStart, isMergeKey, type YamlNode } from "./yaml-tree.ts";

export interface MergeWatch {
  readonly open: (state: ListenerState) => void;
  readonly close: (state: ListenerState) => void;
  /**
   * Writes go-yaml's values into the mappings read, when a merge followed another pair of its mapping; `tree` is the
   * position tree of the text read (read only then; undefined when it cannot be read, and nothing is changed).
   */
  readonly fix: (tree: () => YamlNode | undefined) => void;
}

/** The tag of a merge key. */
export const MERGE_TAG = "tag:yaml.org,2002:merge";

/** Whether the node the listener closes, opened at `open`, is a merge key (a `<<` value is no merge). */
export const isMergeKeyNode = (text: string, open: number, state: ListenerState): boolean =>
  state.tag === MERGE_TAG && isKey(text, contentStart(text, open, text.length), state.position);

/** A mapping with merge keys: the value read, where its first merge key starts, and each merge's value in order. */
interface MergedMapping {
  readonly mapping: Record<string, unknown>;
  readonly mergeKey: number;
  readonly merges: readonly unknown[];
}

export function mergeWatch(text: string): MergeWatch {
  /** Per depth: where the node open there starts, and how many nodes have closed inside it, one level down. */
  const starts: number[] = [];
  const closed: number[] = [];
  /** Per depth of a mapping: where its first merge key starts, and the values of its merges so far. */
  const firstMergeKey: (number | undefined)[] = [];
  const merges: unknown[][] = [];
  /** The depth of a merge key whose value is being read. */
  let mergeValue: number | undefined;
  let late = false;
  const mapped: MergedMapping[] = [];
  return {
    open(state) {
      starts[state.depth] = state.position;
      closed[state.depth + 1] = 0;
      firstMergeKey[state.depth] = undefined;
      merges[state.depth] = [];
    },
    close(state) {
      const depth = state.depth;
      if (isMergeKeyNode(text, starts[depth] ?? state.position, state)) {
        const parent = depth - 1;
        if ((closed[depth] ?? 0) > 0) late = true;
        firstMergeKey[parent] ??= contentStart(text, starts[depth] ?? state.position, text.length);
        mergeValue = depth;
      } else if (mergeValue === depth) {
        // the merge's value (or the node js-yaml reads around it, closed last with the same value)
        merges[depth - 1]?.push(state.result);
        mergeValue = undefined;
      } else if (state.kind === "mapping" && (merges[depth]?.length ?? 0) > 0) {
        const mergeKeyAt = firstMergeKey[depth];
        if (mergeKeyAt !== undefined && typeof state.result === "object" && state.result !== null) {
          mapped.push({
            mapping: state.result as Record<string, unknown>,
            mergeKey: mergeKeyAt,
            merges: merges[depth] ?? [],
          });
        }
        merges[depth] = [];
      }
      closed[depth] = (closed[depth] ?? 0) + 1;
    },
    fix(tree) {
      if (!late) return;
      const root = tree();
      if (root === undefined) return;
      const byMergeKey = mappingsByMergeKey(root, text);
      for (const { mapping, mergeKey, merges: values } of mapped) {
        const node = byMergeKey.get(mergeKey);
        if (node !== undefined) writeAsGoYaml(mapping, node, values, text);
      }
    },
  };
}

/** The mappings of a tree that have a merge key, by where their first merge key starts. */
function mappingsByMergeKey(root: YamlNode, text: string): Map<number, YamlNode & { kind: "mapping" }> {
  const found = new Map<number, YamlNode & { kind: "mapping" }>();
  const stack: YamlNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === "sequence") stack.push(...node.items);
    if (node.kind !== "mapping") continue;
    const merge = node.pairs.find((pair) => isMergeKey(text, pair));
    if (merge !== undefined) found.set(merge.key.start, node);
    for (const pair of node.pairs) {
      stack.push(pair.key);
      if (pair.value !== undefined) stack.push(pair.value);
    }
  }
  return found;
}

/**
 * Sets each key of `mapping` that a merge writes last, in go-yaml's order of its pairs (`node`'s), to that merge's
 * value for it (`merges`: the value of each merge key, in order).
 */
function writeAsGoYaml(
  mapping: Record<string, unknown>,
  node: YamlNode & { kind: "mapping" },
  merges: readonly unknown[],
  text: string,
): void {
  /** The source each key was written from last; undefined: a pair of the mapping itself. */
  const writer = new Map<string, Record<string, unknown> | undefined>();
  let next = 0;
  for (const pair of node.pairs) {
    if (!isMergeKey(text, pair)) {
      writer.set(pair.name, undefined);
      continue;
    }
    const value = merges[next++];
    const sources = Array.isArray(value) ? value : [value];
    for (let i = sources.length - 1; i >= 0; i--) {
      const source: unknown = sources[i];
      if (typeof source !== "object" || source === null) continue;
      for (const key of Object.keys(source)) writer.set(key, source as Record<string, unknown>);
    }
  }
  for (const [key, source] of writer) {
    if (source !== undefined && !Object.is(mapping[key], source[key])) setOwn(mapping, key, source[key]);
  }
}
