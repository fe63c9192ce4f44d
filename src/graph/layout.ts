/**
 * `hangar graph`'s layout: a pipeline as Concourse's web UI draws it, computed as plain data (nodes
 * with boxes, edges with curves, fragment outlines) that the SVG, HTML and dot writers only print.
 *
 * The algorithm is the one of Concourse's pipeline page (web/public/index.mjs and graph.mjs):
 * - a node per job; per job and resource, a node for each resource the job puts (an output), for
 *   each resource it gets with `passed:` (a constrained input, drawn after the passed job, or the
 *   passed job's output node when it puts that resource), and for each resource it gets freely
 *   (an input, one per resource and column);
 * - columns ("ranks") from a forward pass (each node right of everything upstream) then a backward
 *   pass (each node pulled right, just before its nearest downstream node);
 * - an edge that skips columns goes through a copy of its resource node in each skipped column, as
 *   Concourse draws it, when it skips at most `MAX_COPIED_COLUMNS`; one that skips more runs along a
 *   lane, a row below everything in the columns it skips (see {@link addSpacingNodes});
 * - each node has one port (row) per resource it connects, and nodes are ordered in their column by
 *   the rows of what they connect to, twice, then "tugged" down to line up with their neighbours.
 *   Tug passes sweep the columns left to right, then right to left, and so on, revisiting only
 *   columns next to a change: a row moved at one end of a long run of resource copies reaches the
 *   other end in one pass rather than one column per pass, and at most `MAX_TUG_PASSES` passes run.
 */

import { goPathMatch, isLiteralPathPattern } from "../concourse/go-path-match.ts";
import { compileGobwasGlob, isLiteralGobwasPattern } from "../concourse/gobwas-glob.ts";
import { nameOf } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { cutToken } from "../source/diagnostic.ts";
import { collectPipelineSteps } from "../walk/walk-steps.ts";
import { stackLanes } from "./lanes.ts";
import { textWidth } from "./text-width.ts";

/** Height of one port row of a node. */
export const KEY_HEIGHT = 20;
/** Space between two port rows. */
export const KEY_SPACING = 10;
/** Space between two columns. */
export const COLUMN_SPACING = 50;
/** Space between a node's name and its box. */
export const NODE_PADDING = 5;
/**
 * The most tug passes a layout makes. Corpus pipelines settle in 3; a pass costs at most one visit
 * per node, so this bounds the tug's work by a multiple of the node count.
 */
export const MAX_TUG_PASSES = 16;
/**
 * The most columns an edge skips through copies of its resource node; one that skips more runs along
 * a lane. Corpus pipelines skip at most 12, so they are drawn as Concourse draws them.
 */
export const MAX_COPIED_COLUMNS = 16;
/** Space around the drawing. */
const MARGIN = 20;
/** Space between a fragment's outline and the nodes it encloses. */
const OUTLINE_PADDING = 8;
/** Height of a fragment outline's label, above its top edge. */
const OUTLINE_LABEL = 16;

/** What a node stands for. */
export type NodeKind = "job" | "input" | "constrained-input" | "output";

export interface LayoutNode {
  /** Unique and stable for the same pipeline (`n0`, `n1`, ...). */
  readonly id: string;
  readonly kind: NodeKind;
  /** The job's name, or the resource's. */
  readonly name: string;
  /** The column, from 0 at the left. */
  readonly column: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The resources of the node's ports, top to bottom. */
  readonly ports: readonly string[];
  /** A copy of a resource node standing in a column that an edge skips. */
  readonly repeated: boolean;
  /** The index of the fragment outline that encloses the node, if any. */
  readonly fragment?: number;
}

export interface LayoutEdge {
  /** Node ids. */
  readonly source: string;
  readonly target: string;
  /** The resource the edge carries. */
  readonly resource: string;
  /** False when the edge ends at a job that gets the resource with `trigger: false` (drawn dashed). */
  readonly trigger: boolean;
  /**
   * The curve, as an SVG path: from the source's right edge to the target's left edge. An edge that
   * skips more than `MAX_COPIED_COLUMNS` columns turns, in the gaps between columns, to and from its
   * lane: a row below every node of the columns it skips.
   */
  readonly path: string;
}

