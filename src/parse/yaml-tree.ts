import jsyaml from "js-yaml";
import { goJsonDecodeOrder, goJsonFold } from "../concourse/go-json-fields.ts";
import type { PathSegment } from "../model/common.ts";
import { type Locator, lineIndex } from "../source/locate.ts";
import { type AmendedText, BARE_ENTRY, bareEntriesBeforeOuterEntries, withEmptyEntries } from "./bare-entries.ts";
import { withNameEnds } from "./go-yaml-anchors.ts";
import { goYamlEscapes, JS_YAML_OTHERWISE, withEdits, withLineBreaksAsLineFeeds } from "./go-yaml-escapes.ts";
import { byPrecedence, isMergeScalar, type MappingEntry } from "./go-yaml-merge.ts";
import { goYamlLoadOptions } from "./go-yaml-schema.ts";
import {
  FLOW_FAST_PATH_MIN,
  type FlowRegion,
  findFlowRegions,
  isRegionNode,
  PLACEHOLDER_MARK_CODE,
  placeholder,
  placeholderOffsets,
  regionNode,
  withPlaceholders,
} from "./read-yaml-flow.ts";
import { contentStart, goYamlKeyNameAt, isKey, isSpace } from "./yaml-to-json.ts";

/** Where each node of a YAML document is: offsets into the text, keys and items in document order. */
export type YamlNode =
  | { readonly kind: "mapping"; readonly start: number; readonly end: number; readonly pairs: readonly YamlPair[] }
  | { readonly kind: "sequence"; readonly start: number; readonly end: number; readonly items: readonly YamlNode[] }
  | { readonly kind: "scalar" | "alias" | "empty"; readonly start: number; readonly end: number };

export interface YamlPair {
  readonly key: YamlNode;
  /** Whether the key is a merge key as go-yaml v2 reads one (go-yaml-merge.ts `isMergeScalar`). */
  readonly merge: boolean;
  /** The key as the decoded object has it (see yaml-to-json.ts `goYamlKeyName`). */
  readonly name: string;
  /** The key as go-yaml v3 compares keys for duplicates: its kind and its text before resolution. */
  readonly identity: string;
  readonly value: YamlNode | undefined;
}

/** A document's position tree, with the nodes its anchors name. */
export interface YamlTree {
  readonly root: YamlNode;
  /**
   * The nodes anchored with each name (`&name`), in the order the reader finished them: a name may be anchored
   * again, and an alias stands for the last node anchored with its name before it ({@link aliasedNode}).
   */
  readonly anchors: ReadonlyMap<string, readonly YamlNode[]>;
}

interface Frame {
  readonly open: number;
  readonly children: ReadChild[];
}

/** A node read in a collection: where it was opened, its value, and whether it is `<<` as a merge key reads. */
interface ReadChild {
  readonly node: YamlNode;
  readonly open: number;
  readonly result: unknown;
  readonly merge: boolean;
}

interface LoaderState {
  readonly kind: string | null;
  readonly tag: string | null;
  readonly anchor: string | null;
  readonly result: unknown;
  readonly position: number;
  readonly input: string;
}

/**
 * Reads a YAML document again, recording where each node is. Taken only when positions are needed (a finding
 * to locate, a repeated key); linear in the text. Repeated keys are allowed here (the last one wins). Throws
 * js-yaml's YAMLException on a syntax error. Large flow collections are read by read-yaml-flow.ts's fast path,
 * as {@link readYaml} reads them (`found`: the collections it took, when the text was read with the same
 * `flowFastPathMin`).
 */
export function buildYamlTree(
  text: string,
  flowFastPathMin = FLOW_FAST_PATH_MIN,
  found?: readonly FlowRegion[],
): YamlNode {
  return readYamlTree(text, flowFastPathMin, found).root;
}

/**
 * {@link buildYamlTree}, with the nodes the document's anchors name (for a reader that follows aliases). A bare `-`
 * entry followed by an entry of a less indented list is read as go-yaml reads it (bare-entries.ts), at its dash.
 * Keys are named as the value {@link readYaml} gives has them, read as a pipeline or, with `standalone`, as a text by
 * itself (a `-l` vars file, a `-y` value, a task config file, the `.flyrc`: see yaml-to-json.ts `goYamlKeyNameAt`).
 */
