import { plainScalarValue } from "./go-yaml-schema.ts";
import { KNOWN_MAPPING_MIN, type RecordedMapping } from "./known-mappings.ts";
import type { YamlNode, YamlPair } from "./yaml-tree.ts";

/**
 * A fast path for large flow collections (`list: [7, 7, 7, ...]`, `{ a: [1, 2], b: x }`) of plain or simply quoted
 * scalars, and for large block lists and mappings whose entries are such scalars or one-line flow collections
 * (`list:` then `- 7` a million times, `key-1: value-1` a million times: 2.9 s and 4.6 s in js-yaml). js-yaml spends about 0.4 µs per item on them (3.1 s for a 16 MB list of 8,000,000 numbers, 6 s with
 * hangar's listener and go-yaml's scalar rules), so each such collection is read here instead (0.8 s for the same
 * list, measured at load 4) and stands in js-yaml's input as a placeholder scalar; the decoded document then gets
 * the collection's value in the placeholder's place. The position tree (yaml-tree.ts) does the same with the
 * collections' extents only, and gives each one's nodes when a path goes into it.
 *
 * The reader takes only what it is sure to read as js-yaml with go-yaml's scalar rules does: plain scalars on one
 * line without `:` `#` or the characters that start other nodes, quoted scalars without escapes or line breaks,
 * `key: value` pairs with string keys that do not repeat, no anchors, aliases, tags, comments or merge keys, line
 * breaks only before lines indented deeper than the line the collection starts on. Anything else makes it give
 * up on that collection, which js-yaml then reads as usual; and a placeholder that does not come back as a whole
 * value of its own (it stood in a block scalar or a comment) makes the caller read the original text instead.
 */

/** Collections smaller than this are left to js-yaml (the fast path pays off on large ones only). */
export const FLOW_FAST_PATH_MIN = 64 * 1024;

/** The least room a placeholder needs (its marks, its name and a number). */
const ROOM = 32;

/** Flow nesting deeper than this is left to js-yaml (which refuses nesting past its own limit). */
const MAX_FLOW_DEPTH = 64;

/**
 * A collection read by the fast path: where it is in the text, its value, and how many nodes it holds. A flow
 * collection's region is its text; a block collection's starts right after its key's colon (`key:|`, so that the
 * placeholder takes its place on the key's line) and ends with its last entry's line.
 */
export interface FlowRegion {
  readonly kind: "flow" | "block";
  readonly start: number;
  readonly end: number;
  readonly value: unknown;
  readonly nodes: number;
  /** The mappings of at least {@link KNOWN_MAPPING_MIN} keys in the value, with what is known of them (known-mappings.ts). */
  readonly large: readonly RecordedMapping[];
}

/**
 * The large flow collections of a text that start a value (`key: [` or `- [` first on their line, after block
 * indentation), each read by the fast path (with its value, or only where it ends). Linear: each line is looked at
 * once, and a collection's text is read at most once.
 */
export function findFlowRegions(text: string, min = FLOW_FAST_PATH_MIN, withValues = true): FlowRegion[] {
  const regions: FlowRegion[] = [];
  const extents = blockExtents(text);
  let lineStart = 0;
  while (lineStart < text.length) {
    const eol = text.indexOf("\n", lineStart);
    const lineEnd = eol === -1 ? text.length : eol;
    // `key:` alone on its line, then a block list or mapping
    const colon = blockKeyColon(text, lineStart, lineEnd);
    if (colon !== -1) {
      // most blocks are small: whatever is indented under the key is measured first (no allocation), and a small
      // block is skipped whole (nothing in it can be large either)
      const enough = colon + Math.max(min, ROOM);
      const extent = extents.get(lineStart) ?? lineEnd;
      if (extent < enough) {
        lineStart = extent + 1;
        continue;
      }
      const block = readBlock(text, lineStart, colon, withValues ? "value" : "extent");
      if ("value" in block && block.end - colon >= Math.max(min, ROOM)) {
        const { end, value, nodes, large } = block;
        regions.push({ kind: "block", start: colon + 1, end, value, nodes, large });
        lineStart = block.end + 1;
        continue;
      }
    }
    // only lines long enough to hold a large collection, or that open one and continue on the next lines
    const open = valueOpening(text, lineStart, lineEnd);
    // a short line that closes what it opens (`plan: [{ get: r }]`) holds no large collection
    if (open !== -1 && (lineEnd - open >= min || !closesOnLine(text, lineEnd))) {
      const indent = indentation(text, lineStart);
      const read = readFlow(text, open, indent, withValues ? "value" : "extent");
      if ("value" in read && read.end - open >= Math.max(min, ROOM) && restOfLineIsEmpty(text, read.end)) {
        regions.push({
          kind: "flow",
          start: open,
          end: read.end,
          value: read.value,
          nodes: read.nodes,
          large: read.large,
        });
      }
      // what was read (taken or not) is not looked at again: the search stays linear
      const next = text.indexOf("\n", Math.max(lineEnd, "value" in read ? read.end : read.reached));
      lineStart = next === -1 ? text.length : next + 1;
      continue;
    }
    lineStart = lineEnd + 1;
  }
  return regions;
}