/** A fragment's dashed boundary and its label. */
export interface LayoutOutline {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Ids of the nodes it encloses. */
  readonly nodes: readonly string[];
}

/** A job's place in the picture, for the HTML page's highlighting and config view. */
export interface LayoutJob {
  readonly name: string;
  /** Its node's id. */
  readonly node: string;
  /** Jobs its `passed:` constraints name (globs matched). */
  readonly passed: readonly string[];
}

export interface GraphLayout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly outlines: readonly LayoutOutline[];
  readonly jobs: readonly LayoutJob[];
  readonly columns: number;
  readonly width: number;
  readonly height: number;
  /** How many passes tugged the nodes into line (at most `MAX_TUG_PASSES`). */
  readonly tugPasses: number;
}

/** The fragment a job or resource came from: nodes with the same `id` are outlined together. */
export interface FragmentLabel {
  readonly id: number;
  /** e.g. `packerJobs() at pipeline.ts:47`. */
  readonly label: string;
}

export interface LayoutOptions {
  /** Draw only the jobs of this group (its `jobs` globs matched as Concourse matches them). */
  readonly group?: string;
  /** Where jobs and resources came from, by name; their nodes are outlined per fragment. */
  readonly fragments?: {
    readonly jobs: ReadonlyMap<string, FragmentLabel>;
    readonly resources: ReadonlyMap<string, FragmentLabel>;
  };
}

/** A job's gets and puts, in plan order (hooks included), as Concourse's job inputs and outputs. */
interface JobFlow {
  readonly name: string;
  readonly inputs: { readonly resource: string; readonly passed: readonly string[]; readonly trigger: boolean }[];
  readonly outputs: string[];
}

/** A node while the layout is worked out. */
interface Node {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly repeated: boolean;
  /** Unconstrained inputs of one resource in one column are one node. */
  readonly equivalentBy?: string;
  /** Resources of its ports, in the order edges were added, then sorted. */
  keys: string[];
  /** Each port's index in `keys`, once they are sorted. */
  readonly portIndex: Map<string, number>;
  /** The nodes it has an incoming edge from (one edge between two nodes). */
  readonly sources: Set<Node>;
  /** Resources it has outgoing / incoming edges for. */
  readonly sourceKeys: Set<string>;
  readonly targetKeys: Set<string>;
  readonly inEdges: Edge[];
  readonly outEdges: Edge[];
  rank: number;
  keyOffset: number;
  width: number;
}

interface Edge {
  readonly source: Node;
  readonly target: Node;
  readonly key: string;
  /** `trigger` of the get this edge feeds, when it ends at a job; undefined otherwise. */
  readonly trigger: boolean | undefined;
}

/** Edges that skip many columns and would share copies, drawn along one row below those columns. */
interface Lane {
  readonly edges: Edge[];
  /** The first and the last column the lane crosses (the farthest edge's skipped columns). */
  readonly from: number;
  readonly to: number;
  /** Its row, below every node of its columns, once the nodes have theirs. */
  row: number;
}

/** Lays out a pipeline (in Concourse's form: references are names). Throws `graph/cycle` when `passed:` loops. */
export function layoutPipeline(pipeline: Pipeline, options: LayoutOptions = {}): GraphLayout {
  const flows = jobFlows(pipeline);
  const shown = options.group === undefined ? flows : flows.filter(inGroup(pipeline, options.group));
  const graph = buildGraph(
    shown,
    flows.map((f) => f.name),
  );
  computeRanks(graph);
  collapseEquivalentNodes(graph);
  addSpacingNodes(graph);
  const { columns, tugPasses } = arrangeColumns(graph);
  placeLanes(graph, columns);
  return { ...place(graph, columns, shown, options), tugPasses };
}

