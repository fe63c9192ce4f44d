import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { layoutProblems, pathPieces } from "../../test/helpers/graph-checks.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { type GraphLayout, type LayoutOptions, layoutPipeline, MAX_COPIED_COLUMNS, MAX_TUG_PASSES } from "./layout.ts";
import { toSvg } from "./svg.ts";
import { textWidth } from "./text-width.ts";

const git = (name: string) => ({ name, type: "git", source: { uri: `https://git.example.com/${name}.git` } });

/** unit -> build -> deploy by passed:, with `src` through all three and `deploy` getting `src` untriggered. */
const chain: Pipeline = {
  resources: [git("src"), git("tools"), { name: "image", type: "registry-image", source: { repository: "x/y" } }],
  jobs: [
    {
      name: "unit",
      plan: [
        { get: "src", trigger: true },
        { task: "test", file: "src/ci/test.yml" },
      ],
    },
    {
      name: "build",
      plan: [{ get: "src", trigger: true, passed: ["unit"] }, { get: "tools" }, { put: "image" }],
    },
    {
      name: "deploy",
      plan: [
        { get: "image", trigger: true, passed: ["build"] },
        { get: "src", passed: ["build"] },
      ],
    },
  ],
};

/**
 * The skip shape: a chain of `n` jobs on `c` (job i gets `c` passed job i - 1, and puts it), where each
 * job from `skip` on also gets `z` passed the job `skip` before it, which puts `z`. An edge of `z`
 * skips 2 * skip - 2 columns; with `skip` n/2, n/2 such edges cross the middle column.
 */
function skipShape(n: number, skip = n / 2): Pipeline {
  const name = (i: number) => `job-${i}`;
  return {
    resources: [git("c"), git("z")],
    jobs: Array.from({ length: n }, (_, i) => ({
      name: name(i),
      plan: [
        i === 0 ? { get: "c" } : { get: "c", passed: [name(i - 1)] },
        ...(i >= skip ? [{ get: "z", passed: [name(i - skip)] }] : []),
        { put: "c" },
        ...(i < n - skip ? [{ put: "z" }] : []),
      ],
    })),
  };
}

const node = (layout: GraphLayout, kind: string, name: string) =>
  layout.nodes.filter((n) => n.kind === kind && n.name === name);
const jobNames = (p: Pipeline) => p.jobs.map((j) => j.name);