export function readYamlTree(
  text: string,
  flowFastPathMin = FLOW_FAST_PATH_MIN,
  found?: readonly FlowRegion[],
  standalone = false,
): YamlTree {
  return readTree(text, { flowFastPathMin, found, treeOf: (t) => treeAsFlyReads(t, standalone) });
}

/**
 * The position tree of a text, the large collections read by the fast path (`found`, or those it finds); `treeOf`
 * reads the rest (the text with a placeholder for each collection), or the text as it is.
 */
function readTree(
  text: string,
  {
    flowFastPathMin,
    found,
    treeOf: read,
  }: { flowFastPathMin: number; found?: readonly FlowRegion[] | undefined; treeOf: (text: string) => YamlTree },
): YamlTree {
  const regions = found ?? (text.length >= flowFastPathMin ? findFlowRegions(text, flowFastPathMin, false) : []);
  const compact = regions.length === 0 ? undefined : withPlaceholders(text, regions);
  if (compact !== undefined) {
    let tree: YamlTree | undefined;
    try {
      tree = read(compact);
    } catch {
      // read the text as it is, for the error it gives
    }
    const placed = tree === undefined ? undefined : placeRegions(tree, text, compact, regions);
    if (placed !== undefined) return placed;
  }
  return read(text);
}

/**
 * The node an alias stands for, as the reader resolved it: the last node anchored with the alias's name that was
 * finished before the alias, else (an alias inside the collection it names) the last one that starts before it.
 */
export function aliasedNode(tree: YamlTree, alias: YamlNode, text: string): YamlNode | undefined {
  if (alias.kind !== "alias") return undefined;
  const nodes = tree.anchors.get(text.slice(alias.start + 1, alias.end));
  if (nodes === undefined) return undefined;
  let enclosing: YamlNode | undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as YamlNode;
    if (node.end <= alias.start) return node;
    if (enclosing === undefined && node.start < alias.start) enclosing = node;
  }
  return enclosing;
}

/** A node of the position tree, and the first alias on the way to it (where it is written in place, if not itself). */
export interface ReachedNode {
  readonly node: YamlNode | undefined;
  readonly via: YamlNode | undefined;
}

/**
 * The node a literal path of the parsed value leads to in the position tree of `text`, following aliases and merge
 * keys as the value does; undefined when the path leaves the tree.
 */
export function reachNode(tree: YamlTree, text: string, path: readonly PathSegment[]): ReachedNode | undefined {
  const at: Positions = { tree, text };
  let here = resolved(at, { node: tree.root, via: undefined });
  for (const seg of path) {
    const next = childAt(at, here.node, seg);
    if (next === undefined) return undefined;
    here = resolved(at, { node: next.node, via: here.via ?? next.via });
  }
  return here;
}

/** A node a path segment leads to, as written (an alias not followed), with the key written for it in a mapping. */
interface Child extends ReachedNode {
  readonly key?: YamlNode;
}

/**
 * The node segment `seg` of a path leads to from `node` (an alias already followed): an item of a sequence, or the
 * value of a key of a mapping (a number is its decimal name), written in it or merged into it ({@link entry});
 * undefined when there is none. A `<<` the mapping has as no key of its own leads to its merge key's value (the source
 * as written, or the list of them): the place of a mapping merged where it is written, which the value has under no
 * path (see import/anchors.ts `Anchor`).
 */
function childAt(at: Positions, node: YamlNode | undefined, seg: PathSegment): Child | undefined {
  if (node?.kind === "sequence" && typeof seg === "number") return { node: node.items[seg], via: undefined };
  if (node?.kind !== "mapping") return undefined;
  const found = entry(at, node, String(seg), 0);
  if (found !== undefined || seg !== "<<") return found;
  const merge = node.pairs.find(isMergeKey);
  return merge === undefined ? undefined : { node: merge.value, key: merge.key, via: undefined };
}

/** {@link reachNode}'s node, in a position tree read when first asked (`tree`, of `text`; see {@link lazyYamlTree}). */
export function lazyNodeAt(
  tree: () => YamlTree | undefined,
  text: string,
  path: readonly PathSegment[],
): YamlNode | undefined {
  const read = tree();
  return read === undefined ? undefined : reachNode(read, text, path)?.node;
}

/** A tree and the text it was read from. */
interface Positions {
  readonly text: string;
  readonly tree: YamlTree;
}

