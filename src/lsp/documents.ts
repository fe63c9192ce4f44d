import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from "yaml";
import { isObject, type Path } from "../model/common.ts";
import { stepKindOrUndefined } from "../model/step.ts";
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

/** A pipeline text read for the editor: its YAML syntax tree, its value, and where its names are. */
export interface PipelineDocument {
  readonly text: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  /** The parsed value (`undefined` when the text is not a mapping). */
  readonly value: Record<string, unknown> | undefined;
  /** Every definition and reference of a name, in text order. */
  readonly names: readonly NameSite[];
}

/** A `passed` or group entry that is a glob matches several jobs: it is not a reference to one. */
const isGlob = (name: string): boolean => /[*?[\]{}]/.test(name);

/** Reads a pipeline text as YAML 1.1 (as Concourse does). Never throws: a broken text has fewer names. */
export function readDocument(text: string): PipelineDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: "1.1", lineCounter: lines, uniqueKeys: false, logLevel: "silent" });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch {
    value = undefined;
  }
  const record = isObject(value) ? value : undefined;
  return { text, doc, lines, value: record, names: record === undefined ? [] : findNames(doc, record) };
}

function findNames(doc: Document, pipeline: Record<string, unknown>): NameSite[] {
  const sites: NameSite[] = [];
  const add = (kind: NameKind, role: NameSite["role"], path: Path, itemPath?: Path) => {
    const reached = reach(doc, path);
    const node = reached?.node;
    if (!isScalar(node) || typeof node.value !== "string" || !isNodeWithRange(node)) return;
    if (role === "reference" && isGlob(node.value)) return;
    const written = reached?.via ?? node;
    if (!isNodeWithRange(written)) return;
    const item = itemPath === undefined ? undefined : reach(doc, itemPath);
    const itemNode = item?.via ?? item?.node;
    const itemRange = isNodeWithRange(itemNode) ? { start: itemNode.range[0], end: itemNode.range[1] } : undefined;
    sites.push({
      kind,
      name: node.value,
      role,
      path,
      start: written.range[0],
      end: written.range[1],
      ...(written === node ? {} : { anchored: { start: node.range[0], end: node.range[1] } }),
      ...(itemRange === undefined ? {} : { item: itemRange }),
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

/** A node of the syntax tree, and the first alias on the way to it (where it is written in place, if not itself). */
interface Reached {
  readonly node: unknown;
  readonly via: Node | undefined;
}

/**
 * The node a literal path of the parsed value leads to in the syntax tree, following aliases and merge keys
 * as the value does.
 */
function reach(doc: Document, path: Path): Reached | undefined {
  let at = resolved(doc, { node: doc.contents, via: undefined });
  for (const seg of path) {
    const { node } = at;
    if (isSeq(node) && typeof seg === "number") at = resolved(doc, { node: node.items[seg], via: at.via });
    else if (isMap(node) && typeof seg === "string") {
      const found = entry(doc, node, seg, 0);
      if (found === undefined) return undefined;
      at = resolved(doc, { node: found.node, via: at.via ?? found.via });
    } else return undefined;
  }
  return at;
}

/** An alias replaced by the node it stands for (the alias is kept as `via`, if there was none before). */
const resolved = (doc: Document, at: Reached): Reached =>
  isAlias(at.node) ? { node: at.node.resolve(doc), via: at.via ?? at.node } : at;

/** Merge keys nested deeper than this are not followed. */
const MAX_MERGE_DEPTH = 64;

/**
 * The value of `key` in a mapping, as YAML 1.1 reads it: the key written in the mapping (the last, if it is
 * written twice), else the first of its merge sources (`<<: *a`, `<<: [*a, *b]`) that has it; `via` is the
 * merge source's alias it came through.
 */
function entry(doc: Document, map: YAMLMap, key: string, depth: number): Reached | undefined {
  const own = map.items.findLast((p) => isScalar(p.key) && !isMergeKey(p.key) && String(p.key.value) === key);
  if (own !== undefined) return { node: own.value, via: undefined };
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const value = resolved(doc, { node: pair.value, via: undefined });
    const sources: Reached[] = isSeq(value.node)
      ? value.node.items.map((item) => resolved(doc, { node: item, via: value.via }))
      : [value];
    for (const source of sources) {
      if (!isMap(source.node)) continue;
      const found = entry(doc, source.node, key, depth + 1);
      if (found !== undefined) return { node: found.node, via: source.via ?? found.via };
    }
  }
  return undefined;
}

/** A `<<` key (plain, not quoted): YAML 1.1's merge key. */
const isMergeKey = (key: unknown): boolean =>
  isScalar(key) && typeof key.value === "symbol" && key.value.description === "<<";

const isNodeWithRange = (n: unknown): n is Node & { range: [number, number, number] } =>
  typeof n === "object" && n !== null && "range" in n && Array.isArray((n as { range?: unknown }).range);

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

/** The innermost node of the syntax tree at `offset`. */
export function placeAt(document: PipelineDocument, offset: number): Place {
  const path: (string | number)[] = [];
  let node: unknown = document.doc.contents;
  for (;;) {
    if (isMap(node)) {
      // the last one: a block node's range may end where the next one starts
      const pair = node.items.findLast((p) => isPair(p) && within(p.key, offset, p.value));
      if (pair === undefined || !isScalar(pair.key)) return { path, onKey: false };
      path.push(String(pair.key.value));
      if (isNodeWithRange(pair.key) && offset <= pair.key.range[1]) return { path, onKey: true };
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findLastIndex(
        (item) => isNodeWithRange(item) && item.range[0] <= offset && offset <= item.range[1],
      );
      if (i === -1) return { path, onKey: false };
      path.push(i);
      node = node.items[i];
    } else {
      return { path, onKey: false };
    }
  }
}

/** Whether `offset` is between the start of a pair's key and the end of its value. */
function within(key: unknown, offset: number, value: unknown): boolean {
  if (!isNodeWithRange(key)) return false;
  const end = isNodeWithRange(value) ? value.range[1] : key.range[1];
  return key.range[0] <= offset && offset <= end;
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
