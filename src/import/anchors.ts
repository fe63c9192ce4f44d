import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  visit as visitYaml,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { isObject, type Path, setOwn } from "../model/common.ts";
import { valueAt } from "../source/path.ts";

/** A YAML anchor (`&name`) and where the document reuses it. */
export interface Anchor {
  /** The anchor's name as written (`&defaults` → `defaults`); several anchors may share one. */
  readonly name: string;
  /**
   * Where the anchored node is, as a data path. For a mapping anchored where a merge key merges it (`<<: &d {...}`),
   * which has no data of its own, the merging mapping's path then `<<` (and the source's index, in a list): where its
   * comments are kept; its data is {@link readAnchorValues}'s.
   */
  readonly path: Path;
  /** How many aliases (`*name`, `<<: *name`) refer to it (and the merge key that merges it where it is written). */
  uses: number;
  /** For a mapping anchored where a merge key merges it: the keys it writes, in order. */
  readonly mergedKeys?: readonly string[];
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
  /**
   * The anchors a mapping at a path merges (`<<:`), the one that wins first; also those a mapping it merges where it is
   * written merges (`<<: { <<: *a, x: 1 }`), after that mapping's own keys, which are among its explicit keys.
   */
  readonly merges: ReadonlyMap<string, readonly Anchor[]>;
  /** The keys a mapping with a merge key writes itself or a mapping merged in place gives it (no anchor), by its path. */
  readonly explicitKeys: ReadonlyMap<string, readonly string[]>;
  /** Paths of mappings a merge key merges a mapping written in place into that is no const: its keys are theirs. */
  readonly inlineMerges: ReadonlySet<string>;
  /**
   * Keys written before a merge key that a source of it has, which go-yaml v2 gives the source's value (it decodes a
   * mapping's entries in order): their values are no code, their comments are not carried over.
   */
  readonly replaced: readonly Path[];
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
  replaced: [],
  anchors: [],
  commentLines: 0,
};

/** A YAML 1.1 merge key (`<<`), as the parser gives it. */
const isMergeKey = (key: Node | null): boolean => isScalar(key) && typeof key.value === "symbol";