/** An alias replaced by the node it stands for (the alias is kept as `via`, if there was none before). */
const resolved = (at: Positions, here: ReachedNode): ReachedNode =>
  here.node?.kind === "alias" ? { node: aliasedNode(at.tree, here.node, at.text), via: here.via ?? here.node } : here;

/** Merge keys nested deeper than this are not followed. */
const MAX_MERGE_DEPTH = 64;

/**
 * The value of `key` in a mapping, as go-yaml v2 reads it ({@link byPrecedence}): of the keys written in the mapping
 * and its merge keys' sources (`<<: *a`, `<<: [*a, *b]`), the last written that has it, and of one merge's sources the
 * first; `via` is the merge source's alias it came through.
 */
function entry(at: Positions, map: YamlNode & { kind: "mapping" }, key: string, depth: number): Child | undefined {
  const entries = map.pairs.map((pair): MappingEntry<YamlPair, ReachedNode> => {
    if (!pair.merge) return { key: pair };
    const value = resolved(at, { node: pair.value, via: undefined });
    const sources =
      value.node?.kind === "sequence"
        ? value.node.items.map((item) => resolved(at, { node: item, via: value.via }))
        : [value];
    return { sources };
  });
  for (const decides of byPrecedence(entries)) {
    if ("key" in decides) {
      if (decides.key.name === key) return { node: decides.key.value, key: decides.key.key, via: undefined };
      continue;
    }
    const { source } = decides;
    if (source.node?.kind !== "mapping" || depth >= MAX_MERGE_DEPTH) continue;
    const found = entry(at, source.node, key, depth + 1);
    if (found !== undefined) return { ...found, via: source.via ?? found.via };
  }
  return depth === 0 ? foldedEntry(map, key) : undefined;
}

/**
 * The pair a struct field `key` was read from when the mapping writes it in another case (`Name:` for `name`,
 * which encoding/json reads into the field): of such keys, the last in Go's order, whose value the field holds
 * when it is a scalar (see concourse/go-json-fields.ts).
 */
function foldedEntry(map: YamlNode & { kind: "mapping" }, key: string): Child | undefined {
  const folded = goJsonFold(key);
  const keys = map.pairs
    .filter((pair) => pair.name !== key && !isMergeKey(pair) && goJsonFold(pair.name) === folded)
    .map((pair) => pair.name);
  const last = goJsonDecodeOrder(keys).at(-1);
  const pair = last === undefined ? undefined : ownPair(map, last);
  return pair === undefined ? undefined : { node: pair.value, key: pair.key, via: undefined };
}

/** The pair of `key` written in a mapping (the last, if it is written twice), merge keys aside. */
export function ownPair(map: YamlNode & { kind: "mapping" }, key: string): YamlPair | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    const pair = map.pairs[i] as YamlPair;
    if (pair.name === key && !pair.merge) return pair;
  }
  return undefined;
}

/** A merge key, as go-yaml v2 reads one (go-yaml-merge.ts `isMergeScalar`): `<<`, `! <<`, `!!merge <<`, `? <<`. */
export const isMergeKey = (pair: YamlPair): boolean => pair.merge;

/**
 * The tree of the text with placeholders, as the tree of the original text: offsets moved back past each region,
 * and each placeholder's scalar node replaced by its region's node. Undefined when a placeholder is not a value
 * node of its own (the text must then be read as it is).
 */
function placeRegions(
  tree: YamlTree,
  text: string,
  compact: string,
  regions: readonly FlowRegion[],
): YamlTree | undefined {
  const { starts, back } = placeholderOffsets(regions);
  let placed = 0;
  // the anchored nodes, and their places (only in a text with anchors: nothing is looked up per node otherwise)
  const anchored = tree.anchors.size === 0 ? undefined : new Map([...tree.anchors.values()].flat().map((n) => [n, n]));
  const visit = (node: YamlNode, inFlow: boolean): YamlNode => {
    const out = place(node, inFlow);
    if (anchored?.has(node) === true) anchored.set(node, out);
    return out;
  };
  const place = (node: YamlNode, inFlow: boolean): YamlNode => {
    if (node.kind === "scalar" && compact.charCodeAt(node.start) === PLACEHOLDER_MARK_CODE) {
      const i = starts.indexOf(node.start);
      const region = regions[i];
      // a block collection's entries are YAML only in block context
      if (region !== undefined && node.end - node.start === placeholder(i).length) {
        if (!(inFlow && region.kind === "block")) placed++;
        return regionNode(text, region);
      }
    }
    const moved = { start: back(node.start), end: back(node.end) };
    const c = compact.charCodeAt(node.start);
    const flow = inFlow || c === 0x5b || c === 0x7b;
    if (node.kind === "sequence") return { ...node, ...moved, items: node.items.map((n) => visit(n, flow)) };
    if (node.kind === "mapping") {
      const pairs = node.pairs.map((p) => ({
        ...p,
        key: visit(p.key, flow),
        value: p.value === undefined ? undefined : visit(p.value, flow),
      }));
      return { ...node, ...moved, pairs };
    }
    return { ...node, ...moved };
  };
  const root = visit(tree.root, false);
  if (placed !== regions.length) return undefined;
  if (anchored === undefined) return { root, anchors: tree.anchors };
  const anchors = new Map([...tree.anchors].map(([name, nodes]) => [name, nodes.map((n) => anchored.get(n) ?? n)]));
  return { root, anchors };
}

