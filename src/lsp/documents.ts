import { isObject, type Path } from "../model/common.ts";
import { stepKindOrUndefined } from "../model/step.ts";
import type { DocumentKind } from "../parse/document-kind.ts";
import { DEFAULT_MAX_BYTES, type ParsedText, parsePipelineText } from "../parse/parse-pipeline.ts";
import {
  aliasedNode,
  isMergeKey,
  ownPair,
  reachNode,
  readYamlTree,
  type YamlNode,
  type YamlPair,
  type YamlTree,
} from "../parse/yaml-tree.ts";
import { walkPipelineSteps } from "../walk/walk-steps.ts";
import { mendText } from "./mend.ts";

/** The kinds of names a pipeline defines and refers to. */
export type NameKind = "resource" | "resource_type" | "prototype" | "job";

/** Where a name is written: its definition (`resources[2].name`) or a reference (`get: src`, `passed`). */
export interface NameSite {
  readonly kind: NameKind;
  readonly name: string;
  readonly role: "definition" | "reference";
  /** The literal path of the scalar holding the name. */
  readonly path: Path;
  /**
   * Offsets of the name as written in place (start inclusive, end exclusive): its scalar, or, for a name
   * reached through a YAML alias or merge key (`name: *build`, `<<: *base_job`), that alias.
   */
  readonly start: number;
  readonly end: number;
  /** For a name reached through an alias or merge key: the offsets of the anchored scalar that holds it. */
  readonly anchored?: { readonly start: number; readonly end: number };
  /** For a definition: the offsets of the whole item (the resource's, job's mapping). */
  readonly item?: { readonly start: number; readonly end: number };
}

/** Each kind of name as it is called in messages, hovers and the outline. */
export const LABEL: Readonly<Record<NameKind, string>> = {
  job: "job",
  resource: "resource",
  resource_type: "resource type",
  prototype: "prototype",
};

/** The section of the pipeline where each kind of name is defined. */
export const SECTION_OF: Readonly<Record<NameKind, string>> = {
  resource: "resources",
  resource_type: "resource_types",
  prototype: "prototypes",
  job: "jobs",
};

/** A pipeline (or task config) text read for the editor: where its nodes are, its value, and where its names are. */
export interface PipelineDocument {
  readonly text: string;
  /** What the text was read as: a pipeline, or a task config file (which defines and refers to no names). */
  readonly kind: DocumentKind;
  /** The position tree of the text (offsets into `text`); undefined when no part of it could be read. */
  readonly tree: YamlTree | undefined;
  /** The parsed value (`undefined` when the text is not a mapping). */
  readonly value: Record<string, unknown> | undefined;
  /** Every definition and reference of a name, in text order. */
  readonly names: readonly NameSite[];
  /**
   * The parts of the text read as blank (offsets, start inclusive, end exclusive) because they broke its reading
   * ({@link readMended}; an alias to no anchor, as nothing): the names written there are not among `names`. Empty
   * when the text was read whole.
   */
  readonly blanked: readonly { readonly start: number; readonly end: number }[];
  /**
   * The pairs of its mappings whose key is written again later in the same mapping ({@link shadowedPairs}: a first
   * `jobs:`), each with the text read as if that copy were the one written, read with the document (once per version
   * of it, where the server holds it) for hover, definition, references, the outline and completion; empty when no
   * key is written twice, and in such a reading itself, which is read for the names under its copy only.
   */
  readonly copies: readonly ShadowedCopy[];
}

/** A `passed` or group entry that is a glob matches several jobs: it is not a reference to one. */
const isGlob = (name: string): boolean => /[*?[\]{}]/.test(name);

const BOM = "\uFEFF";

/** parse's finding on a text nested deeper than it reads. */
const TOO_DEEP = "input/too-deep";

/**
 * Reads a pipeline text for the editor, from `read`, the parse the validator reads too (made here when not
 * given): its value, and its position tree (read now, if its locator has not yet). A text that parse cannot
 * give both for is read again the editor's way ({@link readMended}). A text with a key written twice in a mapping
 * is read under each copy of it too, now ({@link PipelineDocument.copies}), so that no request reads it again. Never
 * throws: a broken text has fewer names.
 */
