/**
 * The layout as a Graphviz `dot` graph: the same nodes (repeated resource nodes included, and edges
 * along a lane as long as the columns they skip, so dot's own ranking keeps the columns) and edges,
 * left to right, with each fragment as a dashed cluster.
 */
import type { GraphLayout, LayoutNode } from "./layout.ts";
import { COLORS, xmlSafe } from "./svg.ts";

/**
 * A dot ID: always quoted, with `"` and `\` escaped, each line break (CR LF, CR or LF) as `\n`, and the
 * characters the SVG draws as U+FFFD so too: dot stops reading a file at a NUL, and writes other
 * control characters into its own SVG, which no XML parser then reads.
 */
const id = (text: string): string =>
  `"${xmlSafe(text.replace(/\r\n?|\n/g, "\n"))
    .replace(/[\\"]/g, "\\$&")
    .replace(/\n/g, "\\n")}"`;

function nodeLine(node: LayoutNode): string {
  const job = node.kind === "job";
  const attrs = [
    `label=${id(node.name)}`,
    `fillcolor=${id(job ? COLORS.job : COLORS.resource)}`,
    `fontcolor=${id(node.kind === "constrained-input" ? COLORS.constrainedText : COLORS.text)}`,
    `class=${id(job ? "job" : node.kind)}`,
  ];
  return `${id(node.id)} [${attrs.join(", ")}];`;
}

/** The graph in the dot language, for `dot -Tsvg` and friends. */
export function toDot(layout: GraphLayout, options: { readonly title?: string } = {}): string {
  const out = [
    `digraph ${id(options.title ?? "pipeline")} {`,
    `  graph [rankdir=LR, bgcolor=${id(COLORS.background)}, fontcolor=${id(COLORS.outline)}, nodesep=0.2, ranksep=0.6];`,
    `  node [shape=box, style=filled, fontname="DejaVu Sans Mono Bold", fontsize=12, height=0.3, penwidth=0];`,
    `  edge [color=${id(COLORS.edge)}, arrowhead=none, penwidth=2];`,
  ];
  const inOutline = new Set<string>();
  layout.outlines.forEach((outline, i) => {
    out.push(`  subgraph ${id(`cluster_${i}`)} {`);
    out.push(`    label=${id(outline.label)}; style=dashed; color=${id(COLORS.outline)};`);
    for (const node of layout.nodes) {
      if (node.fragment !== i) continue;
      out.push(`    ${nodeLine(node)}`);
      inOutline.add(node.id);
    }
    out.push("  }");
  });
  for (const node of layout.nodes) if (!inOutline.has(node.id)) out.push(`  ${nodeLine(node)}`);
  // an edge along a lane skips columns: as long as them, so dot's ranks are still the columns
  const column = new Map(layout.nodes.map((n) => [n.id, n.column]));
  for (const e of layout.edges) {
    const span = (column.get(e.target) ?? 0) - (column.get(e.source) ?? 0);
    const attrs = [...(e.trigger ? [] : ["style=dashed"]), ...(span > 1 ? [`minlen=${span}`] : [])];
    out.push(`  ${id(e.source)} -> ${id(e.target)}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}