/**
 * The position tree of a text as js-yaml reads it, but for what go-yaml reads otherwise in a quoted scalar (`\'`, a
 * NEL, LS or PS) and an anchor or alias name go-yaml ends at a `:` or `?`: the text is read with them written as
 * js-yaml reads go-yaml's reading of them ({@link withEdits}), and the tree put back at the places of the text as
 * written.
 */
function treeOf(written: string, standalone: boolean): YamlTree {
  const text = withLineBreaksAsLineFeeds(written);
  const edits = withNameEnds(text, JS_YAML_OTHERWISE.test(text) ? goYamlEscapes(text).edits : []);
  if (edits.length === 0) return treeOfAsIs(text, standalone);
  const amended = withEdits(text, edits);
  return treeBack(treeOfAsIs(amended.text, standalone), { ...amended, dashOfNull: () => undefined });
}

function treeOfAsIs(text: string, standalone: boolean): YamlTree {
  const stack: Frame[] = [{ open: 0, children: [] }];
  const anchors = new Map<string, YamlNode[]>();
  const listener = (event: "open" | "close", state: LoaderState): void => {
    if (event === "open") {
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop() as Frame;
    const node = nodeOf(frame, state, text, standalone);
    // a node js-yaml reads around another one (an explicit key `? <<`) is that node: a merge key if it is one
    const merge =
      state.result === "<<" && (isMergeScalar(state.tag, state.result) || frame.children[0]?.merge === true);
    stack[stack.length - 1]?.children.push({ node, open: frame.open, result: state.result, merge });
    // the node's own anchor (js-yaml restores a collection's after reading its entries); a node kept as it is by
    // the context around it closes twice
    if (state.anchor !== null) {
      const nodes = anchors.get(state.anchor);
      if (nodes === undefined) anchors.set(state.anchor, [node]);
      else if (nodes.at(-1) !== node) nodes.push(node);
    }
  };
  jsyaml.load(text, goYamlLoadOptions(text, { json: true, listener }));
  const top = stack[0]?.children ?? [];
  return { root: top.find((c) => c.node.kind !== "empty")?.node ?? { kind: "empty", start: 0, end: 0 }, anchors };
}

/**
 * {@link treeOf}, with each bare `-` entry js-yaml would misread ({@link bareEntriesMisread}) read as go-yaml reads it:
 * the text is read with ` ~` after those dashes, and the tree put back at the places of the text as written, each
 * such entry an empty node over its dash (as any other bare entry's is).
 */
function treeAsFlyReads(text: string, standalone: boolean): YamlTree {
  const candidates = bareEntryCandidates(text);
  const tree = treeOf(text, standalone);
  const dashes = candidates.length === 0 ? [] : entriesAmong(text, tree.root, candidates);
  if (dashes.length === 0) return tree;
  const amended = withEmptyEntries(text, dashes);
  return treeBack(treeOf(amended.text, standalone), amended);
}

/** A tree of an amended text ({@link withEmptyEntries}) at the places of the text as written. */
function treeBack(tree: YamlTree, { back, dashOfNull }: Omit<AmendedText, "text">): YamlTree {
  const moved = new Map<YamlNode, YamlNode>();
  const visit = (node: YamlNode): YamlNode => {
    const known = moved.get(node);
    if (known !== undefined) return known;
    const dash = node.kind === "scalar" ? dashOfNull(node.start) : undefined;
    const at = { start: back(node.start), end: back(node.end) };
    let out: YamlNode;
    if (dash !== undefined) out = { kind: "empty", start: dash, end: dash + 1 };
    else if (node.kind === "sequence") out = { ...node, ...at, items: node.items.map(visit) };
    else if (node.kind === "mapping") {
      const pairs = node.pairs.map((p) => ({
        ...p,
        key: visit(p.key),
        value: p.value === undefined ? undefined : visit(p.value),
      }));
      out = { ...node, ...at, pairs };
    } else out = { ...node, ...at };
    moved.set(node, out);
    return out;
  };
  const root = visit(tree.root);
  const anchors = new Map([...tree.anchors].map(([name, nodes]) => [name, nodes.map(visit)]));
  return { root, anchors };
}

function nodeOf(frame: Frame, state: LoaderState, text: string, standalone: boolean): YamlNode {
  // a block context that found no mapping after its first node (`- { a: 1 }`, `- x`) keeps that node as it is
  const only = frame.children.length === 1 ? frame.children[0] : undefined;
  if (only !== undefined && only.result === state.result && only.node.kind !== "empty") return only.node;
  const start = contentStart(text, frame.open, state.position);
  const kind = state.kind;
  if (kind === "mapping") {
    const pairs: { key: YamlNode; merge: boolean; name: string; identity: string; value: YamlNode | undefined }[] = [];
    for (const child of frame.children) {
      const { node, result } = child;
      const last = pairs[pairs.length - 1];
      if (isKeyChild(text, child)) {
        pairs.push({
          key: node,
          merge: child.merge,
          name: goYamlKeyNameAt(text, node.start, node.end, result, standalone),
          identity: identityOf(text, node, result),
          value: undefined,
        });
      } else if (last !== undefined && last.value === undefined) last.value = node;
    }
    const flow = text.charCodeAt(start) === 0x7b;
    const end = flow
      ? trimEnd(text, start, state.position)
      : endOf(pairs.at(-1)?.value ?? pairs.at(-1)?.key, state.position);
    return { kind, start, end, pairs };
  }
  if (kind === "sequence") {
    const items: YamlNode[] = [];
    const flow = text.charCodeAt(start) === 0x5b;
    const children = frame.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as ReadChild;
      // in a flow sequence, `[a: 1]` is a one-pair mapping read as two nodes; a trailing empty node is no item
      if (flow && isKeyChild(text, child)) {
        items.push(child.node);
        i++;
      } else if (!flow || child.node.kind !== "empty") items.push(child.node);
    }
    // js-yaml reads an entry that is a bare `-` (nothing after it on its line but a comment, and nothing indented
    // under it) as null without a node of its own: each such entry gets one at its dash, so that the entries after it
    // keep their indexes
    const count = Array.isArray(state.result) ? state.result.length : items.length;
    const all = !flow && count > items.length ? withBareEntries(text, start, state.position, items, count) : items;
    return {
      kind,
      start,
      end: flow ? trimEnd(text, start, state.position) : endOf(all.at(-1), state.position),
      items: all,
    };
  }
  const end = trimEnd(text, start, state.position);
  if (kind === "scalar") return { kind, start, end };
  return { kind: end > start ? "alias" : "empty", start, end };
}

