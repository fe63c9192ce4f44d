/**
 * The layout as one self-contained HTML page (no external assets; works offline): the SVG picture
 * per group as tabs, a legend, hover on a job to highlight its inputs, outputs and its `passed:`
 * chain up and down, and click on a job to read its config (in a panel beside the picture: while it
 * is open the picture leaves it room, so no job is under it).
 */
import type { GraphLayout } from "./layout.ts";
import { COLORS, escapeXml, svgElement, xmlSafe } from "./svg.ts";
import { FONT } from "./text-width.ts";

/** One tab of the page: all jobs, or one group's. */
export interface HtmlView {
  readonly name: string;
  readonly layout: GraphLayout;
}

export interface HtmlOptions {
  readonly title: string;
  /** Each job's config as text (YAML), shown when the job is clicked; by the job's name. */
  readonly jobConfigs: ReadonlyMap<string, string>;
}

const STYLE = `
:root { color-scheme: dark; }
body { margin: 0; background: ${COLORS.background}; color: #e2e2e2; font-family: ${FONT.family}; font-size: 13px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 8px 12px; background: #151515; }
header h1 { font-size: 14px; margin: 0 12px 0 0; }
nav button { background: #363636; color: #e2e2e2; border: 0; padding: 6px 12px; font: inherit; cursor: pointer; }
nav button[aria-selected="true"] { background: #7a7373; color: #fff; }
main { overflow: auto; }
.view[hidden] { display: none; }
.node.job { cursor: pointer; }
svg.highlighting .node, svg.highlighting .edge { opacity: 0.25; }
svg.highlighting .node.active, svg.highlighting .edge.active { opacity: 1; }
.edge.active { stroke-width: 4px; }
.node.selected rect { stroke: #fff; stroke-width: 2px; }
#legend { position: fixed; right: 12px; bottom: 12px; background: #151515e6; padding: 8px 12px; border-radius: 4px; }
#legend h2, #config h2 { font-size: 13px; margin: 0 0 6px; }
#legend ul { list-style: none; margin: 0; padding: 0; }
#legend li { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
#config { position: fixed; top: 48px; right: 12px; box-sizing: border-box; width: min(560px, 45vw); max-height: calc(100vh - 220px); overflow: auto; background: #151515f2; padding: 8px 12px; border-radius: 4px; }
#config[hidden] { display: none; }
body.config-open main { margin-right: calc(min(560px, 45vw) + 24px); }
#config pre { margin: 0; white-space: pre; font-size: 12px; }
#config button { float: right; background: none; color: #e2e2e2; border: 0; font: inherit; cursor: pointer; }
`;

/** Hover and click behaviour; reads only the DOM and the job configs embedded as JSON. */
const SCRIPT = `
(function () {
  var configs = JSON.parse(document.getElementById("job-configs").textContent);
  var panel = document.getElementById("config");
  function edgesOf(svg) { return Array.prototype.slice.call(svg.querySelectorAll(".edge")); }
  // everything upstream and downstream of a job: its inputs and outputs, and through them the passed: chain
  function reach(svg, start) {
    var edges = edgesOf(svg), nodes = {}, active = [];
    nodes[start] = true;
    ["source", "target"].forEach(function (from) {
      var to = from === "source" ? "target" : "source", queue = [start], seen = {};
      seen[start] = true;
      while (queue.length) {
        var id = queue.shift();
        edges.forEach(function (e) {
          if (e.dataset[to] !== id) return;
          active.push(e);
          var next = e.dataset[from];
          nodes[next] = true;
          if (!seen[next]) { seen[next] = true; queue.push(next); }
        });
      }
    });
    return { nodes: nodes, edges: active };
  }
  function clear(svg) {
    svg.classList.remove("highlighting");
    Array.prototype.forEach.call(svg.querySelectorAll(".active"), function (el) { el.classList.remove("active"); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("svg.pipeline-graph"), function (svg) {
    Array.prototype.forEach.call(svg.querySelectorAll(".node.job"), function (job) {
      job.addEventListener("mouseenter", function () {
        var r = reach(svg, job.id);
        svg.classList.add("highlighting");
        Object.keys(r.nodes).forEach(function (id) { var n = svg.getElementById(id); if (n) n.classList.add("active"); });
        r.edges.forEach(function (e) { e.classList.add("active"); });
      });
      job.addEventListener("mouseleave", function () { clear(svg); });
      job.addEventListener("click", function () {
        Array.prototype.forEach.call(document.querySelectorAll(".node.selected"), function (n) { n.classList.remove("selected"); });
        job.classList.add("selected");
        var name = job.dataset.name;
        panel.querySelector("h2").textContent = "job " + name;
        panel.querySelector("pre").textContent = configs[name] || "";
        panel.hidden = false;
        document.body.classList.add("config-open");
      });
    });
  });
  panel.querySelector("button").addEventListener("click", function () {
    panel.hidden = true;
    document.body.classList.remove("config-open");
  });
  var tabs = Array.prototype.slice.call(document.querySelectorAll("nav button"));
  function show(view) {
    tabs.forEach(function (t) { t.setAttribute("aria-selected", String(t.dataset.view === view)); });
    Array.prototype.forEach.call(document.querySelectorAll(".view"), function (v) { v.hidden = v.dataset.view !== view; });
  }
  tabs.forEach(function (t) { t.addEventListener("click", function () { show(t.dataset.view); }); });
})();
`;