/** Each job's inputs (gets) and outputs (puts), found with the one step walk. */
function jobFlows(pipeline: Pipeline): JobFlow[] {
  const flows = (pipeline.jobs ?? []).map((job): JobFlow => ({ name: String(job.name), inputs: [], outputs: [] }));
  for (const { step, kind, jobIndex } of collectPipelineSteps(pipeline)) {
    const flow = flows[jobIndex] as JobFlow;
    const s = step as unknown as Record<string, unknown>;
    if (kind === "get") {
      const passed = Array.isArray(s.passed) ? s.passed.map(String) : [];
      flow.inputs.push({ resource: String(s.resource ?? s.get), passed, trigger: s.trigger === true });
    } else if (kind === "put") {
      flow.outputs.push(String(s.resource ?? s.put));
    }
  }
  return flows;
}

/** Whether a job belongs to the group named `group` (an unknown group is a usage error). */
function inGroup(pipeline: Pipeline, group: string): (flow: JobFlow) => boolean {
  const found = (pipeline.groups ?? []).find((g) => g.name === group);
  if (found === undefined) {
    const known = (pipeline.groups ?? []).map((g) => g.name).join(", ");
    throw new HangarError("graph/unknown-group", `no group '${group}' (groups: ${known || "none"})`);
  }
  const patterns = (found.jobs ?? [])
    .map(nameOf)
    .map((pattern) => (isLiteralGobwasPattern(pattern) ? pattern : (compileGobwasGlob(pattern) ?? null)));
  return (flow) => patterns.some((p) => (typeof p === "string" ? p === flow.name : p?.test(flow.name) === true));
}

interface Graph {
  readonly nodes: Map<string, Node>;
  /** In the order they were added (a set, for cheap removal). */
  readonly edges: Set<Edge>;
  /** The job behind each job node id. */
  readonly jobsByNode: Map<string, string>;
  /** Node ids by composite key (`kind\0job\0resource`), for lookups while building. */
  readonly byKey: Map<string, Node>;
  /** The lanes of edges that skip more than `MAX_COPIED_COLUMNS` columns. */
  readonly lanes: Lane[];
  /** How many nodes were made (removed ones included): the next node's id. */
  made: number;
}

function newNode(graph: Graph, kind: NodeKind, name: string, extra: Partial<Node> = {}): Node {
  const node: Node = {
    id: `n${graph.made++}`,
    kind,
    name,
    repeated: false,
    keys: [],
    portIndex: new Map(),
    sources: new Set(),
    sourceKeys: new Set(),
    targetKeys: new Set(),
    inEdges: [],
    outEdges: [],
    rank: -1,
    keyOffset: 0,
    width: 0,
    ...extra,
  };
  graph.nodes.set(node.id, node);
  return node;
}

function addEdge(graph: Graph, source: Node, target: Node, key: string, trigger: boolean | undefined): void {
  if (target.sources.has(source)) return; // one edge between two nodes, as Concourse
  // a node's keys are the resources of its edges: those it has neither for are new
  if (!source.sourceKeys.has(key) && !source.targetKeys.has(key)) source.keys.push(key);
  if (!target.sourceKeys.has(key) && !target.targetKeys.has(key)) target.keys.push(key);
  source.sourceKeys.add(key);
  target.targetKeys.add(key);
  target.sources.add(source);
  const edge: Edge = { source, target, key, trigger };
  source.outEdges.push(edge);
  target.inEdges.push(edge);
  graph.edges.add(edge);
}

function removeEdge(graph: Graph, edge: Edge): void {
  const drop = (list: Edge[]) => {
    const i = list.indexOf(edge);
    if (i >= 0) list.splice(i, 1);
  };
  drop(edge.source.outEdges);
  drop(edge.target.inEdges);
  edge.target.sources.delete(edge.source);
  graph.edges.delete(edge);
}

