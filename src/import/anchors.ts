import { isAlias, isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import type { Path } from "../model/common.ts";

/** A YAML anchor (`&name`) and where the document reuses it. */
export interface Anchor {
  /** The anchor's name as written (`&defaults` → `defaults`); several anchors may share one. */
  readonly name: string;
  /** Where the anchored node is, as a data path. */
  readonly path: Path;
  /** How many aliases (`*name`, `<<: *name`) refer to it. */
  uses: number;
}

/** What the importer keeps from a YAML document beyond its data: anchors, aliases, merge keys and comments. */
export interface SourceInfo {
  /**
   * Comment lines written before the node at a path (also same-line comments after a scalar). Those on lines of
   * their own between a key and the first entry of its block list or mapping are the first entry's.
   */
  readonly comments: ReadonlyMap<string, readonly string[]>;
  /** Comment lines written at the end of the collection at a path. */
  readonly trailing: ReadonlyMap<string, readonly string[]>;
  /** Comments before the first key of the document. */
  readonly header: readonly string[];
  /** The anchor defined (`&a`) or aliased (`*a`) at a path. */
  readonly anchorAt: ReadonlyMap<string, Anchor>;
  /** The anchors a mapping at a path merges (`<<:`), the one that wins first. */
  readonly merges: ReadonlyMap<string, readonly Anchor[]>;
  /** The keys a mapping with a merge key writes itself (not merged), by the mapping's path. */
  readonly explicitKeys: ReadonlyMap<string, readonly string[]>;
  /** Paths of mappings with a merge key that is not an alias (`<<: { ... }`): written out as data. */
  readonly inlineMerges: ReadonlySet<string>;
  /** Every anchor, in document order. */
  readonly anchors: readonly Anchor[];
  /** How many comment lines the document has. */
  readonly commentLines: number;
}

/** The key under which a path is found in {@link SourceInfo}'s maps. */
export const pathKey = (path: Path): string => JSON.stringify(path);

/** No comments, anchors or merges: the source info of a JSON document. */
export const EMPTY_SOURCE_INFO: SourceInfo = {
  comments: new Map(),
  trailing: new Map(),
  header: [],
  anchorAt: new Map(),
  merges: new Map(),
  explicitKeys: new Map(),
  inlineMerges: new Set(),
  anchors: [],
  commentLines: 0,
};

/** A YAML 1.1 merge key (`<<`), as the parser gives it. */
const isMergeKey = (key: Node | null): boolean => isScalar(key) && typeof key.value === "symbol";

/** A key's name in the data: its scalar's value as a string. */
const keyName = (key: Node | null): string => (isScalar(key) ? String(key.value) : String(key));

const splitComment = (text: string | null | undefined): string[] =>
  text === null || text === undefined || text === "" ? [] : text.split("\n");

/**
 * Reads the anchors, aliases, merge keys and comments of a YAML document, each by the data path of the
 * node it belongs to. The text is read as YAML 1.1 (merge keys on), as Concourse reads it.
 */
export function readSourceInfo(text: string): SourceInfo {
  const doc = parseDocument(text, { version: "1.1", keepSourceTokens: false, logLevel: "silent" });
  const comments = new Map<string, string[]>();
  const trailing = new Map<string, string[]>();
  const anchorAt = new Map<string, Anchor>();
  const merges = new Map<string, Anchor[]>();
  const inlineMerges = new Set<string>();
  const explicitKeys = new Map<string, string[]>();
  const anchors: Anchor[] = [];
  // the latest anchor of each name: the document is visited in order, and an alias refers to the
  // nearest anchor of its name before it (a name may be anchored again)
  const latest = new Map<string, Anchor>();

  const add = (into: Map<string, string[]>, path: Path, text: string | null | undefined) =>
    addLines(into, path, splitComment(text));
  const addLines = (into: Map<string, string[]>, path: Path, lines: readonly string[]) => {
    if (lines.length === 0) return;
    const key = pathKey(path);
    into.set(key, [...(into.get(key) ?? []), ...lines]);
  };
  const aliased = (node: Node): Anchor | undefined => (isAlias(node) ? latest.get(node.source) : undefined);

  /**
   * The comment lines the parser gives a block collection that is a key's value (`commentBefore`): those on the key's
   * line (`plan: # note`) belong to the key; those on lines of their own, before the first entry, to that entry.
   * `keyEnd` is where the key ends in the text.
   */
  const leadingComments = (node: Node, keyEnd: number | undefined): { own: string[]; first: string[] } => {
    const lines = splitComment(node.commentBefore);
    const block = (isSeq(node) || isMap(node)) && !node.flow && node.items.length > 0;
    if (!block || keyEnd === undefined || node.range === undefined || node.range === null)
      return { own: lines, first: [] };
    const keyLine = text.slice(keyEnd, node.range[0]).split("\n", 1)[0] ?? "";
    const own = keyLine.includes("#") ? lines.slice(0, 1) : [];
    return { own, first: lines.slice(own.length) };
  };

  const visit = (node: Node | null | undefined, path: Path, keyEnd?: number): void => {
    if (node === null || node === undefined) return;
    const leading = leadingComments(node, keyEnd);
    addLines(comments, path, leading.own);
    if (isAlias(node)) {
      const anchor = aliased(node);
      if (anchor !== undefined) {
        anchor.uses++;
        anchorAt.set(pathKey(path), anchor);
      }
      add(comments, path, node.comment);
      return;
    }
    if (node.anchor) {
      const anchor: Anchor = { name: node.anchor, path, uses: 0 };
      anchors.push(anchor);
      latest.set(node.anchor, anchor);
      anchorAt.set(pathKey(path), anchor);
    }
    if (isMap(node)) {
      const written: string[] = [];
      /** The merge sources written in place (`<<: { ... }`, `<<: &a { ... }`), with where their merge key ends. */
      const inline: { readonly source: Node | null; readonly keyEnd: number | undefined }[] = [];
      for (const [i, pair] of node.items.entries()) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const keyEnd = key?.range?.[1];
        // the comments before the first entry: before a merge key (a spread), they stay with the mapping
        const first = i === 0 ? leading.first : [];
        if (isMergeKey(key)) {
          addLines(comments, path, first);
          // a merge key: `<<: *a` or `<<: [*a, *b]`
          const sources = isSeq(value) ? value.items : [value];
          const found = sources.map((s) => (s !== null && isAlias(s) ? aliased(s as Node) : undefined));
          if (found.every((a) => a !== undefined)) {
            for (const a of found) a.uses++;
            merges.set(pathKey(path), [...(merges.get(pathKey(path)) ?? []), ...found]);
          } else {
            inlineMerges.add(pathKey(path));
            for (const source of sources) inline.push({ source: source as Node | null, keyEnd });
          }
          add(comments, path, key?.commentBefore);
          continue;
        }
        const name = keyName(key);
        written.push(name);
        visitPair(key, value, [...path, name], first, keyEnd);
      }
      if (merges.has(pathKey(path))) explicitKeys.set(pathKey(path), written);
      visitInlineMerges(inline, path, written);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const at = [...path, i];
        const n = item as Node | null;
        if (i === 0) addLines(comments, at, leading.first);
        if (n !== null && !isAlias(n) && (isMap(n) || isSeq(n))) {
          visit(n, at);
          add(trailing, at, n.comment);
        } else visit(n, at);
      });
    } else {
      add(comments, path, node.comment);
    }
  };

  /** A key and its value, at the data path `at`; `first`: comment lines before it the mapping's own lines gave it. */
  const visitPair = (
    key: Node | null,
    value: Node | null,
    at: Path,
    first: readonly string[],
    keyEnd: number | undefined,
  ): void => {
    addLines(comments, at, first);
    if (key !== null) {
      add(comments, at, key.commentBefore);
      add(comments, at, key.comment);
    }
    if (value !== null && !isAlias(value) && (isMap(value) || isSeq(value))) {
      visit(value, at, keyEnd);
      add(trailing, at, value.comment);
    } else visit(value, at, keyEnd);
  };

  /**
   * The mappings a mapping at `path` merges that are written in place: each key they give the mapping (one it writes
   * itself, or an earlier source gives, it does not get) is read where the merged data has it, at `path`, with its
   * comments. The anchor such a mapping may have names no data of its own: an alias to it is data written out.
   */
  const visitInlineMerges = (
    inline: readonly { readonly source: Node | null; readonly keyEnd: number | undefined }[],
    path: Path,
    written: readonly string[],
  ): void => {
    const taken = new Set(written);
    for (const { source, keyEnd } of inline) {
      const target: Node | null | undefined = source !== null && isAlias(source) ? source.resolve(doc) : source;
      if (!isMap(target)) continue;
      if (target === source) {
        if (target.anchor) latest.delete(target.anchor);
        const leading = leadingComments(target, keyEnd);
        addLines(comments, path, leading.own);
        for (const [i, pair] of target.items.entries()) {
          const key = pair.key as Node | null;
          const name = keyName(key);
          if (isMergeKey(key)) continue;
          // a key the data does not get is read below the merge key, which no code is written for: its comments are
          // counted among the lines not carried over
          const at = taken.has(name) ? [...path, "<<", name] : [...path, name];
          visitPair(key, pair.value as Node | null, at, i === 0 ? leading.first : [], key?.range?.[1]);
        }
        add(trailing, path, target.comment);
      }
      for (const pair of target.items) taken.add(keyName(pair.key as Node | null));
    }
  };

  const root = doc.contents as Node | null;
  visit(root, []);
  const header = [...(comments.get(pathKey([])) ?? []), ...splitComment(doc.commentBefore)];
  add(trailing, [], doc.comment);
  if (root !== null && (isMap(root) || isSeq(root))) add(trailing, [], root.comment);
  const count = (map: Map<string, string[]>) => [...map.values()].reduce((n, lines) => n + lines.length, 0);
  const commentLines = count(comments) + count(trailing) + splitComment(doc.commentBefore).length;
  return { comments, trailing, header, anchorAt, merges, explicitKeys, inlineMerges, anchors, commentLines };
}
