/**
 * The order of `hangar graph`'s nodes in their columns (see layout.ts): each node's ports, each column's nodes near
 * what they connect to, the tug passes that line them up, and the rows of the lanes below.
 */

import { stackLanes } from "./lanes.ts";
import type { Edge, Graph, Node } from "./layout-graph.ts";
import { maxOf, minOf } from "./min-max.ts";

/**
 * The most tug passes a layout makes. Corpus pipelines settle in 3; a pass costs at most one visit
 * per node, so this bounds the tug's work by a multiple of the node count.
 */
export const MAX_TUG_PASSES = 16;

/**
 * Gives each lane its row, below every node of the columns it crosses and every lane placed there
 * before it. Shorter lanes go first, so a lane within another's columns runs above it and the two do
 * not cross.
 */
export function placeLanes(graph: Graph, columns: readonly Node[][]): void {
  if (graph.lanes.length === 0) return;
  const floors = columns.map((column) =>
    maxOf(
      column.map((n) => n.keyOffset + slots(n)),
      0,
    ),
  );
  const lanes = [...graph.lanes].sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from);
  const rows = stackLanes(floors, lanes);
  lanes.forEach((lane, i) => {
    lane.row = rows[i] as number;
  });
}

/** Concourse's name order: shorter names first, then alphabetical. */
function compareNames(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The row of a node's port for `key`, counted over its whole column. */
export const portRow = (node: Node, key: string): number => node.keyOffset + (node.portIndex.get(key) as number);

const highestUpstream = (n: Node) => minOf(n.inEdges.map((e) => portRow(e.source, e.key)));
const highestDownstream = (n: Node) => minOf(n.outEdges.map((e) => portRow(e.target, e.key)));
export const slots = (n: Node) => Math.max(n.keys.length, 1);

/**
 * Orders each node's ports (incoming before outgoing, earlier-appearing resources first) and each
 * column's nodes (near what they connect to), then tugs nodes down to line up with their neighbours.
 * Returns the columns, each its nodes from top to bottom, and how many tug passes it took.
 */
export function arrangeColumns(graph: Graph): { columns: Node[][]; tugPasses: number } {
  const columns: Node[][] = [];
  for (const node of graph.nodes.values()) {
    const column = columns[node.rank] ?? [];
    columns[node.rank] = column;
    column.push(node);
  }
  for (let c = 0; c < columns.length; c++) columns[c] ??= [];
  const firstAppearance = ranksOfFirstAppearance(columns);
  for (const node of graph.nodes.values()) {
    node.keys.sort((a, b) => {
      const inA = node.targetKeys.has(a);
      const inB = node.targetKeys.has(b);
      if (inA !== inB) return inA ? -1 : 1;
      if (inA && inB) {
        const byRank = firstAppearance(node, a) - firstAppearance(node, b);
        if (byRank !== 0) return byRank;
      }
      const outA = node.sourceKeys.has(a);
      const outB = node.sourceKeys.has(b);
      if (outA !== outB) return outA ? -1 : 1;
      return compareNames(a, b);
    });
    for (const [i, key] of node.keys.entries()) node.portIndex.set(key, i);
  }
  const occupied = columns.map(() => new Set<number>());
  // first pass: a rough order; second: untangle, now that downstream rows are known
  for (let pass = 0; pass < 2; pass++) {
    columns.forEach((column, c) => {
      column.sort(compareInColumn);
      occupied[c] = stack(column);
    });
  }
  return { columns, tugPasses: tugColumns(columns, occupied) };
}

/**
 * Tugs columns until none changes or `MAX_TUG_PASSES` passes ran, alternating the sweep's direction
 * so that alignment travels along a run of columns both ways in one pass. A column is tugged again
 * only after it or a neighbour changed (tugging it otherwise would change nothing). Returns the
 * number of passes.
 */
function tugColumns(columns: readonly Node[][], occupied: readonly Set<number>[]): number {
  const pending = columns.map(() => true);
  let passes = 0;
  for (let changed = true; changed && passes < MAX_TUG_PASSES; passes++) {
    changed = false;
    for (let i = 0; i < columns.length; i++) {
      const c = passes % 2 === 0 ? i : columns.length - 1 - i;
      if (!pending[c]) continue;
      pending[c] = false;
      if (!tug(columns[c] as Node[], occupied[c] as Set<number>)) continue;
      changed = true;
      for (const near of [c - 1, c, c + 1]) if (near >= 0 && near < columns.length) pending[near] = true;
    }
  }
  return passes;
}

/**
 * Where each resource first entered the picture upstream of each node's port: the column it came from,
 * following the node's incoming edges of that resource back to a node that has none. Worked out for
 * every node and resource, column by column from the left (an edge always runs to a later column), so a
 * `passed:` chain of any length is one step per node, never a recursion as deep as the chain.
 */
function ranksOfFirstAppearance(columns: readonly Node[][]): (node: Node, key: string) => number {
  const inByKey = new Map<Node, Map<string, Edge[]>>();
  const inEdgesOf = (node: Node): Map<string, Edge[]> => {
    const known = inByKey.get(node);
    if (known !== undefined) return known;
    const byKey = new Map<string, Edge[]>();
    for (const e of node.inEdges) {
      const edges = byKey.get(e.key) ?? [];
      byKey.set(e.key, edges);
      edges.push(e);
    }
    inByKey.set(node, byKey);
    return byKey;
  };
  const ranks = new Map<Node, Map<string, number>>();
  for (const column of columns) {
    for (const node of column) {
      const forNode = new Map<string, number>();
      for (const [key, edges] of inEdgesOf(node)) {
        let rank = Number.POSITIVE_INFINITY;
        for (const e of edges) {
          if (!inEdgesOf(e.source).has(key)) {
            rank = e.source.rank;
            break;
          }
          rank = Math.min(rank, ranks.get(e.source)?.get(key) ?? Number.POSITIVE_INFINITY);
        }
        forNode.set(key, rank);
      }
      ranks.set(node, forNode);
    }
  }
  return (node, key) => ranks.get(node)?.get(key) ?? Number.POSITIVE_INFINITY;
}

/** Concourse's order of two nodes in a column. */
function compareInColumn(a: Node, b: Node): number {
  const compare = (x: number | undefined, y: number | undefined) => (x !== undefined && y !== undefined ? x - y : 0);
  const hasIn = (n: Node) => n.inEdges.length > 0;
  const hasOut = (n: Node) => n.outEdges.length > 0;
  if (hasIn(a) && hasIn(b)) {
    const d = compare(highestUpstream(a), highestUpstream(b));
    if (d !== 0) return d;
  }
  if (hasOut(a) && hasOut(b)) {
    const d = compare(highestDownstream(a), highestDownstream(b));
    if (d !== 0) return d;
  }
  if (hasIn(a) && hasOut(b)) {
    const d = compare(highestUpstream(a), highestDownstream(b));
    if (d !== 0) return d;
  }
  if (hasOut(a) && hasIn(b)) {
    const d = compare(highestDownstream(a), highestUpstream(b));
    if (d !== 0) return d;
  }
  // nodes that continue a resource from upstream, or into downstream, go higher
  const passedThrough = (n: Node) => n.inEdges.some((e) => e.source.targetKeys.has(e.key));
  const passesThrough = (n: Node) => n.outEdges.some((e) => e.target.sourceKeys.has(e.key));
  if (passedThrough(a) && !passedThrough(b)) return -1;
  if (passesThrough(a) && !passesThrough(b)) return -1;
  const byOutEdges = b.outEdges.length - a.outEdges.length;
  if (byOutEdges !== 0) return byOutEdges;
  if (!passesThrough(a) && passesThrough(b)) return 1;
  return compareNames(a.name, b.name);
}

/** Stacks a column's nodes from row 0 down, one row per port; returns the rows taken. */
function stack(column: readonly Node[]): Set<number> {
  const occupied = new Set<number>();
  let row = 0;
  for (const node of column) {
    node.keyOffset = row;
    for (let r = row; r < row + slots(node); r++) occupied.add(r);
    row += slots(node);
  }
  return occupied;
}

/** The highest row a node could move to so that one of its ports lines up with a neighbour's. */
function alignment(node: Node, edges: readonly Edge[], other: (e: Edge) => Node): number | undefined {
  return minOf(edges.map((e) => portRow(other(e), e.key) - (node.portIndex.get(e.key) as number)));
}

/** Moves nodes down, bottom first, to rows that line up with their neighbours when those are free. */
function tug(column: Node[], occupied: Set<number>): boolean {
  let changed = false;
  const free = (from: number, n: number) => {
    for (let r = from; r < from + n; r++) if (occupied.has(r)) return false;
    return true;
  };
  const move = (node: Node, to: number | undefined): boolean => {
    const n = node.keys.length;
    if (to === undefined || node.keyOffset >= to || !free(to, n)) return false;
    for (let r = node.keyOffset; r < node.keyOffset + n; r++) occupied.delete(r);
    node.keyOffset = to;
    for (let r = to; r < to + n; r++) occupied.add(r);
    return true;
  };
  for (let i = column.length - 1; i >= 0; i--) {
    const node = column[i] as Node;
    if (
      move(
        node,
        alignment(node, node.inEdges, (e) => e.source),
      ) ||
      move(
        node,
        alignment(node, node.outEdges, (e) => e.target),
      )
    ) {
      changed = true;
    }
  }
  column.sort((a, b) => a.keyOffset - b.keyOffset);
  return changed;
}