/**
 * A block sequence's entries, given the nodes of those that have one (`items`) and how many it has (`count`): its
 * dashes are the one at `start` and those first on a line, at its column, outside every item; a dash no item follows
 * before the next one is a bare entry, an empty node over the dash. The items as they are when that does not account
 * for `count` entries.
 */
function withBareEntries(
  text: string,
  start: number,
  end: number,
  items: readonly YamlNode[],
  count: number,
): YamlNode[] {
  const column = start - (text.lastIndexOf("\n", start - 1) + 1);
  const dashes = [start];
  let next = 0;
  for (let eol = text.indexOf("\n", start); eol !== -1 && eol + 1 < end; eol = text.indexOf("\n", eol + 1)) {
    const at = eol + 1 + column;
    if (at >= end) break;
    if (text.slice(eol + 1, at).trim() !== "" || text.slice(eol + 1, at).includes("\t")) continue;
    if (text.charCodeAt(at) !== 0x2d || !isSpaceOrEnd(text.charCodeAt(at + 1))) continue;
    // a dash inside an item (a line of a flow collection or a quoted scalar) is none of this sequence's
    while (next < items.length && (items[next] as YamlNode).end <= at) next++;
    const inside = items[next];
    if (inside !== undefined && inside.start < at) continue;
    dashes.push(at);
  }
  const entries: YamlNode[] = [];
  let i = 0;
  for (let d = 0; d < dashes.length; d++) {
    const dash = dashes[d] as number;
    const limit = dashes[d + 1] ?? Number.POSITIVE_INFINITY;
    const item = items[i];
    if (item !== undefined && item.start > dash && item.start < limit) {
      entries.push(item);
      i++;
    } else entries.push({ kind: "empty", start: dash, end: dash + 1 });
  }
  return i === items.length && entries.length === count ? entries : [...items];
}