/** A key's name in the data: its scalar's value as a string. */
const keyName = (key: Node | null): string => (isScalar(key) ? String(key.value) : String(key));
const pairName = (pair: Pair): string => keyName(pair.key as Node | null);

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
  const replaced: Path[] = [];
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
  const targets = aliasTargets(doc);
  // the nodes an alias stands for: a mapping merged where it is written is a const only when one does
  const aliasedNodes = new Set<Node>(targets.values());
  /** A merge key's source written in place that may be a const: a mapping with an anchor an alias refers to. */
  const sharedInline = (source: Node | null): source is YAMLMap & { anchor: string } =>
    isMap(source) && typeof source.anchor === "string" && aliasedNodes.has(source);

  /** The keys a mapping gives the data: its own, then those its merge key's sources give (aliases resolved). */
  const mapKeys = (node: Node | null | undefined, seen: Set<Node> = new Set()): string[] => {
    const target = node !== null && node !== undefined && isAlias(node) ? targets.get(node) : node;
    if (!isMap(target) || seen.has(target)) return [];
    seen.add(target);
    const keys = new Set<string>();
    for (const pair of target.items) {
      const value = pair.value as Node | null;
      if (!isMergeKey(pair.key as Node | null)) keys.add(keyName(pair.key as Node | null));
      else
        for (const source of isSeq(value) ? value.items : [value])
          for (const k of mapKeys(source as Node | null, seen)) keys.add(k);
    }
    return [...keys];
  };

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

  /**
   * The node at `path` and what it holds; `key`: where the key it is the value of is; `comment`: a scalar's comment
   * lines after it, when not all of its own ({@link splitNullComment}). Returns the comment lines after a block
   * collection that are less indented than its entries, or for a list as indented as its key (`plan:` then `- get: x`)
   * no more indented than them (the parser gives the innermost collection every line after its last entry): its
   * parent's.
   */
  const visit = (
    node: Node | null | undefined,
    path: Path,
    key: KeyPlace = NO_KEY,
    comment = node?.comment,
  ): CommentLine[] => {
    if (node === null || node === undefined) return [];
    const leading = leadingComments(node, key.keyEnd);
    addLines(comments, path, leading.own);
    if (isAlias(node)) {
      const anchor = aliased(node);
      if (anchor !== undefined) {
        anchor.uses++;
        anchorAt.set(pathKey(path), anchor);
      }
      add(comments, path, node.comment);
      return [];
    }
    if (node.anchor) {
      const anchor: Anchor = { name: node.anchor, path, uses: 0 };
      anchors.push(anchor);
      latest.set(node.anchor, anchor);
      anchorAt.set(pathKey(path), anchor);
    }
    if (isMap(node)) return visitMapping(node, path, leading.first);
    if (!isSeq(node)) {
      add(comments, path, comment);
      return [];
    }
    const column = blockColumn(text, node);
    let after: CommentLine[] = [];
    node.items.forEach((item, i) => {
      const at = [...path, i];
      const n = item as Node | null;
      addLines(comments, at, i === 0 ? leading.first : after.map((l) => l.text));
      const split = column === undefined ? undefined : splitNullComment(text, n, column);
      // the lines after a null entry no more indented than its dash are before the next entry, or end the list
      if (split === undefined) after = visit(n, at);
      else {
        visit(n, at, NO_KEY, split.own.join("\n"));
        after = split.after;
      }
    });
    // a line as indented as a list that is as indented as its key is before the key's next sibling, or ends its mapping
    const ends = column !== undefined && column === key.column ? column + 1 : column;
    return endOf(node, path, ends, after);
  };

  /**
   * The end of a collection at `path` whose last entry left `after` (the lines after it no more indented than its key
   * or dash): those with the collection's own comment lines after it, indented at least to `column` (its entries', or
   * one more for a list as indented as its key), end it; from the first one less indented on, they are returned, its
   * parent's.
   */
  const endOf = (
    node: YAMLMap | YAMLSeq,
    path: Path,
    column: number | undefined,
    after: CommentLine[],
  ): CommentLine[] => {
    const own = splitComment(node.comment);
    const written =
      column === undefined || own.length === 0
        ? undefined
        : writtenComment(text, own, node.range?.[1], node.range?.[2]);
    const lines = [...after, ...(written ?? own.map((t) => ({ text: t, column: -1 })))];
    const out = column === undefined ? -1 : lines.findIndex((l) => l.column !== -1 && l.column < column);
    addLines(
      trailing,
      path,
      (out === -1 ? lines : lines.slice(0, out)).map((l) => l.text),
    );
    return out === -1 ? [] : lines.slice(out);
  };

  /**
   * The keys of a mapping at `path` and their values; `first`: comment lines before its first key. A mapping its merge
   * key merges where it is written may be a const ({@link visitMergeSources}).
   */
  const visitMapping = (node: YAMLMap, path: Path, first: readonly string[]): CommentLine[] => {
    const column = blockColumn(text, node);
    // go-yaml v2 decodes the entries in order: a key written before the merge key that a source of it has takes the
    // source's value (it is read below the merge key, which no code is written for), one written after it keeps its own
    const mergeIndex = node.items.findIndex((pair) => isMergeKey(pair.key as Node | null));
    const merge = node.items[mergeIndex]?.value as Node | null | undefined;
    const given = new Set(isSeq(merge) ? merge.items.flatMap((s) => mapKeys(s as Node | null)) : mapKeys(merge));
    const taken = new Set(
      node.items.filter((pair, i) => i > mergeIndex && !isMergeKey(pair.key as Node | null)).map(pairName),
    );
    // in the order they are written, a merged mapping's keys where its merge key is
    const explicit: string[] = [];
    const found: (Anchor | undefined)[] = [];
    let after: CommentLine[] = [];
    for (const [i, pair] of node.items.entries()) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyEnd = key?.range?.[1];
      // the comments before the first entry: before a merge key (a spread), they stay with the mapping
      const before = i === 0 ? first : after.map((l) => l.text);
      after = [];
      if (isMergeKey(key)) {
        addLines(comments, path, before);
        add(comments, path, key?.commentBefore);
        found.push(...visitMergeSources(value, { path, at: path, keyEnd, taken, explicit }));
        continue;
      }
      const name = keyName(key);
      if (i < mergeIndex && given.has(name)) {
        replaced.push([...path, name]);
        after = visitPair(key, value, [...path, "<<", name], before, { keyEnd, column });
        continue;
      }
      explicit.push(name);
      after = visitPair(key, value, [...path, name], before, { keyEnd, column });
    }
    mergeAt(path, found, explicit);
    return endOf(node, path, column, after);
  };

  /**
   * Records that the mapping at `path` spreads `found` (the sources of its merge keys, the one that wins first) and
   * writes `explicit` itself: when there are sources, and each is an anchor known here (one merged again, through a
   * mapping merged in place, gives nothing more).
   */
  const mergeAt = (path: Path, found: readonly (Anchor | undefined)[], explicit: readonly string[]): void => {
    if (found.length === 0 || !found.every((a): a is Anchor => a !== undefined)) return;
    for (const a of found) a.uses++;
    merges.set(pathKey(path), [...new Set(found)]);
    explicitKeys.set(pathKey(path), [...explicit]);
  };

  /**
   * The sources of a merge key (`<<: *a`, `<<: [*a, *b]`, `<<: { ... }`) of the mapping at `path`, the one that wins
   * first; undefined for an alias to no anchor known here or a source that is no mapping. An alias is its anchor. A
   * mapping written in place is a const when an alias refers to it ({@link sharedInline}), however deep in other
   * sources it is (`<<: &a { <<: &b {...} }`: `a` spreads `b`); any other is part of the mapping: each key it gives the
   * mapping (one the mapping writes itself, or an earlier source gives, it does not get) is one the mapping writes
   * (`explicit`), read at `path` with its comments, and the sources of its own merge key follow it. `at`: where the
   * merge key is written (`path`, or below it for one in a source merged in place), the place a const written in
   * place is kept under; `taken`: the keys given so far.
   */
  const visitMergeSources = (
    value: Node | null,
    into: {
      readonly path: Path;
      readonly at: Path;
      readonly keyEnd: number | undefined;
      readonly taken: Set<string>;
      readonly explicit: string[];
    },
  ): (Anchor | undefined)[] => {
    const { path, keyEnd, taken, explicit } = into;
    const sources = (isSeq(value) ? value.items : [value]) as (Node | null)[];
    const gives = (keys: readonly string[]) => {
      for (const k of keys) taken.add(k);
    };
    return sources.flatMap((source, j) => {
      if (source !== null && isAlias(source)) {
        gives(mapKeys(source));
        return [aliased(source)];
      }
      const at = isSeq(value) ? [...into.at, "<<", j] : [...into.at, "<<"];
      if (sharedInline(source)) {
        const anchor = mergedInPlace(source, source.anchor, at, keyEnd);
        gives(anchor.mergedKeys ?? []);
        return [anchor];
      }
      if (!isMap(source)) return [undefined];
      inlineMerges.add(pathKey(path));
      if (source.anchor) latest.delete(source.anchor);
      const leading = leadingComments(source, keyEnd);
      addLines(comments, path, leading.own);
      const own: { readonly value: Node | null; readonly keyEnd: number | undefined }[] = [];
      const column = blockColumn(text, source);
      let after: CommentLine[] = [];
      for (const [i, pair] of source.items.entries()) {
        const key = pair.key as Node | null;
        const first = i === 0 ? leading.first : after.map((l) => l.text);
        after = [];
        if (isMergeKey(key)) {
          addLines(comments, path, first);
          add(comments, path, key?.commentBefore);
          own.push({ value: pair.value as Node | null, keyEnd: key?.range?.[1] });
          continue;
        }
        const name = keyName(key);
        // a key the data does not get is read below the merge key, which no code is written for: its comments are
        // counted among the lines not carried over
        const gets = !taken.has(name);
        if (gets) explicit.push(name);
        taken.add(name);
        after = visitPair(key, pair.value as Node | null, gets ? [...path, name] : [...path, "<<", name], first, {
          keyEnd: key?.range?.[1],
          column,
        });
      }
      addLines(trailing, path, [...after.map((l) => l.text), ...splitComment(source.comment)]);
      return own.flatMap((merge) => visitMergeSources(merge.value, { ...into, at, keyEnd: merge.keyEnd }));
    });
  };

  /**
   * The anchor of a mapping a merge key merges where it is written, made a const ({@link sharedInline}): its keys and
   * their comments are read at `at`, where the const is written, and its own merge key is a spread in it.
   */
  const mergedInPlace = (source: YAMLMap, name: string, at: Path, keyEnd: number | undefined): Anchor => {
    const anchor: Anchor = { name, path: at, uses: 0, mergedKeys: mapKeys(source) };
    anchors.push(anchor);
    latest.set(name, anchor);
    const leading = leadingComments(source, keyEnd);
    addLines(comments, at, leading.own);
    addLines(
      trailing,
      at,
      visitMapping(source, at, leading.first).map((l) => l.text),
    );
    return anchor;
  };

  /**
   * A key and its value, at the data path `at`; `first`: comment lines before it the mapping's own lines gave it;
   * `column`: its block mapping's. Returns the comment lines after it that are not its own ({@link splitNullComment},
   * {@link endOf}).
   */
  const visitPair = (
    key: Node | null,
    value: Node | null,
    at: Path,
    first: readonly string[],
    where: KeyPlace,
  ): CommentLine[] => {
    addLines(comments, at, first);
    if (key !== null) {
      add(comments, at, key.commentBefore);
      add(comments, at, key.comment);
    }
    const split = where.column === undefined ? undefined : splitNullComment(text, value, where.column);
    if (split === undefined) return visit(value, at, where);
    visit(value, at, where, split.own.join("\n"));
    return split.after;
  };

  const root = doc.contents as Node | null;
  addLines(
    trailing,
    [],
    visit(root, []).map((l) => l.text),
  );
  const header = [...(comments.get(pathKey([])) ?? []), ...splitComment(doc.commentBefore)];
  add(trailing, [], doc.comment);
  const count = (map: Map<string, string[]>) => [...map.values()].reduce((n, lines) => n + lines.length, 0);
  const commentLines = count(comments) + count(trailing) + splitComment(doc.commentBefore).length;
  return {
    comments,
    trailing,
    header,
    anchorAt,
    merges,
    explicitKeys,
    inlineMerges,
    replaced,
    anchors,
    commentLines,
  };
}