export function readDocument(
  text: string,
  read: ParsedText = parsePipelineText(text, { as: "auto" }),
): PipelineDocument {
  const document = readText(text, read);
  const shadowed = shadowedPairs(document);
  if (shadowed.length === 0) return document;
  return {
    ...document,
    copies: shadowed.map((pair) => ({ ...pair, reading: readingUnder(document, shadowed, pair) })),
  };
}

/** {@link readDocument} but for the readings under the copies of a key written twice (`copies` is empty). */
function readText(text: string, read: ParsedText = parsePipelineText(text, { as: "auto" })): PipelineDocument {
  const { kind } = read.parsed;
  const parsed = kind === "task" ? read.parsed.taskConfig : read.parsed.pipeline;
  const shared = isObject(parsed) ? parsed : undefined;
  const sharedTree = shared === undefined ? undefined : read.yamlTree();
  // a text larger than parse reads (input/too-large, its one diagnostic) is not read the editor's way either: it
  // has no names, where its mending held the server for as long as a parse it refused; nor one nested deeper than
  // parse reads (input/too-deep, as the CLI reports it), which the editor's reading refuses too, after reading it again
  const refused =
    text.length > DEFAULT_MAX_BYTES ||
    read.parsed.diagnostics.some((d) => d.ruleId === TOO_DEEP && d.path.length === 0);
  const own = sharedTree === undefined && !refused ? readMended(text) : undefined;
  const tree = sharedTree ?? own?.tree;
  // parse reads an empty text as an empty pipeline: the editor, as no mapping
  const value = tree?.root.kind !== "mapping" ? undefined : (shared ?? (isObject(own?.value) ? own.value : undefined));
  const names = value === undefined || tree === undefined || kind === "task" ? [] : findNames({ text, tree }, value);
  return { text, kind, tree, value, names, blanked: own?.blanked ?? [], copies: [] };
}

/** A text read the editor's way: its tree and value, and the parts of it read as blank. */
interface Mended {
  readonly tree: YamlTree;
  readonly value: unknown;
  readonly blanked: PipelineDocument["blanked"];
}

/**
 * The editor's own reading of a text (a text being typed is often not YAML yet): a key repeated in a mapping is
 * read (the last one wins) rather than refused, and a text that does not read is mended (mend.ts: parts of it read
 * as blank) until it does; a byte order mark reads as a line break, so that offsets are those of the text. The value
 * is as read (not converted by the shape check).
 */
function readMended(text: string): Mended | undefined {
  const mended = mendText(text.startsWith(BOM) ? `\n${text.slice(1)}` : text);
  if (mended === undefined) return undefined;
  const end = mended.read.firstDocumentEnd;
  try {
    const tree = readYamlTree(end === undefined ? mended.text : mended.text.slice(0, end));
    return { tree, value: mended.read.value, blanked: mended.mended };
  } catch {
    return undefined;
  }
}

/** A document's text and tree: what the walks below read. */
interface Positions {
  readonly text: string;
  readonly tree: YamlTree;
}

