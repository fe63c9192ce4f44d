import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, test } from "vitest";
import type { Pipeline } from "../model/pipeline.ts";
import { toDot } from "./dot.ts";
import { toHtml } from "./html.ts";
import { type LayoutOptions, layoutPipeline } from "./layout.ts";
import { toSvg } from "./svg.ts";
import { textWidth } from "./text-width.ts";

/** Parses XML strictly; returns the elements seen (name and attributes), or throws on the first error. */
function parseXml(text: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: { text: string }[] = [];
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: "" };
    elements.push(element);
    open.push(element);
  });
  parser.on("text", (t) => {
    const top = open[open.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => void open.pop());
  parser.write(text).close();
  return elements;
}

const tricky: Pipeline = {
  resources: [
    { name: "src<&>", type: "git", source: {} },
    { name: 'say "hi"', type: "git", source: {} },
  ],
  jobs: [
    { name: "build & <test>", plan: [{ get: "src<&>", trigger: true }, { put: 'say "hi"' }] },
    { name: "ship", plan: [{ get: 'say "hi"', passed: ["build & <test>"] }] },
  ],
};
const fragments: LayoutOptions["fragments"] = {
  jobs: new Map([["ship", { id: 0, label: "shipJobs() at <pipeline>.ts:3" }]]),
  resources: new Map(),
};

describe("svg", () => {
  test("is well-formed XML, names escaped, one group per node, dashed trigger: false edges", () => {
    const layout = layoutPipeline(tricky, { fragments });
    const elements = parseXml(toSvg(layout, { title: "a & b" }));
    const nodes = elements.filter((e) => e.name === "g" && (e.attributes.class ?? "").split(" ").includes("node"));
    expect(nodes.map((n) => n.attributes["data-name"]).sort()).toEqual(
      layout.nodes.map((n) => n.name).sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(nodes.map((n) => n.attributes["data-name"])).toContain("build & <test>");
    const texts = elements.filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toContain("build & <test>");
    expect(texts).toContain("shipJobs() at <pipeline>.ts:3");
    const dashed = elements.filter((e) => e.name === "path" && e.attributes["stroke-dasharray"] === "5 5");
    expect(dashed.map((e) => e.attributes["data-resource"])).toEqual(['say "hi"']);
    const outline = elements.find((e) => e.name === "rect" && e.attributes["stroke-dasharray"] === "6 4");
    expect(outline).toBeDefined();
  });

  test("every node box is as wide as its measured name, and the picture holds every box", () => {
    const layout = layoutPipeline(tricky);
    for (const n of layout.nodes) {
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });
});

describe("names with characters XML 1.0 cannot hold", () => {
  test("are drawn with U+FFFD in their place, measured so, and the SVG parses", () => {
    const name = "bad\u0001\u000b\u001bname\ud800\uffff";
    const layout = layoutPipeline({
      jobs: [
        { name, plan: [] },
        { name: "tab\there", plan: [] },
      ],
    });
    const elements = parseXml(toSvg(layout, { title: `title\u0002` }));
    const shown = "bad\ufffd\ufffd\ufffdname\ufffd\ufffd";
    expect(
      elements
        .filter((e) => e.name === "text")
        .map((e) => e.text)
        .sort(),
    ).toEqual([shown, "tab\there"]);
    expect(elements.find((e) => e.name === "title")?.text).toBe("title\ufffd");
    // the box is as wide as the name as drawn
    expect(layout.nodes.find((n) => n.name === name)?.width).toBe(Math.ceil(textWidth(shown)) + 10);
    const page = toHtml([{ name, layout }], { title: name, jobConfigs: new Map([[name, "config"]]) });
    // the page finds a job's config by the name its node carries
    const configs = page.match(/<script type="application\/json" id="job-configs">(.*?)<\/script>/s)?.[1] ?? "";
    expect(JSON.parse(configs)).toEqual({ [shown]: "config" });
    expect(page).toContain(`data-name="${shown}"`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be in the page
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uffff]|\p{Cs}/u);
  });
});

/** Whether Graphviz's `dot` is installed (its tests are skipped without it). */
const hasDot = spawnSync("dot", ["-V"]).status === 0;

describe("names with tabs, line breaks and other control characters", () => {
  const name = "a\tb\nc\rd\r\ne";
  const odd = "del\u007f c1\u0085\u009f nul\u0000";
  const layout = layoutPipeline({
    resources: [{ name: odd, type: "git", source: {} }],
    jobs: [{ name, plan: [{ get: odd }] }],
  });

  test("a node's data-name is the name, as an XML parser and the HTML page read it", () => {
    const job = parseXml(toSvg(layout)).find((e) => e.attributes.class === "node job");
    expect(job?.attributes["data-name"]).toBe(name);
    const page = toHtml([{ name: "all", layout }], { title: "p", jobConfigs: new Map([[name, "config"]]) });
    // an HTML parser reads a carriage return written as itself as a line feed: the page writes them as references
    expect(page).toContain('data-name="a&#9;b&#10;c&#13;d&#13;&#10;e"');
    const configs = page.match(/<script type="application\/json" id="job-configs">(.*?)<\/script>/s)?.[1] ?? "";
    expect(JSON.parse(configs)).toEqual({ [name]: "config" });
  });

  test("DEL and the C1 controls are drawn as U+FFFD, measured so, in the SVG, the page and dot", () => {
    const shown = "del\ufffd c1\ufffd\ufffd nul\ufffd";
    const texts = parseXml(toSvg(layout))
      .filter((e) => e.name === "text")
      .map((e) => e.text);
    expect(texts).toContain(shown);
    expect(layout.nodes.find((n) => n.name === odd)?.width).toBe(Math.ceil(textWidth(shown)) + 10);
    const page = toHtml([{ name: odd, layout }], { title: odd, jobConfigs: new Map() });
    const dot = toDot(layout, { title: odd });
    for (const text of [toSvg(layout), page, dot]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be in the output
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    }
    expect(dot).toContain(`label="${shown}"`);
    // every line break of a name is dot's \n, none is written as itself
    expect(dot).toContain('label="a\tb\\nc\\nd\\ne"');
  });

  test.skipIf(!hasDot)("Graphviz reads the dot of them whole and draws an SVG that parses", () => {
    const drawn = spawnSync("dot", ["-Tsvg"], { input: toDot(layout, { title: odd }), encoding: "utf8" });
    expect(drawn.stderr).toBe("");
    expect(drawn.status).toBe(0);
    const texts = parseXml(drawn.stdout)
      .filter((e) => e.name === "text")
      .map((e) => e.text);
    expect(texts).toContain("del\ufffd c1\ufffd\ufffd nul\ufffd");
  });
});

describe("html", () => {
  test("one self-contained page: an svg per view, legend, job configs, no external references", () => {
    const layout = layoutPipeline(tricky);
    const html = toHtml(
      [
        { name: "all", layout },
        { name: "ci", layout },
      ],
      { title: "tricky </script>", jobConfigs: new Map([["ship", "name: ship\n</script><b>"]]) },
    );
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b/);
    expect(html.match(/<svg\b/g)).toHaveLength(2 + 6); // two pictures and the legend's six swatches
    expect(html).toContain('id="legend"');
    // the config JSON cannot close its script element
    const json = html.match(/<script type="application\/json" id="job-configs">(.*?)<\/script>/s)?.[1] ?? "";
    expect(JSON.parse(json)).toEqual({ ship: "name: ship\n</script><b>" });
    // ids are unique across views
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
  test("a group named like the view of all jobs has its own tab and section", () => {
    const layout = layoutPipeline(tricky);
    const html = toHtml(
      [
        { name: "all", layout },
        { name: "main", layout },
        { name: "all", layout },
      ],
      { title: "p", jobConfigs: new Map() },
    );
    const tabs = [...html.matchAll(/<button type="button" data-view="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [
      m[1],
      m[2],
    ]);
    const sections = [...html.matchAll(/<section class="view" data-view="([^"]*)"/g)].map((m) => m[1]);
    expect(tabs.map(([, label]) => label)).toEqual(["all", "main", "all"]);
    // each tab names one section, and each section one tab
    expect(new Set(sections).size).toBe(3);
    expect(tabs.map(([view]) => view)).toEqual(sections);
  });
});

describe("dot", () => {
  test("an edge along a lane is as long as the columns it skips, so dot's ranks are the columns", () => {
    // a chain of 11 jobs on `c`; the last gets `z` passed the first: 18 columns skipped, a lane
    const job = (i: number) => `job-${i}`;
    const p: Pipeline = {
      resources: [
        { name: "c", type: "git", source: {} },
        { name: "z", type: "git", source: {} },
      ],
      jobs: Array.from({ length: 11 }, (_, i) => ({
        name: job(i),
        plan: [
          i === 0 ? { get: "c" } : { get: "c", passed: [job(i - 1)] },
          ...(i === 10 ? [{ get: "z", passed: [job(0)] }] : []),
          { put: "c" },
          ...(i === 0 ? [{ put: "z" }] : []),
        ],
      })),
    };
    const layout = layoutPipeline(p);
    const column = new Map(layout.nodes.map((n) => [n.id, n.column]));
    const long = layout.edges.filter((e) => (column.get(e.target) ?? 0) - (column.get(e.source) ?? 0) > 1);
    expect(long).toHaveLength(1);
    const [lane] = long;
    const dot = toDot(layout);
    expect(dot).toContain(`"${lane?.source}" -> "${lane?.target}" [minlen=19];`);
    expect(dot.match(/minlen/g)).toHaveLength(1);
  });

  test("matches the golden file", () => {
    const chain: Pipeline = {
      resources: [{ name: "src", type: "git", source: {} }],
      jobs: [
        { name: "unit", plan: [{ get: "src", trigger: true }] },
        { name: "ship", plan: [{ get: "src", passed: ["unit"] }] },
      ],
    };
    const dot = toDot(
      layoutPipeline(chain, {
        fragments: { jobs: new Map([["ship", { id: 0, label: 'ship "it"' }]]), resources: new Map() },
      }),
      { title: "chain" },
    );
    const golden = resolve(import.meta.dirname, "../../test/fixtures/graph/chain.golden.dot");
    expect(dot).toBe(readFileSync(golden, "utf8"));
  });
});