/**
 * The node each alias of a document stands for: the nearest node before it anchored with its name, found in one pass
 * (the parser's `Alias.resolve` visits the whole document for each alias: an import of 3,000 aliases took a minute).
 */
function aliasTargets(doc: Document): Map<Alias, Node> {
  const latest = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visitYaml(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const target = latest.get(node.source);
        if (target !== undefined) targets.set(node, target);
      } else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  return targets;
}

/** Where a mapping's key is: where it ends in the text, and its column (its block mapping's). */
interface KeyPlace {
  readonly keyEnd: number | undefined;
  readonly column: number | undefined;
}

/** The place of no key: a list's entry, or the document. */
const NO_KEY: KeyPlace = { keyEnd: undefined, column: undefined };

/** A comment line and the column its `#` is at in the text (-1 for a blank line). */
interface CommentLine {
  readonly text: string;
  readonly column: number;
}

/**
 * The column of a block collection's entries: its first key's, or its first dash's. Undefined for a flow collection or
 * one whose first entry is not found where the parser says.
 */
function blockColumn(text: string, node: YAMLMap | YAMLSeq): number | undefined {
  if (node.flow === true || node.items.length === 0) return undefined;
  const first = node.items[0];
  const start = isSeq(node) ? node.range?.[0] : ((first as Pair).key as Node | null)?.range?.[0];
  if (start === undefined || (isSeq(node) && text.charAt(start) !== "-")) return undefined;
  return start - text.lastIndexOf("\n", start - 1) - 1;
}

