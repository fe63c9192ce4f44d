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

import { compileGobwasGlob, isLiteralGobwasPattern } from "../concourse/gobwas-glob.ts";
import { nameOf } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { collectPipelineSteps } from "../walk/walk-steps.ts";
import { arrangeColumns, placeLanes } from "./layout-columns.ts";
import {
  addSpacingNodes,
  buildGraph,
  collapseEquivalentNodes,
  computeRanks,
  type JobFlow,
  type NodeKind,
} from "./layout-graph.ts";
import { place } from "./layout-place.ts";

export { MAX_TUG_PASSES } from "./layout-columns.ts";
export { MAX_COPIED_COLUMNS, type NodeKind } from "./layout-graph.ts";

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
