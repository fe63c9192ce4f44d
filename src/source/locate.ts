import type { Path, PathSegment } from "../model/common.ts";
import type { SourceLoc } from "./diagnostic.ts";

/**
 * Finds where a path is in the source text: the node at the path, else its closest existing ancestor.
 * With `"key"`, a path ending in a mapping key resolves to the key rather than its value.
 */
export type Locator = (path: Path, target?: "value" | "key") => SourceLoc | undefined;

/** A locator that never finds anything (pipelines built in TypeScript). */
export const noLocation: Locator = () => undefined;

/** Line starts of a text, built once; `at(offset)` is 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (starts === undefined) {
      starts = [0];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
  };
}

const withFile = (file: string | undefined, loc: SourceLoc): SourceLoc => (file === undefined ? loc : { file, ...loc });

/**
 * A locator over JSON text. It scans lazily: each container is scanned at most once in total, however many
 * paths are located, so locating every diagnostic of a large file stays linear in its size.
 */
export function jsonLocator(text: string, file?: string): Locator {
  const at = lineIndex(text);
  interface Scan {
    readonly children: Map<string | number, number>;
    readonly keys: Map<string, number>;
    resume: number;
    index: number;
    done: boolean;
  }
  const scans = new Map<number, Scan>();
  const ws = (i: number): number => {
    let j = i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) j++;
      else break;
    }
    return j;
  };
  const endOfString = (i: number): number => {
    // i is at the opening quote; returns the index after the closing quote
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) return text.length;
      let backslashes = 0;
      for (let k = q - 1; k > i && text.charCodeAt(k) === 0x5c; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      j = q + 1;
    }
  };
  const endOfValue = (i: number): number => {
    let j = i;
    let depth = 0;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 0x22) j = endOfString(j);
      else if (c === 0x7b || c === 0x5b) {
        depth++;
        j++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return j;
        depth--;
        j++;
        if (depth === 0) return j;
      } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) return j;
      else j++;
    }
    return j;
  };
  const child = (container: number, seg: string | number): number | undefined => {
    const open = text.charCodeAt(container);
    const isArray = open === 0x5b;
    if (!isArray && open !== 0x7b) return undefined;
    if (isArray !== (typeof seg === "number")) return undefined;
    let scan = scans.get(container);
    if (scan === undefined) {
      scan = { children: new Map(), keys: new Map(), resume: container + 1, index: 0, done: false };
      scans.set(container, scan);
    }
    while (!scan.children.has(seg) && !scan.done) {
      let j = ws(scan.resume);
      const c = text.charCodeAt(j);
      if (c === 0x5d || c === 0x7d || j >= text.length) {
        scan.done = true;
        break;
      }
      let key: string | number;
      if (isArray) key = scan.index++;
      else {
        if (c !== 0x22) {
          scan.done = true;
          break;
        }
        const end = endOfString(j);
        try {
          key = JSON.parse(text.slice(j, end)) as string;
        } catch {
          scan.done = true;
          break;
        }
        scan.keys.set(key, j);
        j = ws(end);
        if (text.charCodeAt(j) !== 0x3a) {
          scan.done = true;
          break;
        }
        j = ws(j + 1);
      }
      scan.children.set(key, j);
      j = ws(endOfValue(j));
      if (text.charCodeAt(j) === 0x2c) j++;
      scan.resume = j;
    }
    return scan.children.get(seg);
  };
  return (path, target = "value") => {
    let node = ws(0);
    if (node >= text.length) return undefined;
    let keyAt: number | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as PathSegment;
      const next = child(node, seg);
      if (next === undefined) break;
      if (target === "key" && i === path.length - 1 && typeof seg === "string") keyAt = scans.get(node)?.keys.get(seg);
      node = next;
    }
    if (keyAt !== undefined) {
      const start = at(keyAt);
      const end = at(endOfString(keyAt));
      return withFile(file, { line: start.line, col: start.col, endLine: end.line, endCol: end.col });
    }
    const start = at(node);
    const end = at(endOfValue(node));
    return withFile(file, { line: start.line, col: start.col, endLine: end.line, endCol: end.col });
  };
}