/**
 * The comment lines the parser gives as `lines`, found in the text from the first `#` at or after `from` (up to `end`),
 * with the columns of their `#`s; undefined when the text does not have them as the parser gives them.
 */
function writtenComment(
  text: string,
  lines: readonly string[],
  from: number | undefined,
  end: number | undefined,
): CommentLine[] | undefined {
  if (from === undefined || end === undefined) return undefined;
  const first = text.indexOf("#", from);
  if (first === -1 || first > end) return undefined;
  const written = text
    .slice(text.lastIndexOf("\n", first) + 1, end)
    .split("\n")
    .slice(0, lines.length);
  if (written.length !== lines.length) return undefined;
  // the first line's `#` may follow a key or a dash on its line
  const firstColumn = first - text.lastIndexOf("\n", first) - 1;
  return lines.map((line, i) => ({ text: line, column: i === 0 ? firstColumn : (written[i] as string).search(/\S/) }));
}

/**
 * The comment lines the parser gives a null entry of a block list (a bare `-`, or `- ~`) or a null value of a block
 * mapping (`key:`), split where the text has them: those on its dash's or key's line and the lines below more indented
 * than the `column` of its list or mapping are its own; the others, from the first comment line no more indented on,
 * come after it (before the next entry, or at the end of the collection). The parser gives it every comment line up to
 * the next entry (or the first blank line). Undefined for any other node, or when the lines are not found in the text
 * as the parser gives them.
 */
