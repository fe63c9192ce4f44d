/**
 * The invariants every layout keeps, as a function the tests (and the browser test, on the DOM's
 * boxes) share: returns each broken one as a sentence, or nothing.
 */
import type { GraphLayout, LayoutNode } from "../../src/graph/layout.ts";

/** A node's box, as the layout or the DOM gives it. */
export interface Box {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly column: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Boxes that overlap, as `a/b` pairs of names. Nodes are compared within and across neighbouring columns. */
export function overlappingBoxes(boxes: readonly Box[]): string[] {
  const byColumn = new Map<number, Box[]>();
  for (const b of boxes) byColumn.set(b.column, [...(byColumn.get(b.column) ?? []), b]);
  const found: string[] = [];
  for (const [column, here] of byColumn) {
    const near = [...here, ...(byColumn.get(column + 1) ?? [])];
    here.forEach((a, i) => {
      for (const b of near.slice(i + 1)) if (overlap(a, b)) found.push(`${a.name}/${b.name}`);
    });
  }
  return found;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * The straight pieces of an SVG path made of absolute M, L, H, V and C commands (as the layout writes
 * them), each cubic curve cut into 32 pieces.
 */
export function pathPieces(d: string): [Point, Point][] {
  const tokens = d.match(/[MLHVC]|-?[\d.]+(?:e-?\d+)?/g) ?? [];
  const pieces: [Point, Point][] = [];
  let at: Point = { x: 0, y: 0 };
  let command = "";
  const next = () => Number(tokens.shift());
  const lineTo = (to: Point) => {
    pieces.push([at, to]);
    at = to;
  };
  while (tokens.length > 0) {
    if (/^[MLHVC]$/.test(tokens[0] as string)) command = tokens.shift() as string;
    if (command === "M") at = { x: next(), y: next() };
    else if (command === "L") lineTo({ x: next(), y: next() });
    else if (command === "H") lineTo({ x: next(), y: at.y });
    else if (command === "V") lineTo({ x: at.x, y: next() });
    else if (command === "C") {
      const [p0, p1, p2, p3] = [at, { x: next(), y: next() }, { x: next(), y: next() }, { x: next(), y: next() }];
      for (let i = 1; i <= 32; i++) {
        const t = i / 32;
        const [a, b, c, e] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
        lineTo({ x: a * p0.x + b * p1.x + c * p2.x + e * p3.x, y: a * p0.y + b * p1.y + c * p2.y + e * p3.y });
      }
    } else throw new Error(`path command ${command} in ${d}`);
  }
  return pieces;
}

/** Whether the straight piece from `p` to `q` passes through the inside of `box` (touching its border is not). */
export function crossesBox([p, q]: [Point, Point], box: Box): boolean {
  let low = 0;
  let high = 1;
  for (const [start, delta, min, max] of [
    [p.x, q.x - p.x, box.x, box.x + box.width],
    [p.y, q.y - p.y, box.y, box.y + box.height],
  ] as const) {
    if (delta === 0) {
      if (start <= min || start >= max) return false;
      continue;
    }
    const [t0, t1] = [(min - start) / delta, (max - start) / delta];
    low = Math.max(low, Math.min(t0, t1));
    high = Math.min(high, Math.max(t0, t1));
  }
  return low < high;
}

/**
 * Everything wrong with a layout: overlapping nodes; a job drawn other than once; an edge that
 * skips columns (through a lane) and passes through a node's box on the way (a drawing with a
 * resource node in each column an edge crosses has no such edge); a node on an edge that is neither
 * the job nor the edge's resource; two free-input nodes of one resource in one column.
 */
export function layoutProblems(layout: GraphLayout, jobNames: readonly string[]): string[] {
  const problems = overlappingBoxes(layout.nodes).map((pair) => `overlap: ${pair}`);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const byColumn = new Map<number, LayoutNode[]>();
  for (const n of layout.nodes) byColumn.set(n.column, [...(byColumn.get(n.column) ?? []), n]);
  for (const name of new Set(jobNames)) {
    const count = layout.nodes.filter((n) => n.kind === "job" && n.name === name).length;
    if (count !== 1) problems.push(`job ${name} drawn ${count} times`);
  }
  for (const e of layout.edges) {
    const s = byId.get(e.source) as LayoutNode;
    const t = byId.get(e.target) as LayoutNode;
    if (t.column - s.column < 1) problems.push(`edge ${s.name} -> ${t.name} spans columns ${s.column}..${t.column}`);
    if (t.column - s.column > 1) {
      const pieces = pathPieces(e.path);
      for (let c = s.column; c <= t.column; c++) {
        for (const n of byColumn.get(c) ?? []) {
          if (pieces.some((piece) => crossesBox(piece, n))) {
            problems.push(`edge of ${e.resource} from ${s.name} to ${t.name} crosses ${n.kind} ${n.name}`);
          }
        }
      }
    }
    for (const n of [s, t]) {
      if (n.kind !== "job" && n.name !== e.resource) problems.push(`edge of ${e.resource} through ${n.name}`);
    }
  }
  // a resource stands once per column for what feeds it: no two nodes of one resource, kind and column fed by the same node
  const fed = new Set<string>();
  for (const e of layout.edges) {
    const t = byId.get(e.target) as LayoutNode;
    if (t.kind === "job") continue;
    const key = `${t.column}\0${t.kind}\0${t.name}\0${e.source}`;
    if (fed.has(key)) problems.push(`${t.kind} ${t.name} twice in column ${t.column}`);
    fed.add(key);
  }
  const inputs = new Set<string>();
  for (const n of layout.nodes) {
    if (n.kind !== "input" || n.repeated) continue;
    const key = `${n.column}\0${n.name}`;
    if (inputs.has(key)) problems.push(`input ${n.name} twice in column ${n.column}`);
    inputs.add(key);
  }
  return problems;
}
