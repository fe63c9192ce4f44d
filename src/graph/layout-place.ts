/** `hangar graph`'s layout in pixels (see layout.ts): boxes, curves and fragment outlines of the arranged columns. */

import type {
  FragmentLabel,
  GraphLayout,
  LayoutEdge,
  LayoutJob,
  LayoutNode,
  LayoutOptions,
  LayoutOutline,
} from "./layout.ts";
import { portRow, slots } from "./layout-columns.ts";
import { type Graph, type JobFlow, type Node, passedJobsOf } from "./layout-graph.ts";
import { maxOf, minOf } from "./min-max.ts";
import { textWidth } from "./text-width.ts";

/** Height of one port row of a node. */
const KEY_HEIGHT = 20;
/** Space between two port rows. */
const KEY_SPACING = 10;
/** Space between two columns. */
const COLUMN_SPACING = 50;
/** Space between a node's name and its box. */
const NODE_PADDING = 5;
/** Space around the drawing. */
const MARGIN = 20;
/** Space between a fragment's outline and the nodes it encloses. */
const OUTLINE_PADDING = 8;
/** Height of a fragment outline's label, above its top edge. */
const OUTLINE_LABEL = 16;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Boxes, curves and outlines in pixels. */
export function place(
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