function splitNullComment(
  text: string,
  node: Node | null,
  column: number,
): { own: string[]; after: CommentLine[] } | undefined {
  if (!isScalar(node) || node.value !== null || typeof node.comment !== "string" || node.comment === "")
    return undefined;
  const lines = writtenComment(text, node.comment.split("\n"), node.range?.[0], node.range?.[2]);
  if (lines === undefined) return undefined;
  const split = lines.findIndex((line) => line.column !== -1 && line.column <= column);
  if (split === -1) return undefined;
  const own = lines.slice(0, split).map((l) => l.text);
  while (own.at(-1) === "") own.pop();
  return { own, after: lines.slice(split) };
}

/**
 * The data each anchor names. One on a node of the data: that node's. One on a mapping merged where it is written
 * (`<<: &d {...}`; see {@link Anchor}), which the document holds only where it reaches: each of its keys as the data
 * has it at a place that takes it from this mapping (the mapping it is written in, one that merges it by an alias,
 * where an alias stands for it), in its own order; a key no place takes (every merge of it overrides it) has no data,
 * and is left out. A place inside such a mapping (one merged in place in it, an anchor on one of its values) is read
 * in that mapping's data.
 */
export function readAnchorValues(data: unknown, info: SourceInfo): Map<Anchor, unknown> {
  const inPlace = new Map<string, Anchor>();
  for (const anchor of info.anchors) if (anchor.mergedKeys !== undefined) inPlace.set(pathKey(anchor.path), anchor);
  // the places a mapping merged in place reaches: where it is merged, after the keys written there and the sources that
  // win before it, or where an alias stands for it
  const reaches = new Map<
    Anchor,
    { readonly site: Path; readonly before: readonly string[]; readonly ahead: readonly Anchor[] }[]
  >();
  const reach = (anchor: Anchor, site: Path, before: readonly string[], ahead: readonly Anchor[]) =>
    reaches.set(anchor, [...(reaches.get(anchor) ?? []), { site, before, ahead }]);
  for (const [site, sources] of info.merges) {
    const before = info.explicitKeys.get(site) ?? [];
    for (const [i, anchor] of sources.entries())
      if (anchor.mergedKeys !== undefined) reach(anchor, JSON.parse(site) as Path, before, sources.slice(0, i));
  }
  for (const [at, anchor] of info.anchorAt)
    if (anchor.mergedKeys !== undefined) reach(anchor, JSON.parse(at) as Path, [], []);

  const values = new Map<Anchor, unknown>();
  const reading = new Set<Anchor>();
  /** The data at a path, read in a mapping merged in place when the path is in one. */
  const read = (path: Path): unknown => {
    for (let n = inPlace.size === 0 ? 0 : path.length; n > 0; n--) {
      // such a mapping's path ends in `<<` (or `<<` and its place in a list)
      if (path[n - 1] !== "<<" && path[n - 2] !== "<<") continue;
      const anchor = inPlace.get(pathKey(path.slice(0, n)));
      if (anchor !== undefined) return valueAt(dataOf(anchor), path.slice(n));
    }
    return valueAt(data, path);
  };
  const keysOf = (anchor: Anchor): readonly string[] => anchor.mergedKeys ?? Object.keys(asObject(dataOf(anchor)));
  const dataOf = (anchor: Anchor): unknown => {
    if (values.has(anchor)) return values.get(anchor);
    const { mergedKeys } = anchor;
    if (mergedKeys === undefined) return read(anchor.path);
    // a mapping read through itself (which no document can write): no data
    if (reading.has(anchor)) return {};
    reading.add(anchor);
    const got: Record<string, unknown> = {};
    for (const { site, before, ahead } of reaches.get(anchor) ?? []) {
      const from = read(site);
      if (!isObject(from)) continue;
      // a key the mapping writes itself, or a source before this one gives, is not this source's
      const given = new Set([...before, ...ahead.flatMap(keysOf)]);
      for (const k of mergedKeys)
        if (!given.has(k) && Object.hasOwn(from, k) && !Object.hasOwn(got, k)) setOwn(got, k, from[k]);
    }
    reading.delete(anchor);
    const value = Object.fromEntries(mergedKeys.filter((k) => Object.hasOwn(got, k)).map((k) => [k, got[k]]));
    values.set(anchor, value);
    return value;
  };
  for (const anchor of info.anchors) values.set(anchor, dataOf(anchor));
  return values;
}

const asObject = (value: unknown): Record<string, unknown> => (isObject(value) ? value : {});
