/**
 * The layout as a standalone SVG picture in the colours of Concourse's pipeline page: grey job
 * boxes, black resource boxes, grey curves (dashed into a `trigger: false` get), and a labelled
 * dashed outline around each fragment's nodes. Colours are presentation attributes, so viewers
 * without CSS draw it the same; class names and `data-*` attributes let the HTML page script it.
 */
import type { GraphLayout, LayoutNode } from "./layout.ts";
import { FONT } from "./text-width.ts";

/** Concourse's colours (web/assets/css/_vars.less and svg.less). */
export const COLORS = {
  background: "#3d3c3c",
  job: "#9b9b9b",
  resource: "#151515",
  text: "#ffffff",
  constrainedText: "#808080",
  edge: "#7a7373",
  outline: "#f5a623",
} as const;

/**
 * Characters not drawn as themselves: those XML 1.0 cannot hold, even as a character reference (C0 controls
 * other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF), and the other control
 * characters (DEL and the C1 controls, which XML allows but no font draws). They are drawn as U+FFFD (and
 * measured so, see text-width.ts), so a name holding one gives a file every XML parser reads, and no control
 * character reaches the picture.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what it finds
const NOT_DRAWN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/gu;

/** What XML reads as a space in an attribute's value unless written as a character reference. */
const XML_SPACE: Record<string, string> = { "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/**
 * Escapes text for XML content and attribute values. Tab, line feed and carriage return are character
 * references: an XML parser reads them in an attribute as they are, not as spaces, and an HTML parser
 * does not turn a carriage return into a line feed, so a `data-name` is the name itself.
 */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(
    /[&<>"'\t\n\r]/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", ...XML_SPACE })[ch] as string,
  );
}

/** `text` with each character not drawn as itself replaced by U+FFFD, as {@link escapeXml} writes it. */
export const xmlSafe = (text: string): string => text.replace(NOT_DRAWN, "\uFFFD");

export interface SvgOptions {
  /** The picture's `<title>`. */
  readonly title?: string;
  /** Put before every element id, so several pictures can share one HTML page. */
  readonly idPrefix?: string;
}

const num = (n: number): string => String(Math.round(n * 100) / 100);

function nodeElement(node: LayoutNode, prefix: string): string {
  const classes = [
    "node",
    node.kind === "job" ? "job" : `resource ${node.kind}`,
    ...(node.repeated ? ["repeated"] : []),
  ];
  const fill = node.kind === "job" ? COLORS.job : COLORS.resource;
  const textFill = node.kind === "constrained-input" ? COLORS.constrainedText : COLORS.text;
  const fragment = node.fragment === undefined ? "" : ` data-fragment="${node.fragment}"`;
  return [
    `<g id="${prefix}${node.id}" class="${classes.join(" ")}" data-name="${escapeXml(node.name)}" data-column="${node.column}"${fragment} transform="translate(${num(node.x)},${num(node.y)})">`,
    `<title>${escapeXml(node.kind === "job" ? `job ${node.name}` : `${node.kind} ${node.name}`)}</title>`,
    `<rect width="${num(node.width)}" height="${num(node.height)}" fill="${fill}"/>`,
    `<text x="${num(node.width / 2)}" y="${num(node.height / 2)}" fill="${textFill}" text-anchor="middle" dominant-baseline="central">${escapeXml(node.name)}</text>`,
    "</g>",
  ].join("");
}

/** The `<svg>` element (no XML declaration), for embedding in the HTML page or writing out. */
export function svgElement(layout: GraphLayout, options: SvgOptions = {}): string {
  const prefix = options.idPrefix ?? "";
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="pipeline-graph" width="${num(layout.width)}" height="${num(layout.height)}" viewBox="0 0 ${num(layout.width)} ${num(layout.height)}" font-family="${escapeXml(FONT.family)}" font-size="${FONT.size}" font-weight="${FONT.weight}">`,
  );
  if (options.title !== undefined) out.push(`<title>${escapeXml(options.title)}</title>`);
  out.push(`<rect class="background" width="100%" height="100%" fill="${COLORS.background}"/>`);
  out.push('<g class="outlines">');
  layout.outlines.forEach((o, i) => {
    out.push(
      `<g class="outline" data-fragment="${i}">`,
      `<rect x="${num(o.x)}" y="${num(o.y)}" width="${num(o.width)}" height="${num(o.height)}" rx="6" fill="none" stroke="${COLORS.outline}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      `<text x="${num(o.x + 4)}" y="${num(o.y - 5)}" fill="${COLORS.outline}" font-weight="400">${escapeXml(o.label)}</text>`,
      "</g>",
    );
  });
  out.push("</g>", '<g class="edges">');
  for (const e of layout.edges) {
    const dashed = e.trigger ? "" : ' stroke-dasharray="5 5"';
    out.push(
      `<path class="edge${e.trigger ? "" : " trigger-false"}" data-source="${prefix}${e.source}" data-target="${prefix}${e.target}" data-resource="${escapeXml(e.resource)}" d="${e.path}" fill="none" stroke="${COLORS.edge}" stroke-width="2"${dashed}/>`,
    );
  }
  out.push("</g>", '<g class="nodes">');
  for (const node of layout.nodes) out.push(nodeElement(node, prefix));
  out.push("</g>", "</svg>");
  return out.join("\n");
}

/** A standalone SVG file. */
export function toSvg(layout: GraphLayout, options: SvgOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgElement(layout, options)}\n`;
}