/**
 * The text with each region replaced by its placeholder, or undefined when the text holds the placeholder's mark.
 * Offsets after a region move (see {@link placeholderOffsets}).
 */
export function withPlaceholders(text: string, regions: readonly FlowRegion[]): string | undefined {
  if (text.includes(PLACEHOLDER_MARK)) return undefined;
  const parts: string[] = [];
  let at = 0;
  regions.forEach((r, i) => {
    parts.push(text.slice(at, r.start), replacement(r, i));
    at = r.end;
  });
  parts.push(text.slice(at));
  return parts.join("");
}

/** What stands for region `i`: its placeholder (after a space for a block collection: `key: placeholder`). */
const replacement = (r: FlowRegion, i: number): string => (r.kind === "block" ? ` ${placeholder(i)}` : placeholder(i));

/**
 * Offsets between the text {@link withPlaceholders} made and the original: where each placeholder starts in the
 * former, and the original offset of an offset into it.
 */
export function placeholderOffsets(regions: readonly FlowRegion[]): {
  readonly starts: readonly number[];
  back(offset: number): number;
} {
  let shift = 0;
  const starts: number[] = [];
  /** `shifts[i]`: how much shorter the text is after region i. */
  const shifts: number[] = [];
  regions.forEach((r, i) => {
    const text = replacement(r, i);
    starts.push(r.start - shift + text.length - placeholder(i).length);
    shift += r.end - r.start - text.length;
    shifts.push(shift);
  });
  return {
    starts,
    back(offset) {
      // the last placeholder starting before the offset (binary search: a text may hold hundreds of regions)
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] as number) < offset) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? offset : offset + (shifts[lo - 1] as number);
    },
  };
}

/** The character that marks a placeholder (a private-use character, so the text itself never holds one). */
const PLACEHOLDER_MARK = "\uF8FF";
export const PLACEHOLDER_MARK_CODE = 0xf8ff;

/** The plain scalar that stands for region `i` in js-yaml's input. */
export const placeholder = (i: number): string => `${PLACEHOLDER_MARK}hangar-flow-${i}${PLACEHOLDER_MARK}`;

/**
 * Puts each region's value where its placeholder was decoded; false when a placeholder is not found exactly once as a
 * whole value (then the text must be read without the fast path). Changes `root` in place (the reader's own copy)
 * and returns the new root.
 */
export function putBack(
  root: unknown,
  regions: readonly FlowRegion[],
): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  const byMarker = new Map(regions.map((r, i) => [placeholder(i), r.value] as const));
  let found = 0;
  const swap = (v: unknown): unknown => {
    if (typeof v !== "string" || !byMarker.has(v)) return v;
    found++;
    const value = byMarker.get(v);
    byMarker.delete(v);
    return value;
  };
  const out = swap(root);
  const stack: unknown[] = [out];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const before: unknown = v[i];
        const after = swap(before);
        if (after !== before) v[i] = after;
        else stack.push(before);
      }
    } else {
      const o = v as Record<string, unknown>;
      for (const key of Object.keys(o)) {
        const before = o[key];
        const after = swap(before);
        if (after !== before) o[key] = after;
        else stack.push(before);
      }
    }
  }
  return found === regions.length ? { ok: true, value: out } : { ok: false };
}

/**
 * A region's position node, for the position tree: its kind, start and end now, its items or pairs (and theirs) read
 * when a path first goes into them (a list of millions of items costs nothing until then).
 */
