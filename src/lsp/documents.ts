import { isObject, type Path } from "../model/common.ts";
import { stepKindOrUndefined } from "../model/step.ts";
import { type ParsedText, parsePipelineText } from "../parse/parse-pipeline.ts";
import { readYaml, type YamlProblem, type YamlRead } from "../parse/read-yaml.ts";
import {
  aliasedNode,
  ownPair,
  reachNode,
  readYamlTree,
  type YamlNode,
  type YamlPair,
  type YamlTree,
} from "../parse/yaml-tree.ts";
import { walkPipelineSteps } from "../walk/walk-steps.ts";

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

/** A pipeline text read for the editor: where its nodes are, its value, and where its names are. */
export interface PipelineDocument {
  readonly text: string;
  /** The position tree of the text (offsets into `text`); undefined when no part of it could be read. */
  readonly tree: YamlTree | undefined;
  /** The parsed value (`undefined` when the text is not a mapping). */
  readonly value: Record<string, unknown> | undefined;
  /** Every definition and reference of a name, in text order. */
  readonly names: readonly NameSite[];
  /**
   * The parts of the text read as blank (offsets, start inclusive, end exclusive) because they broke its reading
   * ({@link readMended}): the names written there are not among `names`. Empty when the text was read whole.
   */
  readonly blanked: readonly { readonly start: number; readonly end: number }[];
}

/** A `passed` or group entry that is a glob matches several jobs: it is not a reference to one. */
const isGlob = (name: string): boolean => /[*?[\]{}]/.test(name);

const BOM = "\uFEFF";

/**
 * Reads a pipeline text for the editor, from `read`, the parse the validator reads too (made here when not
 * given): its value, and its position tree (read now, if its locator has not yet). A text that parse cannot
 * give both for is read again the editor's way ({@link readMended}). Never throws: a broken text has fewer names.
 */
export function readDocument(text: string, read: ParsedText = parsePipelineText(text)): PipelineDocument {
  const parsed = read.parsed.pipeline;
  const shared = isObject(parsed) ? parsed : undefined;
  const sharedTree = shared === undefined ? undefined : read.yamlTree();
  const own = sharedTree === undefined ? readMended(text) : undefined;
  const tree = sharedTree ?? own?.tree;
  // parse reads an empty text as an empty pipeline: the editor, as no mapping
  const value = tree?.root.kind !== "mapping" ? undefined : (shared ?? (isObject(own?.value) ? own.value : undefined));
  const names = value === undefined || tree === undefined ? [] : findNames({ text, tree }, value);
  return { text, tree, value, names, blanked: own?.blanked ?? [] };
}

/** Syntax errors mended before a text is given up on (each one costs a reading of the whole text). */
const MAX_MENDS = 4;

/**
 * The characters the mending of one text may read, its readings in both ways together: a large text is mended fewer
 * times (a 5 MB text being typed, read ten times, held the server about 9 s after each change; now at most four).
 */
const MEND_BUDGET = 20_000_000;

/** How many times a text of `length` characters is mended (and read again) before it is given up on. */
export const mendsFor = (length: number): number =>
  Math.max(0, Math.min(MAX_MENDS, Math.floor(MEND_BUDGET / (2 * Math.max(length, 1))) - 1));

/**
 * The problems whose line is blanked and the text read again: a syntax error, and a key fly cannot convert to JSON
 * (a null, uint64 or complex key, which js-yaml reads), so that one such key does not take every name of the text
 * away.
 */
const MENDABLE: ReadonlySet<YamlProblem["kind"]> = new Set(["syntax", "null-key", "uint64-key", "complex-key"]);

/** A text read the editor's way: its tree and value, and the parts of it read as blank. */
interface Mended {
  readonly tree: YamlTree;
  readonly value: unknown;
  readonly blanked: PipelineDocument["blanked"];
}