describe("layoutPipeline", () => {
  test("jobs take columns from passed:, inputs stand just before their job", () => {
    const layout = layoutPipeline(chain);
    expect(node(layout, "job", "unit")[0]?.column).toBe(1);
    expect(node(layout, "job", "build")[0]?.column).toBe(3);
    expect(node(layout, "job", "deploy")[0]?.column).toBe(5);
    // the free input of unit, the passed input between unit and build, and the one between build and deploy
    expect(node(layout, "input", "src").map((n) => n.column)).toEqual([0]);
    expect(node(layout, "constrained-input", "src").map((n) => n.column)).toEqual([2, 4]);
    // backward pass: `tools`, only needed by build, stands right before it rather than in column 0
    expect(node(layout, "input", "tools").map((n) => n.column)).toEqual([2]);
    // build puts image and deploy gets it passed build: the output node is the input
    expect(node(layout, "output", "image").map((n) => n.column)).toEqual([4]);
    expect(layoutProblems(layout, jobNames(chain))).toEqual([]);
  });

  test("trigger: false inputs are the dashed edges", () => {
    const layout = layoutPipeline(chain);
    const deploy = node(layout, "job", "deploy")[0]?.id;
    const into = layout.edges.filter((e) => e.target === deploy).map((e) => [e.resource, e.trigger]);
    expect(into.sort()).toEqual([
      ["image", true],
      ["src", false],
    ]);
    // and `tools`, which build gets without trigger: true
    expect(layout.edges.filter((e) => !e.trigger).map((e) => e.resource)).toEqual(["src", "tools"]);
  });

  test("a resource is repeated in every column an edge skips", () => {
    const p: Pipeline = {
      resources: [git("src"), git("other")],
      jobs: [
        { name: "a", plan: [{ get: "src", trigger: true }] },
        { name: "b", plan: [{ get: "src", passed: ["a"] }] },
        { name: "c", plan: [{ get: "src", passed: ["b"] }, { get: "other" }] },
        // d gets src from a, two jobs further right than a's output column
        { name: "d", plan: [{ get: "src", passed: ["a", "c"] }] },
      ],
    };
    const layout = layoutPipeline(p);
    expect(node(layout, "job", "d")[0]?.column).toBe(7);
    const fromA = layout.nodes.filter((n) => n.name === "src" && n.repeated).map((n) => n.column);
    expect(fromA).toEqual([3, 4, 5, 6]);
    expect(layoutProblems(layout, jobNames(p))).toEqual([]);
  });

  test("free inputs of one resource in one column are one node; ports are rows of their node", () => {
    const p: Pipeline = {
      resources: [git("src"), git("lib")],
      jobs: [
        { name: "x", plan: [{ get: "src", trigger: true }, { get: "lib" }] },
        { name: "y", plan: [{ get: "src", trigger: true }] },
      ],
    };
    const layout = layoutPipeline(p);
    expect(node(layout, "input", "src")).toHaveLength(1);
    const x = node(layout, "job", "x")[0];
    expect(x?.ports).toEqual(["lib", "src"]); // Concourse's order: shorter names first, then alphabetical
    expect(x?.height).toBe(2 * 20 + 10);
    expect(layoutProblems(layout, jobNames(p))).toEqual([]);
  });

  test("names never overflow: a box is its measured name plus padding", () => {
    const p: Pipeline = { jobs: [{ name: "a-rather-long-job-name-日本", plan: [] }] };
    const [job] = layoutPipeline(p).nodes;
    expect(job?.width).toBe(Math.ceil(textWidth("a-rather-long-job-name-日本")) + 10);
    expect(textWidth("abc")).toBeCloseTo(3 * 0.602 * 12);
    expect(textWidth("日本")).toBe(24);
    expect(textWidth("e\u0301")).toBeCloseTo(0.602 * 12); // a combining accent takes no room
  });

  test("--group draws its jobs, globs matched as Concourse matches them", () => {
    const p: Pipeline = {
      ...chain,
      groups: [
        { name: "ci", jobs: ["unit", "b*"] },
        { name: "cd", jobs: ["deploy"] },
      ],
    };
    expect(jobsOf(layoutPipeline(p, { group: "ci" }))).toEqual(["build", "unit"]);
    const cd = layoutPipeline(p, { group: "cd" });
    expect(jobsOf(cd)).toEqual(["deploy"]);
    // build is not drawn, but what deploy takes from it still is
    expect(node(cd, "constrained-input", "src")).toHaveLength(1);
    expect(() => layoutPipeline(p, { group: "nope" })).toThrowError("no group 'nope' (groups: ci, cd)");
  });

  test("passed: constraints that loop are an error naming the jobs", () => {
    const p: Pipeline = {
      resources: [git("src")],
      jobs: [
        { name: "a", plan: [{ get: "src", passed: ["b"] }] },
        { name: "b", plan: [{ get: "src", passed: ["a"] }] },
      ],
    };
    expect(() => layoutPipeline(p)).toThrowError("the passed: constraints of these jobs form a cycle: a, b");
  });

  test("a cycle's error names the jobs on it, not those downstream of it", () => {
    // d -> a -> b -> c -> a, c -> e, and a job passed itself, f
    const job = (name: string, passed: string[]) => ({ name, plan: [{ get: "src", passed }] });
    const p: Pipeline = {
      resources: [git("src")],
      jobs: [job("e", ["c"]), job("a", ["c", "d"]), job("b", ["a"]), job("c", ["b"]), job("d", []), job("f", ["f"])],
    };
    expect(() => layoutPipeline(p)).toThrowError("the passed: constraints of these jobs form a cycle: a, b, c, f");
    // a long cycle is named by its first 20 jobs, each name cut, and counted
    const long = Array.from({ length: 500 }, (_, i) => `job-${i}-${"x".repeat(100)}`);
    const ring = {
      resources: [{ name: "r", type: "git", source: {} }],
      jobs: long.map((name, i) => ({ name, plan: [{ get: "r", passed: [long[(i + 1) % long.length] as string] }] })),
    };
    let message = "";
    try {
      layoutPipeline(ring as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^the passed: constraints of these jobs form a cycle: (job-\d+-x+…, ){19}job-\d+-x+… and 480 more$/,
    );
  });

  test("fragments: each fragment's jobs, and its resources next to them, share an outline", () => {
    const packer = { id: 0, label: "packerJobs() at pipeline.ts:47" };
    const fragments: LayoutOptions["fragments"] = {
      jobs: new Map([
        ["build", packer],
        ["deploy", packer],
      ]),
      resources: new Map([
        ["image", packer],
        ["tools", packer],
      ]),
    };
    const layout = layoutPipeline(chain, { fragments });
    expect(layout.outlines).toHaveLength(1);
    const [outline] = layout.outlines;
    const inside = new Set(outline?.nodes);
    const names = layout.nodes.filter((n) => inside.has(n.id)).map((n) => `${n.kind} ${n.name}`);
    expect(names.sort()).toEqual(["input tools", "job build", "job deploy", "output image"]);
    for (const n of layout.nodes.filter((n) => inside.has(n.id))) {
      expect(n.x).toBeGreaterThan(outline?.x ?? Number.NaN);
      expect(n.x + n.width).toBeLessThan((outline?.x ?? 0) + (outline?.width ?? 0));
      expect(n.y + n.height).toBeLessThan((outline?.y ?? 0) + (outline?.height ?? 0));
    }
    expect(outline?.y).toBeGreaterThan(16); // room for the label above
  });

  test("tugging is a few passes, however long the runs of resource copies it lines up", () => {
    // a chain of n jobs on `c`; each job from the skip-th on also gets `z` passed the job `skip` before
    // it, so n - skip runs of `z` copies (or lanes), stacked in a staircase the tug must flatten
    const n = 200;
    const staircase = (skip: number): Pipeline => ({
      resources: [git("c"), git("z")],
      jobs: Array.from({ length: n }, (_, i) => ({
        name: `j${i}`,
        plan: [
          i === 0 ? { get: "c" } : { get: "c", passed: [`j${i - 1}`] },
          i < skip ? { get: "z" } : { get: "z", passed: [`j${i - skip}`] },
        ],
      })),
    });
    // runs of copies as long as they get (MAX_COPIED_COLUMNS)
    const skip = MAX_COPIED_COLUMNS / 2 + 1;
    const layout = layoutPipeline(staircase(skip));
    // it used to take a pass per row each run moves down, each pass visiting every node
    expect(layout.tugPasses).toBeLessThanOrEqual(4);
    expect(layout.tugPasses).toBeLessThan(MAX_TUG_PASSES);
    const repeated = new Set(layout.nodes.filter((x) => x.repeated).map((x) => x.id));
    const between = layout.edges.filter((e) => repeated.has(e.source) && repeated.has(e.target));
    expect(between).toHaveLength((n - skip) * (MAX_COPIED_COLUMNS - 1));
    // runs across half the picture are lanes (straight by construction, see below): a few passes too
    expect(layoutPipeline(staircase(n / 2)).tugPasses).toBeLessThanOrEqual(4);
    expect(layoutPipeline(skipShape(n)).tugPasses).toBeLessThanOrEqual(4);
  });

  test("an edge skipping many columns is one edge along a lane: the skip shape has a node per job and put", () => {
    for (const n of [100, 200, 400]) {
      const layout = layoutPipeline(skipShape(n));
      // n jobs, their n outputs of c and n/2 of z, and the free input of c: no copy of z in each
      // column a z edge skips (there were n²/4 of them)
      expect(layout.nodes).toHaveLength(n + n + n / 2 + 1);
      expect(layout.nodes.filter((x) => x.repeated)).toEqual([]);
      expect(layout.edges).toHaveLength(3 * n);
      // and a lane turns twice, however many columns it crosses
      for (const e of layout.edges) expect(e.path.match(/[MHC]/g)?.length).toBeLessThanOrEqual(6);
    }
  });

  test("an edge skips at most MAX_COPIED_COLUMNS columns through copies of its resource, more along a lane", () => {
    const skipped = (layout: GraphLayout) => {
      const column = new Map(layout.nodes.map((x) => [x.id, x.column]));
      return layout.edges.map((e) => (column.get(e.target) as number) - (column.get(e.source) as number) - 1);
    };
    const copied = layoutPipeline(skipShape(40, MAX_COPIED_COLUMNS / 2 + 1));
    expect(Math.max(...skipped(copied))).toBe(0);
    expect(copied.nodes.filter((x) => x.repeated)).toHaveLength((40 - 9) * MAX_COPIED_COLUMNS);
    const laned = layoutPipeline(skipShape(40, MAX_COPIED_COLUMNS / 2 + 2));
    expect(laned.nodes.filter((x) => x.repeated)).toEqual([]);
    expect(skipped(laned).filter((k) => k > 0)).toEqual(Array(40 - 10).fill(MAX_COPIED_COLUMNS + 2));
  });

  test("lanes pass clear of every box, and the picture holds them", () => {
    const p = skipShape(40);
    const layout = layoutPipeline(p);
    const column = new Map(layout.nodes.map((x) => [x.id, x.column]));
    const long = layout.edges.filter((e) => (column.get(e.target) as number) - (column.get(e.source) as number) > 1);
    expect(long).toHaveLength(20);
    expect(layoutProblems(layout, jobNames(p))).toEqual([]);
    for (const e of long) {
      const ys = pathPieces(e.path).flatMap(([a, b]) => [a.y, b.y]);
      expect(Math.max(...ys)).toBeLessThan(layout.height - 20);
    }
    // the check sees a long edge drawn straight along its source's row, through the jobs on the way
    const first = long[0] as (typeof long)[number];
    const [, x0, y0] = /^M([\d.]+),([\d.]+)/.exec(first.path) ?? [];
    const target = layout.nodes.find((x) => x.id === first.target);
    const straight = { ...first, path: `M${x0},${y0} H${target?.x}` };
    expect(layoutProblems({ ...layout, edges: [straight] }, [])).toContain(
      "edge of z from job-0 to z crosses job job-1",
    );
  });

  test("a column of 140,000 jobs, all getting one resource, lays out (no spread of them into Math.max)", () => {
    const jobs = Array.from({ length: 140_000 }, (_, i) => ({ name: `j${i}`, plan: [{ get: "src" }] }));
    const layout = layoutPipeline({ resources: [git("src")], jobs });
    expect(layout.columns).toBe(2);
    expect(layout.nodes).toHaveLength(140_001);
    expect(layout.height).toBe(20 + 140_000 * 30 - 10 + 20);
  }, 60_000);

  test("a chain of 5,000 jobs listed downstream first, two resources each, lays out (no recursion along the chain)", () => {
    // job-i gets r and s passed job-(i-1); the last job comes first, so the first port sorted is the farthest downstream
    const jobs = Array.from({ length: 5_000 }, (_, k) => {
      const i = 4_999 - k;
      const passed = i === 0 ? {} : { passed: [`job-${i - 1}`] };
      return {
        name: `job-${i}`,
        plan: [
          { get: "s", ...passed },
          { get: "r", ...passed },
        ],
      };
    });
    const layout = layoutPipeline({ resources: [git("r"), git("s")], jobs });
    expect(layout.columns).toBe(10_000); // a job and its constrained inputs per link, the free inputs first
    const ports = new Set(layout.nodes.filter((n) => n.kind === "job").map((n) => n.ports.join(" ")));
    expect([...ports]).toEqual(["r s"]);
  }, 60_000);

  test("no job to draw: a picture of the margins alone, not a negative width", () => {
    for (const p of [{ jobs: [] }, { resources: [git("src")] } as unknown as Pipeline, {} as Pipeline]) {
      const layout = layoutPipeline(p);
      expect([layout.width, layout.height, layout.columns, layout.nodes.length]).toEqual([40, 40, 0, 0]);
      expect(toSvg(layout)).toContain('width="40" height="40" viewBox="0 0 40 40"');
    }
  });

  test("the same pipeline lays out the same every time", () => {
    expect(toSvg(layoutPipeline(chain))).toBe(toSvg(layoutPipeline(structuredClone(chain))));
  });
});

const jobsOf = (layout: GraphLayout) =>
  layout.nodes
    .filter((n) => n.kind === "job")
    .map((n) => n.name)
    .sort();

const corpus = resolve(import.meta.dirname, "../../../shared/corpus/pipelines");
const corpusFiles = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)) : [];

describe.skipIf(corpusFiles.length === 0)(
  `every corpus pipeline lays out and draws (${corpusFiles.length} files of ../shared/corpus/pipelines)`,
  () => {
    test.each(corpusFiles)("%s", (file) => {
      const parsed = parsePipeline(readFileSync(join(corpus, file), "utf8"), { file });
      if (!parsed.wellFormed || parsed.pipeline === undefined) return; // the validator's to report
      const p = parsed.pipeline;
      const layout = layoutPipeline(p);
      expect(layoutProblems(layout, jobNames(p))).toEqual([]);
      // they skip few columns: every edge goes through copies of its resource, as Concourse draws it
      const column = new Map(layout.nodes.map((n) => [n.id, n.column]));
      expect(layout.edges.filter((e) => column.get(e.target) !== (column.get(e.source) as number) + 1)).toEqual([]);
      for (const g of p.groups ?? []) {
        expect(layoutProblems(layoutPipeline(p, { group: g.name }), [])).toEqual([]);
      }
      expect(toSvg(layout)).toContain("</svg>");
    });
  },
);
if (corpusFiles.length === 0) test.skip("corpus pipelines: ../shared/corpus/pipelines is absent here", () => {});