export function regionNode(text: string, region: FlowRegion): YamlNode {
  const lineStart = text.lastIndexOf("\n", region.start - 1) + 1;
  if (region.kind === "block") return lazyBlockNode(text, lineStart, region.start - 1, region.end);
  return lazyNode(text, region.start, region.end, indentation(text, lineStart));
}

/** Whether a position node is a region's (its children hold no repeated key: the fast path takes none). */
export const isRegionNode = (node: YamlNode): boolean => Object.hasOwn(node, REGION);

const REGION: unique symbol = Symbol("fast path region");

function lazyNode(text: string, start: number, end: number, indent: number): YamlNode {
  const kind = text.charCodeAt(start) === 0x5b ? "sequence" : "mapping";
  const node = { kind, start, end } as Record<string | symbol, unknown>;
  Object.defineProperty(node, REGION, { value: true });
  Object.defineProperty(node, kind === "sequence" ? "items" : "pairs", {
    enumerable: true,
    configurable: true,
    get() {
      const reader = new FlowReader(text, indent, "nodes");
      reader.pos = start;
      reader.collection(0);
      const children = reader.children;
      Object.defineProperty(node, kind === "sequence" ? "items" : "pairs", { value: children, enumerable: true });
      return children;
    },
  });
  return node as unknown as YamlNode;
}

// ---------------------------------------------------------------------------------------------------
// Finding collections

/** Where a flow collection starts the value of a block line (`key: [`, `- {`, `- key: [`), or -1. */
function valueOpening(text: string, lineStart: number, lineEnd: number): number {
  let i = lineStart;
  while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
  // `- ` entries, possibly several
  while (text.charCodeAt(i) === 0x2d && text.charCodeAt(i + 1) === 0x20) {
    i += 2;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
  }
  const c = text.charCodeAt(i);
  if (c === 0x5b || c === 0x7b) return i;
  // `key: ` with a plain key of simple characters
  const keyStart = i;
  while (i < lineEnd && isKeyChar(text.charCodeAt(i))) i++;
  if (i === keyStart || text.charCodeAt(i) !== 0x3a || text.charCodeAt(i + 1) !== 0x20) return -1;
  i += 2;
  while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
  const v = text.charCodeAt(i);
  return v === 0x5b || v === 0x7b ? i : -1;
}

const isKeyChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x5f ||
  c === 0x2d ||
  c === 0x2e;

function indentation(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 0x20) i++;
  return i - lineStart;
}

/** Nothing but spaces after `at` up to the line's end (a comment or more text is left to js-yaml). */
function restOfLineIsEmpty(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 0x20) i++;
  return i >= text.length || text.charCodeAt(i) === 0x0a;
}

// ---------------------------------------------------------------------------------------------------
// Block collections of scalars

/**
 * For each line that is `key:` alone (by where it starts), where the lines indented under it end: the end of the last
 * line deeper than the key, or a list entry at the key's own indentation, blank lines included. All in one pass, each
 * line looked at once (the keys whose blocks a line is in are a stack), where each key's block was measured again from
 * its line: 5,000 keys nested one under the other, each block measured as far as {@link FLOW_FAST_PATH_MIN}, took
 * seconds.
 */
function blockExtents(text: string): Map<number, number> {
  const extents = new Map<number, number>();
  const open: { readonly start: number; readonly indent: number }[] = [];
  let line = 0;
  while (line < text.length) {
    const eol = text.indexOf("\n", line);
    const next = eol === -1 ? text.length : eol;
    const indent = indentation(text, line);
    if (line + indent !== next) {
      const entry = text.charCodeAt(line + indent) === 0x2d && text.charCodeAt(line + indent + 1) === 0x20;
      // the blocks this line is not in end with the line before it
      for (let key = open.at(-1); key !== undefined && (indent < key.indent || (indent === key.indent && !entry)); ) {
        extents.set(key.start, line - 1);
        open.pop();
        key = open.at(-1);
      }
      if (blockKeyColon(text, line, next) !== -1) open.push({ start: line, indent });
    }
    line = next + 1;
  }
  const end = text.endsWith("\n") ? text.length - 1 : text.length;
  for (const key of open) extents.set(key.start, end);
  return extents;
}

/** Whether a line ends with `]` or `}` (trailing spaces aside). */
function closesOnLine(text: string, lineEnd: number): boolean {
  let i = lineEnd - 1;
  while (text.charCodeAt(i) === 0x20) i--;
  const c = text.charCodeAt(i);
  return c === 0x5d || c === 0x7d;
}