/** The jobs of `jobNames` a `passed:` entry matches (a glob, as Concourse matches it). */
function passedJobsOf(jobNames: readonly string[]): (pattern: string) => string[] {
  const known = new Set(jobNames);
  return (pattern) => {
    if (isLiteralPathPattern(pattern)) return known.has(pattern) ? [pattern] : [];
    return jobNames.filter((name) => goPathMatch(pattern, name));
  };
}

/** The nodes and edges Concourse's `createGraph` makes for the shown jobs. */
function buildGraph(flows: readonly JobFlow[], allJobs: readonly string[]): Graph {
  const graph: Graph = {
    nodes: new Map(),
    edges: new Set(),
    jobsByNode: new Map(),
    byKey: new Map(),
    lanes: [],
    made: 0,
  };
  const key = (...parts: string[]) => parts.join("\0");
  const passedJobs = passedJobsOf(allJobs);
  const jobNode = new Map<string, Node>();
  for (const flow of flows) {
    if (jobNode.has(flow.name)) continue; // a repeated name is the validator's to report
    const node = newNode(graph, "job", flow.name);
    jobNode.set(flow.name, node);
    graph.jobsByNode.set(node.id, flow.name);
  }
  const lookup = (k: string, make: () => Node) => {
    const found = graph.byKey.get(k);
    if (found !== undefined) return found;
    const made = make();
    graph.byKey.set(k, made);
    return made;
  };
  // outputs
  for (const flow of flows) {
    const job = jobNode.get(flow.name) as Node;
    for (const resource of flow.outputs) {
      const out = lookup(key("output", flow.name, resource), () => newNode(graph, "output", resource));
      addEdge(graph, job, out, resource, undefined);
    }
  }
  // inputs constrained by passed: these place the jobs
  for (const flow of flows) {
    const job = jobNode.get(flow.name) as Node;
    for (const input of flow.inputs) {
      for (const pattern of input.passed) {
        for (const upstream of passedJobs(pattern)) {
          let source = graph.byKey.get(key("output", upstream, input.resource));
          if (source === undefined) {
            source = lookup(key("constrained", upstream, input.resource), () =>
              newNode(graph, "constrained-input", input.resource),
            );
            const upstreamJob = jobNode.get(upstream);
            if (upstreamJob !== undefined) addEdge(graph, upstreamJob, source, input.resource, undefined);
          }
          addEdge(graph, source, job, input.resource, input.trigger);
        }
      }
    }
  }
  // free inputs: one node per job and resource for now, merged per column once columns are known
  for (const flow of flows) {
    const job = jobNode.get(flow.name) as Node;
    for (const input of flow.inputs) {
      if (input.passed.length > 0) continue;
      const node = lookup(key("input", flow.name, input.resource), () =>
        newNode(graph, "input", input.resource, { equivalentBy: input.resource }),
      );
      addEdge(graph, node, job, input.resource, input.trigger);
    }
  }
  return graph;
}

/**
 * Columns: a forward pass puts each node right of all its upstream nodes (longest path from a
 * source), then a backward pass, from the right, pulls each node with downstream nodes to the column
 * just before the nearest of them, so edges skip as few columns as possible.
 */
function computeRanks(graph: Graph): void {
  const order = topologicalOrder(graph);
  for (const node of order) {
    node.rank = 0;
    for (const e of node.inEdges) node.rank = Math.max(node.rank, e.source.rank + 1);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as Node;
    if (node.outEdges.length === 0) continue;
    node.rank = (minOf(node.outEdges.map((e) => e.target.rank)) as number) - 1;
  }
}

/** How many jobs on a cycle its error names. */
const MAX_CYCLE_NAMES = 20;

