/**
 * The graph `hangar graph`'s layout works on (see layout.ts): a node per job and per resource it puts or gets,
 * edges between them, each node's column ("rank"), and the copies or lanes of edges that skip columns.
 */

import { goPathMatch, isLiteralPathPattern } from "../concourse/go-path-match.ts";
import { HangarError } from "../model/errors.ts";
import { cutToken } from "../source/diagnostic.ts";
import { minOf } from "./min-max.ts";

/**
 * The most columns an edge skips through copies of its resource node; one that skips more runs along
 * a lane. Corpus pipelines skip at most 12, so they are drawn as Concourse draws them.
 */
export const MAX_COPIED_COLUMNS = 16;

/** What a node stands for. */
export type NodeKind = "job" | "input" | "constrained-input" | "output";

/** A job's gets and puts, in plan order (hooks included), as Concourse's job inputs and outputs. */
export interface JobFlow {
  readonly name: string;
  readonly inputs: { readonly resource: string; readonly passed: readonly string[]; readonly trigger: boolean }[];
  readonly outputs: string[];
}

/** A node while the layout is worked out. */
export interface Node {
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

export interface Edge {
  readonly source: Node;
  readonly target: Node;
  readonly key: string;
  /** `trigger` of the get this edge feeds, when it ends at a job; undefined otherwise. */
  readonly trigger: boolean | undefined;
}

/** Edges that skip many columns and would share copies, drawn along one row below those columns. */
export interface Lane {
  readonly edges: Edge[];
  /** The first and the last column the lane crosses (the farthest edge's skipped columns). */
  readonly from: number;
  readonly to: number;
  /** Its row, below every node of its columns, once the nodes have theirs. */
  row: number;
}

export interface Graph {
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
export function passedJobsOf(jobNames: readonly string[]): (pattern: string) => string[] {
  const known = new Set(jobNames);
  return (pattern) => {
    if (isLiteralPathPattern(pattern)) return known.has(pattern) ? [pattern] : [];
    return jobNames.filter((name) => goPathMatch(pattern, name));
  };
}

/** The nodes and edges Concourse's `createGraph` makes for the shown jobs. */
export function buildGraph(flows: readonly JobFlow[], allJobs: readonly string[]): Graph {
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
export function computeRanks(graph: Graph): void {
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
export function collapseEquivalentNodes(graph: Graph): void {
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
export function addSpacingNodes(graph: Graph): void {
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