/** The offset of the colon of a line that is `key:` alone (a simple key, spaces after it), or -1. */
function blockKeyColon(text: string, lineStart: number, lineEnd: number): number {
  let i = lineStart;
  while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
  const keyStart = i;
  while (i < lineEnd && isKeyChar(text.charCodeAt(i))) i++;
  if (i === keyStart || text.charCodeAt(i) !== 0x3a) return -1;
  return restOfLineIsEmpty(text, i + 1) ? i : -1;
}

/**
 * Reads the block list or mapping under the `key:` line at `lineStart` (colon at `colon`): lines at one
 * indentation, each `- value` or `key: value` with a value that is a scalar or a one-line flow collection, then only
 * blank lines before a line indented no deeper than the key (or the end). Gives up on anything else (a comment, a
 * nested block, an anchor, a blank line inside, a repeated key), as {@link readFlow} does. `end` is the end of the
 * last entry's line; in `nodes` mode the entries' position nodes are left in `children`.
 */
function readBlock(
  text: string,
  lineStart: number,
  colon: number,
  mode: Mode,
): (Read & { readonly children: YamlNode[] | YamlPair[] }) | { readonly reached: number } {
  const keyIndent = indentation(text, lineStart);
  let line = text.indexOf("\n", colon) + 1;
  if (line === 0) return { reached: text.length };
  const indent = indentation(text, line);
  const first = line + indent;
  const isList = text.charCodeAt(first) === 0x2d && text.charCodeAt(first + 1) === 0x20;
  if (isList ? indent < keyIndent : indent <= keyIndent || !isKeyChar(text.charCodeAt(first))) return { reached: line };
  const reader = new FlowReader(text, indent, mode === "nodes" ? "extent" : mode);
  const items: unknown[] | undefined = mode === "value" && isList ? [] : undefined;
  // A block this large is most often a mapping of many keys, which V8 keeps as a hash table: built as one from the
  // start (no prototype while it is filled, so no key is looked up on Object.prototype), it was read ~20% faster
  // (1,000,000 keys: median 2.0 s against 2.5 s over 6 alternated cold runs at load 4, CPU time); it gets its
  // prototype back once read.
  const map: Record<string, unknown> = Object.create(null);
  const keys: string[] = [];
  const values: unknown[] = [];
  /** How many levels of collections the values hold (see known-mappings.ts). */
  let height = 0;
  const children: (YamlNode | YamlPair)[] = [];
  let end = line;
  try {
    for (;;) {
      if (indentation(text, line) !== indent) break;
      const at = line + indent;
      let keyEnd = at;
      if (isList) {
        if (text.charCodeAt(at) !== 0x2d || text.charCodeAt(at + 1) !== 0x20) break;
        reader.pos = at + 2;
      } else {
        while (isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
        if (keyEnd === at || text.charCodeAt(keyEnd) !== 0x3a || text.charCodeAt(keyEnd + 1) !== 0x20) break;
        reader.pos = keyEnd + 2;
      }
      while (text.charCodeAt(reader.pos) === 0x20) reader.pos++;
      const valueStart = reader.pos;
      const c = text.charCodeAt(valueStart);
      if (c === 0x0a || Number.isNaN(c)) throw GIVE_UP; // an empty value, or a nested block
      const value = c === 0x5b || c === 0x7b ? reader.collection(0) : reader.entryScalar();
      if (reader.height > height) height = reader.height;
      const eol = text.indexOf("\n", valueStart);
      if ((eol !== -1 && eol < reader.pos) || !restOfLineIsEmpty(text, reader.pos)) throw GIVE_UP;
      const node: YamlNode =
        c === 0x5b || c === 0x7b
          ? lazyNode(text, valueStart, reader.pos, indent)
          : { kind: "scalar", start: valueStart, end: reader.pos };
      if (isList) {
        items?.push(value);
        if (mode === "nodes") children.push(node);
      } else {
        const key = text.slice(at, keyEnd);
        if (typeof plainScalarValue(key) !== "string" || key === "__proto__" || key in map) {
          throw GIVE_UP;
        }
        map[key] = value;
        if (mode === "value") {
          keys.push(key);
          values.push(value);
        }
        reader.nodes++;
        if (mode === "nodes") {
          const keyNode: YamlNode = { kind: "scalar", start: at, end: keyEnd };
          // a key of letters, digits, `_`, `-` and `.`: no merge key
          children.push({ key: keyNode, merge: false, name: key, identity: `scalar:${key}`, value: node });
        }
      }
      end = reader.pos;
      const next = text.indexOf("\n", reader.pos);
      if (next === -1) {
        line = text.length;
        break;
      }
      line = next + 1;
    }
    // only blank lines, then a line no deeper than the key (a deeper one, or a list entry at the key's own
    // indentation, would belong to the collection)
    let after = line;
    while (after < text.length && restOfLineIsEmpty(text, after)) {
      const next = text.indexOf("\n", after);
      after = next === -1 ? text.length : next + 1;
    }
    if (after < text.length) {
      const deeper = indentation(text, after);
      const entry = text.charCodeAt(after + deeper) === 0x2d && text.charCodeAt(after + deeper + 1) === 0x20;
      if (deeper > keyIndent || (isList && deeper === keyIndent && entry)) throw GIVE_UP;
    }
  } catch (error) {
    if (error === GIVE_UP) return { reached: line };
    throw error;
  }
  if (!isList && mode === "value") Object.setPrototypeOf(map, Object.prototype);
  const value = isList ? items : mode === "value" ? map : undefined;
  const large: RecordedMapping[] =
    keys.length >= KNOWN_MAPPING_MIN ? [[map, { keys, values, height }], ...reader.large] : reader.large;
  return { value, end, nodes: reader.nodes, large, children: children as YamlNode[] | YamlPair[] };
}

/** A block region's position node, its entries read when a path first goes into it (see {@link lazyNode}). */
function lazyBlockNode(text: string, lineStart: number, colon: number, end: number): YamlNode {
  const first = text.indexOf("\n", colon) + 1;
  const start = first + indentation(text, first);
  const isList = text.charCodeAt(start) === 0x2d && text.charCodeAt(start + 1) === 0x20;
  const kind = isList ? "sequence" : "mapping";
  const node = { kind, start, end } as Record<string | symbol, unknown>;
  Object.defineProperty(node, REGION, { value: true });
  const field = isList ? "items" : "pairs";
  Object.defineProperty(node, field, {
    enumerable: true,
    configurable: true,
    get() {
      const read = readBlock(text, lineStart, colon, "nodes");
      const children = "children" in read ? read.children : [];
      Object.defineProperty(node, field, { value: children, enumerable: true });
      return children;
    },
  });
  return node as unknown as YamlNode;
}

// ---------------------------------------------------------------------------------------------------
// The reader

interface Read {
  readonly value: unknown;
  readonly end: number;
  readonly nodes: number;
  readonly large: readonly RecordedMapping[];
}

/**
 * What the reader makes: the collection's value (`value`), nothing but its extent and validity (`extent`), or the
 * position nodes of its direct children, nested collections as lazy nodes (`nodes`). All three give up on exactly
 * the same input.
 */
type Mode = "value" | "extent" | "nodes";

/**
 * Reads the flow collection at `start`; when it holds anything the fast path does not take, how far it got
 * (`reached`).
 */
function readFlow(text: string, start: number, indent: number, mode: Mode): Read | { readonly reached: number } {
  const reader = new FlowReader(text, indent, mode);
  try {
    reader.pos = start;
    const value = reader.collection(0);
    return { value, end: reader.pos, nodes: reader.nodes, large: reader.large };
  } catch (error) {
    if (error === GIVE_UP) return { reached: reader.pos };
    throw error;
  }
}

/** Thrown (and caught in {@link readFlow}) when the collection holds something the fast path leaves to js-yaml. */
const GIVE_UP: unique symbol = Symbol("give up");

/**
 * A cursor over the text (`pos`): each method reads one node from `pos`, leaves `pos` past it and returns its
 * value. No object is made per scalar in `value` mode but the value (the collections this reads hold millions).
 */
class FlowReader {
  pos = 0;
  nodes = 0;
  /** In `value` mode, the mappings read of at least {@link KNOWN_MAPPING_MIN} keys, with what is known of them. */
  readonly large: RecordedMapping[] = [];
  /** The height of the node just read: 0 for a scalar, one more than its highest child's for a collection. */
  height = 0;
  /** In `nodes` mode, the position nodes of the outermost collection's direct children. */
  children: YamlNode[] | YamlPair[] = [];
  /** For a scalar just read: its text as written, and whether it was quoted (go-yaml compares keys by these). */
  private raw = "";
  private quoted = false;

  constructor(
    private readonly text: string,
    /** The indentation of the line the collection starts on: later lines must be indented deeper. */
    private readonly indent: number,
    private readonly mode: Mode,
  ) {}

  collection(depth: number): unknown {
    if (depth > MAX_FLOW_DEPTH) throw GIVE_UP;
    this.nodes++;
    return this.text.charCodeAt(this.pos) === 0x5b ? this.sequence(depth) : this.mapping(depth);
  }

  private sequence(depth: number): unknown[] | undefined {
    const text = this.text;
    const items: unknown[] | undefined = this.mode === "value" ? [] : undefined;
    const nodes: YamlNode[] | undefined = this.mode === "nodes" && depth === 0 ? [] : undefined;
    let inner = 0;
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x5d) {
      for (;;) {
        const start = this.pos;
        const item = this.node(depth);
        if (this.height > inner) inner = this.height;
        items?.push(item);
        nodes?.push(this.childNode(start));
        if (this.endOfEntry(0x5d)) break;
      }
    }
    this.pos++;
    if (nodes !== undefined) this.children = nodes;
    this.height = inner + 1;
    return items;
  }

  /**
   * After an entry of a flow collection closed by `close` (`]` or `}`): true at the closing bracket, else past the
   * comma and the space after it. An empty entry or a trailing comma is js-yaml's business: the reader gives up.
   */
  private endOfEntry(close: number): boolean {
    this.space();
    const c = this.text.charCodeAt(this.pos);
    if (c === close) return true;
    if (c !== 0x2c) throw GIVE_UP;
    this.pos++;
    this.space();
    const next = this.text.charCodeAt(this.pos);
    if (next === 0x2c || next === close) throw GIVE_UP;
    return false;
  }

  private mapping(depth: number): Record<string, unknown> {
    const text = this.text;
    // keys are read in every mode: a repeated one makes the reader give up
    const value: Record<string, unknown> = {};
    const keys: string[] | undefined = this.mode === "value" ? [] : undefined;
    const values: unknown[] | undefined = keys === undefined ? undefined : [];
    const pairs: YamlPair[] | undefined = this.mode === "nodes" && depth === 0 ? [] : undefined;
    let inner = 0;
    let count = 0;
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        const keyStart = this.pos;
        const key = this.scalar(true);
        if (typeof key !== "string" || key === "__proto__" || Object.hasOwn(value, key)) throw GIVE_UP;
        const keyEnd = this.pos;
        // only position nodes need it: made for every key, it cost reading a flow mapping of 1,000,000 keys ~9%
        // (1.78 s against 1.96 s of CPU, medians of 5 alternated runs at load 4)
        const identity = pairs === undefined ? "" : `scalar:${this.quoted ? key : this.raw}`;
        // `key: value`, the colon right after the key and a space after it
        if (text.charCodeAt(this.pos) !== 0x3a || text.charCodeAt(this.pos + 1) !== 0x20) throw GIVE_UP;
        this.pos++;
        this.space();
        const valueStart = this.pos;
        const entry = this.node(depth);
        // a large mapping is filled without a prototype, as a block one is (see readBlock), and gets it back once read:
        // a flow mapping of 1,000,000 keys was parsed and validated in 1.8 s of CPU against 2.1 s (4 alternated runs,
        // load 5)
        if (++count === KNOWN_MAPPING_MIN) Object.setPrototypeOf(value, null);
        value[key] = entry;
        if (this.height > inner) inner = this.height;
        if (keys !== undefined && values !== undefined) {
          keys.push(key);
          values.push(entry);
        }
        if (pairs !== undefined) {
          const keyNode: YamlNode = { kind: "scalar", start: keyStart, end: keyEnd };
          // the reader gives up on a merge key (`scalar`)
          pairs.push({ key: keyNode, merge: false, name: key, identity, value: this.childNode(valueStart) });
        }
        if (this.endOfEntry(0x7d)) break;
      }
    }
    this.pos++;
    if (pairs !== undefined) this.children = pairs;
    if (count >= KNOWN_MAPPING_MIN) Object.setPrototypeOf(value, Object.prototype);
    if (keys !== undefined && values !== undefined && keys.length >= KNOWN_MAPPING_MIN) {
      this.large.push([value, { keys, values, height: inner }]);
    }
    this.height = inner + 1;
    return value;
  }

  /** The position node of a child just read from `start` to `pos`: a scalar, or a lazy collection. */
  private childNode(start: number): YamlNode {
    const c = this.text.charCodeAt(start);
    if (c === 0x5b || c === 0x7b) return lazyNode(this.text, start, this.pos, this.indent);
    return { kind: "scalar", start, end: this.pos };
  }

  private node(depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x5b || c === 0x7b) return this.collection(depth + 1);
    return this.scalar(false);
  }

  /** A block entry's value that is a scalar (the caller checks that it ends its line). */
  entryScalar(): unknown {
    return this.scalar(false);
  }

  /** A scalar: double- or single-quoted without escapes or line breaks, or plain on one line. */
  private scalar(isKey: boolean): unknown {
    this.nodes++;
    this.height = 0;
    const text = this.text;
    const at = this.pos;
    const c = text.charCodeAt(at);
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(c === 0x22 ? '"' : "'", at + 1);
      if (close === -1) throw GIVE_UP;
      const body = text.slice(at + 1, close);
      if (body.includes("\n") || (c === 0x22 && body.includes("\\")) || text.charCodeAt(close + 1) === c) {
        throw GIVE_UP;
      }
      this.pos = close + 1;
      this.quoted = true;
      return body;
    }
    if (!isPlainStart(c, text.charCodeAt(at + 1))) throw GIVE_UP;
    let i = at + 1;
    let end = i;
    let digits = c >= 0x31 && c <= 0x39;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x2c || d === 0x5d || d === 0x7d || d === 0x0a || d === 0x0d) break;
      if (d === 0x3a) {
        if (isKey) break;
        throw GIVE_UP;
      }
      if (d === 0x20) {
        digits = false;
        continue;
      }
      if (!isPlainChar(d) || (d === 0x23 && text.charCodeAt(i - 1) === 0x20)) throw GIVE_UP;
      if (d < 0x30 || d > 0x39) digits = false;
      end = i + 1;
    }
    this.pos = end;
    this.quoted = false;
    // a decimal integer without a leading zero (the most common scalar of a long list) needs no rules
    if (digits && end - at <= 15) return this.mode === "value" || isKey ? Number(text.slice(at, end)) : undefined;
    if (end - at === 2 && c === 0x3c && text.charCodeAt(at + 1) === 0x3c) throw GIVE_UP; // the merge key `<<`
    if (this.mode !== "value" && !isKey) return undefined;
    const raw = text.slice(at, end);
    this.raw = raw;
    const value = plainScalarValue(raw);
    // a float JSON cannot hold (`.inf`, `.nan`) is left to js-yaml, whose listener notes it (see yaml-to-json.ts)
    if (typeof value === "number" && !Number.isFinite(value)) throw GIVE_UP;
    return value;
  }

  /** Skips spaces and line breaks; a line break must be followed by a line indented deeper than {@link indent}. */
  private space(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20) i++;
      else if (c === 0x0a) {
        i++;
        let col = 0;
        while (text.charCodeAt(i) === 0x20) {
          i++;
          col++;
        }
        const next = text.charCodeAt(i);
        if (next !== 0x0a && col <= this.indent) throw GIVE_UP;
      } else if (c === 0x09 || c === 0x0d || c === 0x23) throw GIVE_UP;
      else break;
    }
    this.pos = i;
  }
}

/** Characters a plain scalar may start with here (no indicator, `-` only before a character that is not a space). */
function isPlainStart(c: number, next: number): boolean {
  // `-` starts a plain scalar only before a character a plain scalar takes (`- -` is a nested list entry)
  if (c === 0x2d)
    return isPlainChar(next) && next !== 0x2c && next !== 0x5b && next !== 0x5d && next !== 0x7b && next !== 0x7d;
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2f ||
    c === 0x2b ||
    c === 0x7e ||
    c === 0x24 ||
    c === 0x28 ||
    c === 0x3d ||
    isWideChar(c)
  );
}

/** Characters beyond ASCII taken in a plain scalar: printable, not a line separator, BOM or the placeholder mark. */
const isWideChar = (c: number): boolean => c >= 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029 && c !== 0xf8ff;

/** Characters taken inside a plain scalar (others, such as quotes, `&`, `*`, `!`, are left to js-yaml). */
function isPlainChar(c: number): boolean {
  return (c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x27 && c !== 0x60 && c !== 0x5c) || isWideChar(c);
}