function legend(): string {
  const box = (fill: string, text: string, label: string) =>
    `<li><svg width="64" height="20"><rect width="64" height="20" fill="${fill}"/><text x="32" y="10" fill="${text}" text-anchor="middle" dominant-baseline="central" font-size="10" font-weight="700">${label}</text></svg>${label}</li>`;
  const line = (dash: string, label: string) =>
    `<li><svg width="64" height="20"><path d="M0,10 H64" stroke="${COLORS.edge}" stroke-width="2"${dash}/></svg>${label}</li>`;
  return [
    '<aside id="legend"><h2>Legend</h2><ul>',
    box(COLORS.job, COLORS.text, "job"),
    box(COLORS.resource, COLORS.text, "resource"),
    box(COLORS.resource, COLORS.constrainedText, "passed"),
    line("", "triggers"),
    line(' stroke-dasharray="5 5"', "trigger: false"),
    `<li><svg width="64" height="20"><rect x="1" y="3" width="62" height="14" rx="4" fill="none" stroke="${COLORS.outline}" stroke-dasharray="6 4"/></svg>fragment</li>`,
    "</ul></aside>",
  ].join("");
}

/** JSON safe inside a `<script>` element (and in XML 1.0: U+FFFE and U+FFFF, which JSON leaves as they are, escaped). */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<\uFFFE\uFFFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The page. The first view is shown; the others are a tab away. Tabs find their view by its index,
 * never its name: a group may be named like another view (`all`).
 */
export function toHtml(views: readonly HtmlView[], options: HtmlOptions): string {
  const tabs =
    views.length > 1
      ? `<nav>${views
          .map(
            (v, i) =>
              `<button type="button" data-view="v${i}" aria-selected="${i === 0}">${escapeXml(v.name)}</button>`,
          )
          .join("")}</nav>`
      : "";
  const sections = views.map(
    (v, i) =>
      `<section class="view" data-view="v${i}" aria-label="${escapeXml(v.name)}"${i === 0 ? "" : " hidden"}>\n${svgElement(v.layout, { title: `${options.title} (${v.name})`, idPrefix: `v${i}-` })}\n</section>`,
  );
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(options.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<header><h1>${escapeXml(options.title)}</h1>${tabs}</header>`,
    "<main>",
    ...sections,
    "</main>",
    legend(),
    '<aside id="config" hidden><button type="button" aria-label="close">×</button><h2></h2><pre></pre></aside>',
    `<script type="application/json" id="job-configs">${scriptJson(Object.fromEntries([...options.jobConfigs].map(([name, config]) => [xmlSafe(name), config])))}</script>`,
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