const isSpaceOrEnd = (c: number) => Number.isNaN(c) || isSpace(c);

/** A node followed on its line by `:`, or written after the indicator `?` of an explicit key, is a key. */
const isKeyChild = (text: string, { node, open }: ReadChild): boolean =>
  !(node.kind === "empty" && node.start === node.end) && isKey(text, open, node.end);

/** go-yaml v3 compares keys by node kind and text: `"1"` and `1` are the same key, `0x10` and `16` are not. */
function identityOf(text: string, node: YamlNode, result: unknown): string {
  if (node.kind === "alias") return `alias:${text.slice(node.start + 1, node.end)}`;
  if (node.kind !== "scalar") return `${node.kind}@${node.start}`;
  const first = text.charCodeAt(node.start);
  if (first === 0x22 || first === 0x27) return `scalar:${String(result)}`;
  return `scalar:${text.slice(node.start, node.end)}`;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

function endOf(last: YamlNode | undefined, fallback: number): number {
  return last === undefined ? fallback : last.end;
}

/** A repeated key: at `offset`, first defined on line `firstLine`. */
export interface DuplicateKey {
  readonly key: string;
  readonly offset: number;
  readonly firstLine: number;
}

/**
 * Every key repeated in its mapping, by go-yaml v3's comparison, each against the key's first definition
 * (go-yaml reports every pair of equal keys; one report per repeat keeps the output linear). Linear time: one
 * map per mapping.
 */
export function findDuplicateKeys(root: YamlNode, text: string): DuplicateKey[] {
  const position = lineIndex(text);
  const lineOf = (offset: number): number => position(offset).line;
  const found: DuplicateKey[] = [];
  const stack: YamlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as YamlNode;
    // a collection the fast path read holds no repeated key (it gives up on one), so it is not read again here
    if (isRegionNode(node)) continue;
    if (node.kind === "sequence")
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i] as YamlNode);
    if (node.kind !== "mapping") continue;
    const first = new Map<string, YamlNode>();
    for (const pair of node.pairs) {
      const seen = first.get(pair.identity);
      if (seen === undefined) first.set(pair.identity, pair.key);
      else
        found.push({
          key: pair.identity.replace(/^[a-z]+:/, ""),
          offset: pair.key.start,
          firstLine: lineOf(seen.start),
        });
    }
    for (let i = node.pairs.length - 1; i >= 0; i--) {
      const pair = node.pairs[i] as YamlPair;
      if (pair.value !== undefined) stack.push(pair.value);
      if (pair.key.kind === "mapping" || pair.key.kind === "sequence") stack.push(pair.key);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * Where js-yaml misreads a bare `-` entry (nothing after the dash but a comment) followed by a less indented entry of
 * an outer list (bare-entries.ts): the offsets of the dashes of such bare entries, in text order. The lines are
 * looked at once, and only when one is such a bare entry is the position tree read, to tell a real entry from a line
 * of a block scalar, a quoted scalar or a flow collection that looks like one.
 */
export function bareEntriesMisread(text: string): number[] {
  const candidates = bareEntryCandidates(text);
  if (candidates.length === 0) return [];
  let tree: YamlTree;
  try {
    // only where the entries are matters, not how the keys are named
    tree = readTree(text, { flowFastPathMin: FLOW_FAST_PATH_MIN, treeOf: (t) => treeOf(t, false) });
  } catch {
    return [];
  }
  return entriesAmong(text, tree.root, candidates);
}

/** The lines that look like bare entries followed by a less indented entry (a quick test first: most texts have none). */
const bareEntryCandidates = (text: string): number[] =>
  BARE_ENTRY.test(text) ? bareEntriesBeforeOuterEntries(text) : [];

/**
 * The dashes among `candidates` (in text order) that are outside the text of every scalar and flow collection of the
 * tree of `text` (the regions sorted once: O(n log n)).
 */
export function entriesAmong(text: string, root: YamlNode, candidates: readonly number[]): number[] {
  // the text of scalars and flow collections, where a line that looks like an entry is none
  const inside: { start: number; end: number }[] = [];
  const stack: YamlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as YamlNode;
    if (isRegionNode(node)) inside.push(node);
    else if (node.kind === "scalar" || node.kind === "alias") inside.push(node);
    else if (node.kind === "mapping") {
      if (text.charCodeAt(node.start) === 0x7b) inside.push(node);
      else for (const pair of node.pairs) stack.push(pair.key, ...(pair.value === undefined ? [] : [pair.value]));
    } else if (node.kind === "sequence") {
      if (text.charCodeAt(node.start) === 0x5b) inside.push(node);
      // one push per item: a spread of a list of 150,000 entries overflows the call stack
      else for (const item of node.items) stack.push(item);
    }
  }
  // the regions do not overlap (none is looked into): sorted, each candidate (in text order) is looked up once
  inside.sort((a, b) => a.start - b.start);
  const misread: number[] = [];
  let r = 0;
  for (const dash of candidates) {
    while (r < inside.length && (inside[r] as { end: number }).end <= dash) r++;
    const region = inside[r];
    if (region === undefined || dash < region.start) misread.push(dash);
  }
  return misread;
}