/**
 * The editor's own reading of a text (a text being typed is often not YAML yet): a key repeated in a mapping is
 * read (the last one wins) rather than refused, the line of a syntax error is blanked (its key kept: `passed: [`
 * reads as `passed:`) and the text read again, up to {@link MAX_MENDS} times; a byte order mark reads as a line
 * break, so that offsets are those of the text. When that is not enough (an error found on the lines after the
 * one that broke the structure: `- name src` with its `type:` below it, a key at the wrong indentation), the text
 * is read again with each broken line blanked whole, with the lines indented under it. The value is as read (not
 * converted by the shape check).
 */
function readMended(text: string): Mended | undefined {
  const start = text.startsWith(BOM) ? `\n${text.slice(1)}` : text;
  // read once: both ways of mending start from this reading's error
  const first = readYaml(start, { repeatsAllowed: true });
  if (first.ok) return mendedRead(start, first, []);
  return readWith(start, first, mendLine) ?? readWith(start, first, mendBlock);
}

/** A text the editor's way read, with its tree; undefined when its positions cannot be read. */
function mendedRead(text: string, read: YamlRead & { ok: true }, blanked: Mended["blanked"]): Mended | undefined {
  const end = read.firstDocumentEnd;
  try {
    return { tree: readYamlTree(end === undefined ? text : text.slice(0, end)), value: read.value, blanked };
  } catch {
    return undefined;
  }
}

/**
 * Reads a text that `first` could not read, mending it with `mend` at each syntax error, up to {@link mendsFor} its
 * length times.
 */
function readWith(
  text: string,
  first: YamlRead,
  mend: (text: string, offset: number) => string | undefined,
): Mended | undefined {
  let candidate = text;
  let read = first;
  const blanked: { start: number; end: number }[] = [];
  const most = mendsFor(text.length);
  for (let mends = 0; !read.ok; mends++) {
    const mendable = read.problems.find((p) => MENDABLE.has(p.kind));
    const mended = mends === most || mendable === undefined ? undefined : mend(candidate, culprit(candidate, mendable));
    if (mended === undefined) return undefined;
    blanked.push(changed(candidate, mended));
    candidate = mended;
    read = readYaml(candidate, { repeatsAllowed: true });
  }
  return mendedRead(candidate, read, blanked);
}

/**
 * Where the node a syntax error is in starts, when the error is found past the line that broke it: an unclosed
 * `[` or `{` (the error comes where a flow collection's entries stop making sense, or at the end), an unclosed
 * quote (the error is at the end), or a key read over several lines (the line before the error's). Else the
 * error's own offset.
 */
function culprit(text: string, problem: YamlProblem): number {
  const { message, offset } = problem;
  if (message.includes("double quoted scalar")) return Math.max(text.lastIndexOf('"', offset - 1), 0);
  if (message.includes("single quoted scalar")) return Math.max(text.lastIndexOf("'", offset - 1), 0);
  // a key read over several lines, which started on a line before the error's, less indented (a value broken by a
  // line break, its end at the start of the next line)
  if (message.includes("multiline key")) return multilineKeyStart(text, offset);
  if (!message.includes("flow collection")) return offset;
  // the last `[` or `{` before the error that no `]` or `}` after it closes
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x5d || c === 0x7d) depth++;
    else if (c === 0x5b || c === 0x7b) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return offset;
}

/** Where a key read over several lines starts: the line before the error's when it is less indented, else the error. */
function multilineKeyStart(text: string, offset: number): number {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let before = start - 1;
  while (before > 0) {
    const lineStart = text.lastIndexOf("\n", before - 1) + 1;
    const line = lineFrom(text, lineStart);
    if (!isBlankLine(line)) return indentOf(line) < indentOf(lineFrom(text, start)) ? lineStart : offset;
    before = lineStart - 1;
  }
  return offset;
}