function findNames(at: Positions, pipeline: Record<string, unknown>): NameSite[] {
  const sites: NameSite[] = [];
  const add = (kind: NameKind, role: NameSite["role"], path: Path, itemPath?: Path) => {
    const name = valueIn(pipeline, path);
    if (typeof name !== "string" || (role === "reference" && isGlob(name))) return;
    const reached = reachNode(at.tree, at.text, path);
    const node = reached?.node;
    if (node?.kind !== "scalar") return;
    const written = reached?.via ?? node;
    const item = itemPath === undefined ? undefined : reachNode(at.tree, at.text, itemPath);
    const itemNode = item?.via ?? item?.node;
    sites.push({
      kind,
      name,
      role,
      path,
      start: written.start,
      end: written.end,
      ...(written === node ? {} : { anchored: { start: node.start, end: node.end } }),
      ...(itemNode === undefined || itemNode.kind === "empty" ? {} : { item: itemRange(at.text, itemNode) }),
    });
  };
  const each = (section: string, visit: (item: Record<string, unknown>, at: Path) => void) => {
    const list = pipeline[section];
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (isObject(item)) visit(item, [section, i]);
    });
  };
  for (const kind of Object.keys(SECTION_OF) as NameKind[]) {
    each(SECTION_OF[kind], (_, at) => add(kind, "definition", [...at, "name"], at));
  }
  for (const section of ["resources", "resource_types", "prototypes"]) {
    each(section, (_, at) => add("resource_type", "reference", [...at, "type"]));
  }
  each("groups", (group, at) => {
    for (const [key, kind] of [
      ["jobs", "job"],
      ["resources", "resource"],
    ] as const) {
      const list = group[key];
      if (Array.isArray(list)) for (let k = 0; k < list.length; k++) add(kind, "reference", [...at, key, k]);
    }
  });
  for (const { step, path } of walkPipelineSteps(pipeline as { jobs: [] })) {
    const kind = stepKindOrUndefined(step);
    if (kind === "get" || kind === "put") {
      add("resource", "reference", [...path, "resource" in step ? "resource" : kind]);
      const passed = (step as { passed?: unknown }).passed;
      if (kind === "get" && Array.isArray(passed)) {
        for (let k = 0; k < passed.length; k++) add("job", "reference", [...path, "passed", k]);
      }
    } else if (kind === "run") {
      add("prototype", "reference", [...path, "type"]);
    }
  }
  return sites.sort((a, b) => a.start - b.start);
}

/**
 * Where an item of a section is, for its outline entry and its hover: a block mapping runs to the end of its last
 * line (a comment after it included), as an editor selects it.
 */
export function itemRange(text: string, node: YamlNode): { start: number; end: number } {
  if (node.kind !== "mapping" || text.charCodeAt(node.start) === 0x7b) return { start: node.start, end: node.end };
  let end = node.end;
  while (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09) end++;
  if (text.charCodeAt(end) === 0x23) {
    const eol = text.indexOf("\n", end);
    end = eol === -1 ? text.length : eol;
  }
  if (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a) end++;
  if (text.charCodeAt(end) === 0x0a) end++;
  return { start: node.start, end };
}

/** A pair of a mapping whose key is written again after it in that mapping: only the last one is read. */
export interface ShadowedPair {
  readonly key: string;
  /** From the pair's key to the end of its value. */
  readonly start: number;
  readonly end: number;
  /** Where the key is written last (the pair that is read). */
  readonly readAt: number;
  /** Where the value of the pair that is read ends. */
  readonly readEnd: number;
}

/** A {@link ShadowedPair} with the text read as if it were the one written ({@link readingAt}). */
export interface ShadowedCopy extends ShadowedPair {
  readonly reading: PipelineDocument;
}

/**
 * The pairs of the document's mappings whose key is written again later in the same mapping (merge keys aside), in
 * text order: fly refuses such a text, and the editor reads the last pair only, so that what is written under the
 * others (a first `jobs:`, a first `plan:`) is not among `names`.
 */