/**
 * A locator over YAML text: the node at a path, else its closest existing ancestor. A path ending in a mapping
 * key resolves to that key's value (or to the key itself when the value is empty), or to the key with `"key"`.
 * The positions are read on first use (`regions`: the collections {@link readYaml} took from the same text).
 */
export function yamlTextLocator(text: string, file?: string, regions?: readonly FlowRegion[]): Locator {
  return yamlTreeLocator(lazyYamlTree(text, regions), text, file);
}

/**
 * The position tree of a text, read on first call and kept ({@link readYamlTree}; `regions`: the collections
 * {@link readYaml} took from the same text); undefined when the text cannot be read.
 */
export function lazyYamlTree(
  text: string,
  regions?: readonly FlowRegion[],
  standalone = false,
): () => YamlTree | undefined {
  let tree: YamlTree | undefined | null;
  return () => {
    if (tree === undefined) {
      try {
        tree = readYamlTree(text, FLOW_FAST_PATH_MIN, regions, standalone);
      } catch {
        tree = null;
      }
    }
    return tree ?? undefined;
  };
}

/**
 * {@link yamlTextLocator} over a position tree read elsewhere (`tree`, of `text`, read when first asked). A path is
 * followed as the value was read ({@link reachNode}): through an alias into the node it stands for, and to a key a
 * merge key brings in (`<<: *defaults`) in the mapping it is written in, where it is to be changed; a path that ends
 * at an alias is located at the alias.
 */
export function yamlTreeLocator(tree: () => YamlTree | undefined, text: string, file?: string): Locator {
  let at: ((offset: number) => { line: number; col: number }) | undefined;
  return (path, target = "value") => {
    const read = tree();
    if (read === undefined) return undefined;
    at ??= lineIndex(text);
    const positions: Positions = { tree: read, text };
    let node: YamlNode | undefined = read.root;
    let best = rangeOf(node);
    for (let i = 0; i < path.length && node !== undefined; i++) {
      const next = childAt(positions, node, path[i] as PathSegment);
      if (next === undefined) break;
      const wantKey = target === "key" && i === path.length - 1;
      const range = wantKey ? (rangeOf(next.key) ?? rangeOf(next.node)) : (rangeOf(next.node) ?? rangeOf(next.key));
      if (range === undefined) break;
      best = range;
      node = resolved(positions, { node: next.node, via: undefined }).node;
    }
    if (best === undefined) return undefined;
    const start = at(best.start);
    const end = at(best.end);
    const loc = { line: start.line, col: start.col, endLine: end.line, endCol: end.col };
    return file === undefined ? loc : { file, ...loc };
  };
}

function rangeOf(node: YamlNode | undefined): { start: number; end: number } | undefined {
  // an empty node has no text, but a bare sequence entry's has its dash
  if (node === undefined || (node.kind === "empty" && node.end === node.start)) return undefined;
  return { start: node.start, end: node.end };
}