/**
 * The text with the line of a syntax error at `offset` blanked (with spaces, so that every offset stays): after
 * its key's colon when the line has a key and something after it, else the whole line. An error on a blank or
 * comment line (the end of the text, an unclosed `[`) is the last line written before it. Undefined when no line
 * is left to blank.
 */
export function mendLine(text: string, offset: number): string | undefined {
  let start = text.lastIndexOf("\n", offset - 1) + 1;
  for (;;) {
    const line = lineFrom(text, start);
    const content = line.trimStart();
    if (content !== "" && !content.startsWith("#")) break;
    if (start === 0) return undefined;
    // the line before: from after the line break before it (if any) to the line break that ends it
    start = start === 1 ? 0 : text.lastIndexOf("\n", start - 2) + 1;
  }
  const line = lineFrom(text, start);
  const key = /^\s*(?:-\s+)*[^\s#:][^:]*?:(?=\s)/.exec(line);
  const from = key !== null && line.slice(key[0].length).trim() !== "" ? key[0].length : 0;
  return text.slice(0, start + from) + " ".repeat(line.length - from) + text.slice(start + line.length);
}

/** Where two texts of one length differ: from the first to the last character that differs. */
function changed(before: string, after: string): { start: number; end: number } {
  let start = 0;
  while (start < before.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = before.length;
  while (end > start && before.charCodeAt(end - 1) === after.charCodeAt(end - 1)) end--;
  return { start, end };
}

/**
 * The text with the line at `offset` blanked whole (with spaces, offsets kept), and the lines after it that are
 * blank, comments or more indented than it (what is written under it); an error on a blank or comment line is the
 * last line written before it. Undefined when no line is left to blank.
 */
export function mendBlock(text: string, offset: number): string | undefined {
  let start = text.lastIndexOf("\n", offset - 1) + 1;
  while (isBlankLine(lineFrom(text, start))) {
    if (start === 0) return undefined;
    start = start === 1 ? 0 : text.lastIndexOf("\n", start - 2) + 1;
  }
  const indent = indentOf(lineFrom(text, start));
  let end = start + lineFrom(text, start).length;
  for (
    let next = text.indexOf("\n", start) + 1;
    next !== 0 && next < text.length;
    next = text.indexOf("\n", next) + 1
  ) {
    const line = lineFrom(text, next);
    if (!isBlankLine(line) && indentOf(line) <= indent) break;
    end = next + line.length;
  }
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, " ") + text.slice(end);
}

const isBlankLine = (line: string): boolean => {
  const content = line.trimStart();
  return content === "" || content.startsWith("#");
};

/** The indentation of a line: its leading spaces and tabs. */
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The line starting at `start`, without its line break. */
function lineFrom(text: string, start: number): string {
  const eol = text.indexOf("\n", start);
  return text.slice(start, eol === -1 ? text.length : eol).replace(/\r$/, "");
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

/** The pair of `key` written in a mapping of the document (the last, if it is written twice), merge keys aside. */
export const pairOf = (document: PipelineDocument, map: YamlNode, key: string): YamlPair | undefined =>
  map.kind === "mapping" ? ownPair(document.text, map, key) : undefined;

/** The name written at `offset`, if any. */
export const nameAt = (document: PipelineDocument, offset: number): NameSite | undefined =>
  document.names.find((s) => s.start <= offset && offset <= s.end);

/** The definition of a name (the first, if it is defined twice). */
export const definitionOf = (document: PipelineDocument, kind: NameKind, name: string): NameSite | undefined =>
  document.names.find((s) => s.role === "definition" && s.kind === kind && s.name === name);

/** Every place a name is written: its definition and its references. */
export const sitesOf = (document: PipelineDocument, kind: NameKind, name: string): NameSite[] =>
  document.names.filter((s) => s.kind === kind && s.name === name);

/** The names of one kind defined in the pipeline, in order, once each. */
export const namesOf = (document: PipelineDocument, kind: NameKind): string[] => definedNames(document.value, kind);

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