export function shadowedPairs(document: PipelineDocument): ShadowedPair[] {
  const { tree } = document;
  const found: ShadowedPair[] = [];
  const stack: YamlNode[] = tree === undefined ? [] : [tree.root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === "sequence") for (const item of node.items) stack.push(item);
    if (node.kind !== "mapping") continue;
    const last = new Map<string, { readonly readAt: number; readonly readEnd: number }>();
    for (let i = node.pairs.length - 1; i >= 0; i--) {
      const pair = node.pairs[i] as YamlPair;
      if (pair.value !== undefined) stack.push(pair.value);
      if (isMergeKey(pair)) continue;
      const end = pair.value?.end ?? pair.key.end;
      const read = last.get(pair.name);
      if (read === undefined) last.set(pair.name, { readAt: pair.key.start, readEnd: end });
      else found.push({ key: pair.name, start: pair.key.start, end, ...read });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The document as read at `offset`: itself, or, under a key written again later in its mapping (a first `jobs:`,
 * which the editor's reading passes over), the text read as if that copy of the key were the one written (the other
 * copies read as blank), so that its names have a hover and a definition too. fly refuses such a text (`mapping key
 * "jobs" already defined`, as the validator reports it) and reads neither copy: the last has no better claim. The
 * reading is the one the document holds ({@link PipelineDocument.copies}): the text is not read again.
 */
export function readingAt(document: PipelineDocument, offset: number): PipelineDocument {
  // the innermost copy the offset is under (pairs are nested or apart, never touching): the reading for its start is
  // the one under every copy the offset is under
  return document.copies.findLast((p) => p.start <= offset && offset <= p.end)?.reading ?? document;
}

/**
 * The text read as if `copy` (one of `shadowed`, the document's {@link shadowedPairs}) and every copy around it were
 * the ones written: the others of their keys read as blank.
 */
function readingUnder(
  document: PipelineDocument,
  shadowed: readonly ShadowedPair[],
  copy: ShadowedPair,
): PipelineDocument {
  const under = shadowed.filter((p) => p.start <= copy.start && copy.start <= p.end);
  const others = under.flatMap((pair) => [
    ...shadowed.filter((p) => p.readAt === pair.readAt && p !== pair),
    { start: pair.readAt, end: pair.readEnd },
  ]);
  let text = document.text;
  for (const { start, end } of others) {
    text = `${text.slice(0, start)}${text.slice(start, end).replace(/[^\r\n]/g, " ")}${text.slice(end)}`;
  }
  return readText(text);
}

/**
 * Every name written in the text, in text order: also those under a key written again later in its mapping (a first
 * `jobs:`), each read as if its copy of the key were the one written ({@link readingAt}). fly refuses such a text as
 * a whole (`mapping key "jobs" already defined`, which the validator reports) and no copy has a better claim than
 * another: a name defined under any of them is defined, and is referred to under each.
 */
export function everyName(document: PipelineDocument): readonly NameSite[] {
  const shadowed = document.copies;
  if (shadowed.length === 0) return document.names;
  // the copies an offset is under: each reading gives the names of the offsets under the copies it was read for
  const under = (offset: number): string =>
    shadowed
      .filter((p) => p.start <= offset && offset <= p.end)
      .map((p) => p.start)
      .join();
  const found = document.names.filter((site) => under(site.start) === "");
  for (const copy of shadowed) {
    const copies = under(copy.start);
    found.push(...copy.reading.names.filter((site) => under(site.start) === copies));
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The definition of a name referred to in `reading`, the document as read at the reference ({@link readingAt}); else,
 * in a text with a key written more than once in a mapping, under any copy of it ({@link everyName}).
 */
export const definitionFor = (
  document: PipelineDocument,
  reading: PipelineDocument,
  kind: NameKind,
  name: string,
): NameSite | undefined =>
  definitionOf(reading, kind, name) ??
  everyName(document).find((s) => s.role === "definition" && s.kind === kind && s.name === name);

/** The aliases of the document that stand for a scalar starting at one of `starts` (the alias nodes, in text order). */
export function aliasesTo(document: PipelineDocument, starts: ReadonlySet<number>): YamlNode[] {
  const { text, tree } = document;
  if (tree === undefined || tree.anchors.size === 0 || starts.size === 0) return [];
  const found: YamlNode[] = [];
  const visit = (node: YamlNode | undefined): void => {
    if (node?.kind === "alias") {
      const target = aliasedNode(tree, node, text);
      if (target?.kind === "scalar" && starts.has(target.start)) found.push(node);
    } else if (node?.kind === "mapping") {
      for (const pair of node.pairs) {
        visit(pair.key);
        visit(pair.value);
      }
    } else if (node?.kind === "sequence") {
      for (const item of node.items) visit(item);
    }
  };
  visit(tree.root);
  return found;
}

/** The node at a literal path of the parsed value, following aliases and merge keys as the value does. */
export function nodeAt(document: PipelineDocument, path: Path): YamlNode | undefined {
  const { text, tree } = document;
  return tree === undefined ? undefined : reachNode(tree, text, path)?.node;
}

/** The pair of `key` written in a mapping of a document (the last, if it is written twice), merge keys aside. */
export const pairOf = (map: YamlNode, key: string): YamlPair | undefined =>
  map.kind === "mapping" ? ownPair(map, key) : undefined;

/** The name written at `offset`, if any. */
export const nameAt = (document: PipelineDocument, offset: number): NameSite | undefined =>
  document.names.find((s) => s.start <= offset && offset <= s.end);

/** The definition of a name (the first, if it is defined twice). */
export const definitionOf = (document: PipelineDocument, kind: NameKind, name: string): NameSite | undefined =>
  document.names.find((s) => s.role === "definition" && s.kind === kind && s.name === name);

/** Every place a name is written (under every copy of a key written more than once too): definition, references. */
export const sitesOf = (document: PipelineDocument, kind: NameKind, name: string): NameSite[] =>
  everyName(document).filter((s) => s.kind === kind && s.name === name);

/**
 * The names of one kind defined in the pipeline, in order, once each; those defined only under a copy of a key
 * written again later in its mapping (a first `jobs:`) after them ({@link everyName}).
 */
export function namesOf(document: PipelineDocument, kind: NameKind): string[] {
  const names = new Set(definedNames(document.value, kind));
  for (const s of everyName(document)) if (s.role === "definition" && s.kind === kind) names.add(s.name);
  return [...names];
}

/**
 * The names of one kind defined in a parsed pipeline value (the editor's or the validator's), in order, once
 * each: the string `name` of each item of the kind's section.
 */
export function definedNames(pipeline: unknown, kind: NameKind): string[] {
  const list = isObject(pipeline) ? pipeline[SECTION_OF[kind]] : undefined;
  if (!Array.isArray(list)) return [];
  const names = new Set<string>();
  for (const item of list) if (isObject(item) && typeof item.name === "string") names.add(item.name);
  return [...names];
}

/** What is at an offset: the literal path of the innermost node, and whether the offset is on a key. */
export interface Place {
  readonly path: Path;
  readonly onKey: boolean;
}

/** The innermost node of the position tree at `offset`. */
export function placeAt(document: PipelineDocument, offset: number): Place {
  const path: (string | number)[] = [];
  let node = document.tree?.root;
  for (;;) {
    if (node?.kind === "mapping") {
      // the last one: a node may end where the next one starts
      const pair = node.pairs.findLast((p) => within(p, offset));
      if (pair === undefined || pair.key.kind !== "scalar") return { path, onKey: false };
      path.push(pair.name);
      if (offset <= pair.key.end) return { path, onKey: true };
      node = pair.value;
    } else if (node?.kind === "sequence") {
      const i = node.items.findLastIndex((item) => item.start <= offset && offset <= item.end);
      if (i === -1) return { path, onKey: false };
      path.push(i);
      node = node.items[i];
    } else {
      return { path, onKey: false };
    }
  }
}

/** Whether `offset` is between the start of a pair's key and the end of its value. */
function within(pair: YamlPair, offset: number): boolean {
  const value = pair.value;
  const end = value === undefined || value.kind === "empty" ? pair.key.end : Math.max(value.end, pair.key.end);
  return pair.key.start <= offset && offset <= end;
}

/** The value at a literal path of the parsed document. */
export const valueAt = (document: PipelineDocument, path: Path): unknown => valueIn(document.value, path);

/** The value at a literal path of a parsed value; `undefined` where the path leads nowhere. */
export function valueIn(root: unknown, path: Path): unknown {
  let value = root;
  for (const seg of path) {
    if (Array.isArray(value) && typeof seg === "number") value = value[seg];
    else if (isObject(value) && typeof seg === "string") value = value[seg];
    else return undefined;
  }
  return value;
}