/** Kahn's order of the nodes; `passed:` constraints that loop are a `graph/cycle` error naming the jobs. */
function topologicalOrder(graph: Graph): Node[] {
  const pending = new Map<Node, number>();
  const ready: Node[] = [];
  for (const node of graph.nodes.values()) {
    pending.set(node, node.inEdges.length);
    if (node.inEdges.length === 0) ready.push(node);
  }
  const order: Node[] = [];
  for (let i = 0; i < ready.length; i++) {
    const node = ready[i] as Node;
    order.push(node);
    for (const e of node.outEdges) {
      const left = (pending.get(e.target) as number) - 1;
      pending.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  if (order.length < graph.nodes.size) {
    const left = [...pending].filter(([, count]) => count > 0).map(([n]) => n);
    const looping = onCycles(left).filter((n) => n.kind === "job");
    // a cycle of thousands of jobs is named by its first ones, not in one line of megabytes
    const names = looping.slice(0, MAX_CYCLE_NAMES).map((n) => cutToken(n.name));
    const more = looping.length > MAX_CYCLE_NAMES ? ` and ${looping.length - MAX_CYCLE_NAMES} more` : "";
    throw new HangarError(
      "graph/cycle",
      `the passed: constraints of these jobs form a cycle: ${names.join(", ")}${more}`,
    );
  }
  return order;
}

/**
 * The nodes of `nodes` that lie on a cycle of edges between them (in a strongly connected component of more
 * than one node; no edge joins a node to itself), in their order in `nodes`: what Kahn's order leaves holds
 * these and the nodes downstream of them, which loop only if they are on a cycle too. Kosaraju's two passes,
 * each a loop with its own stack, so a cycle of any length is found without recursion.
 */
function onCycles(nodes: readonly Node[]): Node[] {
  const among = new Set(nodes);
  const finished: Node[] = [];
  const visited = new Set<Node>();
  for (const start of nodes) {
    if (visited.has(start)) continue;
    visited.add(start);
    const stack: { node: Node; next: number }[] = [{ node: start, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: Node; next: number };
      const edge = top.node.outEdges[top.next++];
      if (edge === undefined) {
        finished.push(top.node);
        stack.pop();
      } else if (among.has(edge.target) && !visited.has(edge.target)) {
        visited.add(edge.target);
        stack.push({ node: edge.target, next: 0 });
      }
    }
  }
  const component = new Map<Node, number>();
  const sizes: number[] = [];
  for (const root of finished.reverse()) {
    if (component.has(root)) continue;
    const id = sizes.length;
    sizes.push(0);
    component.set(root, id);
    const queue = [root];
    while (queue.length > 0) {
      const node = queue.pop() as Node;
      sizes[id] = (sizes[id] as number) + 1;
      for (const e of node.inEdges) {
        if (!among.has(e.source) || component.has(e.source)) continue;
        component.set(e.source, id);
        queue.push(e.source);
      }
    }
  }
  return nodes.filter((n) => (sizes[component.get(n) as number] as number) > 1);
}

/** Free inputs of the same resource in the same column become one node (Concourse's `equivalentBy`). */
function collapseEquivalentNodes(graph: Graph): void {
  const chosen = new Map<string, Node>();
  for (const node of [...graph.nodes.values()]) {
    if (node.equivalentBy === undefined) continue;
    const k = `${node.rank}\0${node.equivalentBy}`;
    const first = chosen.get(k);
    if (first === undefined) {
      chosen.set(k, node);
      continue;
    }
    for (const e of [...node.inEdges]) addEdge(graph, e.source, first, e.key, e.trigger);
    for (const e of [...node.outEdges]) addEdge(graph, first, e.target, e.key, e.trigger);
    for (const e of [...node.inEdges, ...node.outEdges]) removeEdge(graph, e);
    graph.nodes.delete(node.id);
  }
}

/**
 * An edge that skips columns goes through a copy of its resource node in each skipped column: the
 * upstream node's when it is a resource, else the downstream node's. Edges that leave one resource
 * node for the same resource share its copies, so a resource stands once per column it crosses
 * (Concourse makes copies per edge).
 *
 * Edges that would share copies and skip more than `MAX_COPIED_COLUMNS` columns get a lane instead:
 * no node in the columns they skip, one row below everything there, found once the nodes have their
 * rows (`placeLanes`). Copies cost a node per column, each sorted, stacked and tugged: n jobs, half of
 * them taking a resource from the job n/2 before, made n²/2 copies. Of the ways to draw long edges
 * with fewer nodes, a lane is the plainest that keeps them clear of every box: one range query per
 * lane, no bend to work out per column, and the order within columns is left as it was. Sharing
 * copies between edges from different sources would lose which job feeds which; straightening copy
 * chains into segments would still need their rows kept free in every column they cross. Edges that
 * skip a few columns, as in ordinary pipelines, keep their copies.
 */
function addSpacingNodes(graph: Graph): void {
  const copiesOf = (edge: Edge) => {
    const repeated = edge.source.kind === "job" ? edge.target : edge.source;
    return { repeated, group: `${repeated.id}\0${edge.source.id}\0${edge.key}` };
  };
  const farthest = new Map<string, number>();
  for (const edge of graph.edges) {
    const { group } = copiesOf(edge);
    farthest.set(group, Math.max(farthest.get(group) ?? 0, edge.target.rank));
  }
  const copies = new Map<string, Node>();
  const lanes = new Map<string, Lane>();
  for (const edge of [...graph.edges]) {
    const delta = edge.target.rank - edge.source.rank;
    if (delta <= 1) continue;
    const { repeated, group } = copiesOf(edge);
    const to = (farthest.get(group) as number) - 1;
    if (to - edge.source.rank > MAX_COPIED_COLUMNS) {
      const lane = lanes.get(group) ?? { edges: [], from: edge.source.rank + 1, to, row: 0 };
      if (!lanes.has(group)) graph.lanes.push(lane);
      lanes.set(group, lane);
      lane.edges.push(edge);
      continue;
    }
    let upstream = edge.source;
    for (let i = 0; i < delta - 1; i++) {
      const k = `${group}\0${i}`;
      const copy =
        copies.get(k) ?? newNode(graph, repeated.kind, repeated.name, { repeated: true, rank: upstream.rank + 1 });
      copies.set(k, copy);
      addEdge(graph, upstream, copy, edge.key, i === 0 && repeated === edge.target ? edge.trigger : undefined);
      upstream = copy;
    }
    addEdge(graph, upstream, edge.target, edge.key, repeated === edge.source ? edge.trigger : undefined);
    removeEdge(graph, edge);
  }
}

/**
 * Gives each lane its row, below every node of the columns it crosses and every lane placed there
 * before it. Shorter lanes go first, so a lane within another's columns runs above it and the two do
 * not cross.
 */
function placeLanes(graph: Graph, columns: readonly Node[][]): void {
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
const portRow = (node: Node, key: string): number => node.keyOffset + (node.portIndex.get(key) as number);

/**
 * The least of `values`, or undefined when there is none. A loop: spreading ~100k values into `Math.min`
 * overflows the stack, and a column, or a resource feeding every job, can hold that many.
 */
function minOf(values: readonly number[]): number | undefined {
  let least: number | undefined;
  for (const v of values) if (least === undefined || v < least) least = v;
  return least;
}
/** The greatest of `values` and `floor` (a loop, as {@link minOf}). */
function maxOf(values: readonly number[], floor: number): number {
  let most = floor;
  for (const v of values) if (v > most) most = v;
  return most;
}
const highestUpstream = (n: Node) => minOf(n.inEdges.map((e) => portRow(e.source, e.key)));
const highestDownstream = (n: Node) => minOf(n.outEdges.map((e) => portRow(e.target, e.key)));
const slots = (n: Node) => Math.max(n.keys.length, 1);

/**
 * Orders each node's ports (incoming before outgoing, earlier-appearing resources first) and each
 * column's nodes (near what they connect to), then tugs nodes down to line up with their neighbours.
 * Returns the columns, each its nodes from top to bottom, and how many tug passes it took.
 */
function arrangeColumns(graph: Graph): { columns: Node[][]; tugPasses: number } {
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

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Boxes, curves and outlines in pixels. */
function place(
  graph: Graph,
  columns: readonly Node[][],
  shown: readonly JobFlow[],
  options: LayoutOptions,
): Omit<GraphLayout, "tugPasses"> {
  for (const node of graph.nodes.values()) node.width = Math.ceil(textWidth(node.name)) + 2 * NODE_PADDING;
  const columnWidths = columns.map((column) =>
    maxOf(
      column.map((n) => n.width),
      0,
    ),
  );
  const columnX: number[] = [];
  let x = MARGIN;
  for (const w of columnWidths) {
    columnX.push(x);
    x += w + COLUMN_SPACING;
  }
  const outlinesWanted =
    options.fragments !== undefined && options.fragments.jobs.size + options.fragments.resources.size > 0;
  const top = MARGIN + (outlinesWanted ? OUTLINE_PADDING + OUTLINE_LABEL : 0);
  const left = outlinesWanted ? OUTLINE_PADDING : 0;
  const box = (node: Node) => {
    const rows = slots(node);
    return {
      x: left + (columnX[node.rank] as number) + ((columnWidths[node.rank] as number) - node.width) / 2,
      y: top + (KEY_HEIGHT + KEY_SPACING) * node.keyOffset,
      width: node.width,
      height: KEY_HEIGHT * rows + KEY_SPACING * (rows - 1),
    };
  };
  const boxes = new Map([...graph.nodes.values()].map((n) => [n, box(n)]));
  const rowY = (row: number) => top + KEY_HEIGHT / 2 + row * (KEY_HEIGHT + KEY_SPACING);
  const portY = (node: Node, key: string) => rowY(portRow(node, key));
  const columnLeft = (c: number) => left + (columnX[c] as number);
  const columnRight = (c: number) => columnLeft(c) + (columnWidths[c] as number);
  const curve = (from: Point, to: Point) => {
    const mid = (from.x + to.x) / 2;
    return `C${mid},${from.y} ${mid},${to.y} ${to.x},${to.y}`;
  };
  const laneOf = new Map(graph.lanes.flatMap((lane) => lane.edges.map((e) => [e, lane] as const)));

  const fragmentOf = nodeFragments(graph, options);
  const nodes: LayoutNode[] = [];
  for (const column of columns) {
    for (const node of column) {
      const b = boxes.get(node) as { x: number; y: number; width: number; height: number };
      const fragment = fragmentOf.get(node);
      nodes.push({
        id: node.id,
        kind: node.kind,
        name: node.name,
        column: node.rank,
        ...b,
        ports: node.keys,
        repeated: node.repeated,
        ...(fragment !== undefined && { fragment: fragment.index }),
      });
    }
  }
  const edges: LayoutEdge[] = [...graph.edges].map((e) => {
    const s = boxes.get(e.source) as { x: number; width: number };
    const t = boxes.get(e.target) as { x: number };
    const from = { x: s.x + s.width, y: portY(e.source, e.key) };
    const to = { x: t.x, y: portY(e.target, e.key) };
    const lane = laneOf.get(e);
    let path = `M${from.x},${from.y} ${curve(from, to)}`;
    if (lane !== undefined) {
      // along its port's row to the edge of the source's column, down to the lane in the gap, along
      // the lane to the column before the target's, up in the gap, along the target's port row
      const leave = { x: columnRight(e.source.rank), y: from.y };
      const enter = { x: columnLeft(e.target.rank), y: to.y };
      const down = { x: columnLeft(lane.from), y: rowY(lane.row) };
      const up = { x: columnRight(e.target.rank - 1), y: down.y };
      path = `M${from.x},${from.y} H${leave.x} ${curve(leave, down)} H${up.x} ${curve(up, enter)} H${to.x}`;
    }
    return { source: e.source.id, target: e.target.id, resource: e.key, trigger: e.trigger !== false, path };
  });
  edges.sort(
    (a, b) =>
      Number(a.source.slice(1)) - Number(b.source.slice(1)) || Number(a.target.slice(1)) - Number(b.target.slice(1)),
  );

  const outlines = outlinesOf(nodes, fragmentOf);
  const right =
    maxOf(
      outlines.map((o) => o.x + o.width + MARGIN),
      // no column (no job drawn): the margins alone, not a negative width
      columns.length === 0 ? 2 * MARGIN : x - COLUMN_SPACING + MARGIN,
    ) + left;
  const bottom = maxOf(
    [
      ...nodes.map((n) => n.y + n.height + MARGIN),
      ...outlines.map((o) => o.y + o.height + MARGIN),
      ...graph.lanes.map((lane) => rowY(lane.row) + KEY_HEIGHT / 2 + MARGIN),
    ],
    top + MARGIN,
  );
  const jobs: LayoutJob[] = [];
  const passedJobs = passedJobsOf(shown.map((f) => f.name));
  const flows = new Map(shown.map((f) => [f.name, f]));
  for (const [id, name] of graph.jobsByNode) {
    const flow = flows.get(name) as JobFlow;
    const passed = [...new Set(flow.inputs.flatMap((i) => i.passed.flatMap(passedJobs)))];
    jobs.push({ name, node: id, passed });
  }
  return { nodes, edges, outlines, jobs, columns: columns.length, width: right, height: bottom };
}

interface Membership {
  readonly index: number;
  readonly label: string;
}

/**
 * Which fragment outline encloses each node: a job's node its job's fragment; a resource node its
 * resource's fragment when the node touches a job of that fragment (directly, or through the copies
 * of a resource node), so a resource used far away does not stretch its fragment's outline there.
 */
function nodeFragments(graph: Graph, options: LayoutOptions): Map<Node, Membership> {
  const out = new Map<Node, Membership>();
  const fragments = options.fragments;
  if (fragments === undefined) return out;
  const index = new Map<number, Membership>();
  const member = (label: FragmentLabel): Membership => {
    const found = index.get(label.id);
    if (found !== undefined) return found;
    const made = { index: index.size, label: label.label };
    index.set(label.id, made);
    return made;
  };
  const ofJob = (node: Node) => fragments.jobs.get(node.name);
  for (const node of graph.nodes.values()) {
    if (node.kind === "job") {
      const label = ofJob(node);
      if (label !== undefined) out.set(node, member(label));
      continue;
    }
    const label = fragments.resources.get(node.name);
    if (label === undefined) continue;
    if (touchingJobs(node).some((job) => ofJob(job)?.id === label.id)) out.set(node, member(label));
  }
  return out;
}

/** The job nodes a resource node connects to, following edges through other resource nodes. */
function touchingJobs(start: Node): Node[] {
  const seen = new Set<Node>([start]);
  const jobs: Node[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.pop() as Node;
    for (const e of [...node.inEdges, ...node.outEdges]) {
      const other = e.source === node ? e.target : e.source;
      if (seen.has(other)) continue;
      seen.add(other);
      if (other.kind === "job") jobs.push(other);
      else queue.push(other);
    }
  }
  return jobs;
}

function outlinesOf(nodes: readonly LayoutNode[], fragmentOf: Map<Node, Membership>): LayoutOutline[] {
  const labels = new Map<number, string>();
  for (const m of fragmentOf.values()) labels.set(m.index, m.label);
  return [...labels].map(([index, label]) => {
    const inside = nodes.filter((n) => n.fragment === index);
    const x0 = (minOf(inside.map((n) => n.x)) as number) - OUTLINE_PADDING;
    const y0 = (minOf(inside.map((n) => n.y)) as number) - OUTLINE_PADDING;
    const x1 =
      maxOf(
        inside.map((n) => n.x + n.width),
        x0 + textWidth(label) + 2 * OUTLINE_PADDING,
      ) + OUTLINE_PADDING;
    const y1 =
      maxOf(
        inside.map((n) => n.y + n.height),
        Number.NEGATIVE_INFINITY,
      ) + OUTLINE_PADDING;
    return { label, x: x0, y: y0, width: x1 - x0, height: y1 - y0, nodes: inside.map((n) => n.id) };
  });
}
