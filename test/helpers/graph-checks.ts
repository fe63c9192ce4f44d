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

/**
 * Everything wrong with a layout: overlapping nodes; a job drawn other than once; an edge that
 * skips a column (a resource node must stand in each column it crosses); a node on an edge that is
 * neither the job nor the edge's resource; two free-input nodes of one resource in one column.
 */
export function layoutProblems(layout: GraphLayout, jobNames: readonly string[]): string[] {
  const problems = overlappingBoxes(layout.nodes).map((pair) => `overlap: ${pair}`);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  for (const name of new Set(jobNames)) {
    const count = layout.nodes.filter((n) => n.kind === "job" && n.name === name).length;
    if (count !== 1) problems.push(`job ${name} drawn ${count} times`);
  }
  for (const e of layout.edges) {
    const s = byId.get(e.source) as LayoutNode;
    const t = byId.get(e.target) as LayoutNode;
    if (t.column - s.column !== 1) problems.push(`edge ${s.name} -> ${t.name} spans columns ${s.column}..${t.column}`);
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
