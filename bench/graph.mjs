// `hangar graph` bench rows, run by bench/run.mjs in a child process; prints one JSON document.
// Lays out the largest pipeline of ../shared/corpus/pipelines, synthetic pipelines of 100 and 1,000 jobs, and a chain
// of 1,000 jobs with edges skipping half of it, fan-ins of 2,000 and 8,000 jobs into one (layout + SVG, parse excluded), and measures what fragment() pays for remembering its
// call site, each against a floor measured in the same run.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importFromSource } from "./bundle.mjs";
import { time } from "./timing.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const { parsePipeline, layoutPipeline, toSvg, fragment, callSiteOf, provenanceOf } = await importFromSource(
  repo,
  "graph",
  [
    'export { parsePipeline } from "./src/parse/parse-pipeline.ts";',
    'export { layoutPipeline } from "./src/graph/layout.ts";',
    'export { toSvg } from "./src/graph/svg.ts";',
    'export { fragment } from "./src/fragment/fragment.ts";',
    'export { callSiteOf, provenanceOf } from "./src/fragment/provenance.ts";',
  ],
);

const result = {};

// the largest corpus pipeline, by size of its text
const corpus = join(repo, "../shared/corpus/pipelines");
if (existsSync(corpus)) {
  const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
  const largest = files.sort((a, b) => statSync(join(corpus, b)).size - statSync(join(corpus, a)).size)[0];
  const text = readFileSync(join(corpus, largest), "utf8");
  const pipeline = parsePipeline(text).pipeline;
  result.corpus = {
    file: largest,
    jobs: pipeline.jobs.length,
    nodes: layoutPipeline(pipeline).nodes.length,
    parse: time(() => parsePipeline(text)),
    layout: time(() => layoutPipeline(pipeline)),
    layoutSvg: time(() => toSvg(layoutPipeline(pipeline))),
  };
}

/**
 * `n` jobs in tracks of 20: each job gets `src` and the previous job's output passed that job, every
 * third track also an output of the first stage (edges that skip columns), every seventh job a shared
 * untriggered `tools`; each job puts its own output.
 */
function synthetic(n) {
  const width = 20;
  const resources = [
    { name: "src", type: "git", source: { uri: "https://git.example.com/src.git" } },
    { name: "tools", type: "git", source: { uri: "https://git.example.com/tools.git" } },
  ];
  const jobs = [];
  for (let i = 0; i < n; i++) {
    const stage = Math.floor(i / width);
    const track = i % width;
    const previous = `job-${stage - 1}-${track}`;
    resources.push({ name: `out-${stage}-${track}`, type: "s3", source: { bucket: "b" } });
    const plan = [stage === 0 ? { get: "src", trigger: true } : { get: "src", trigger: true, passed: [previous] }];
    if (stage > 0) plan.push({ get: `out-${stage - 1}-${track}`, trigger: true, passed: [previous] });
    if (stage > 1 && track % 3 === 0) {
      const other = (track + 1) % width;
      plan.push({ get: `out-0-${other}`, passed: [`job-0-${other}`] });
    }
    if (i % 7 === 0) plan.push({ get: "tools" });
    plan.push({ put: `out-${stage}-${track}` });
    jobs.push({ name: `job-${stage}-${track}`, plan });
  }
  return { resources, jobs };
}
/** One row of a made pipeline of `n` jobs: its layout, and its layout and SVG, against parsing its JSON. */
function layoutRow(n, pipeline) {
  const json = JSON.stringify(pipeline);
  return {
    jobs: n,
    nodes: layoutPipeline(pipeline).nodes.length,
    jsonParse: time(() => JSON.parse(json)),
    layout: time(() => layoutPipeline(pipeline), 3),
    layoutSvg: time(() => toSvg(layoutPipeline(pipeline)), 3),
  };
}
result.synthetic = [100, 1000].map((n) => layoutRow(n, synthetic(n)));

/**
 * A chain of `n` jobs on `c` where each job of the second half also gets `z` passed the job n/2 before it: edges that
 * skip hundreds of columns, the shape that once cost a copy of `z` per column skipped (about n²/4 nodes).
 */
function skipShape(n) {
  const skip = n / 2;
  const name = (i) => `job-${i}`;
  const git = (r) => ({ name: r, type: "git", source: { uri: `https://git.example.com/${r}.git` } });
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
result.skip = (() => {
  const pipeline = skipShape(1000);
  const json = JSON.stringify(pipeline);
  return {
    jobs: 1000,
    nodes: layoutPipeline(pipeline).nodes.length,
    jsonParse: time(() => JSON.parse(json)),
    layout: time(() => layoutPipeline(pipeline), 3),
    layoutSvg: time(() => toSvg(layoutPipeline(pipeline)), 3),
  };
})();

/**
 * A fan-in: `n` jobs each getting a resource of its own, and one job getting all `n` passed them: a node of `n` ports
 * and `n` incoming edges, the shape that once cost a scan of all its ports or edges per port (quadratic in `n`).
 */
function fanIn(n) {
  const names = Array.from({ length: n }, (_, i) => `src-${i}`);
  return {
    resources: names.map((name) => ({
      name: `in-${name}`,
      type: "git",
      source: { uri: `https://git.example.com/${name}.git` },
    })),
    jobs: [
      ...names.map((name) => ({ name, plan: [{ get: `in-${name}` }] })),
      { name: "sink", plan: names.map((name) => ({ get: `in-${name}`, passed: [name] })) },
    ],
  };
}
result.fanIn = [2000, 8000].map((n) => layoutRow(n, fanIn(n)));

// provenance: fragment() against the object literal it returns without it, per call (µs of CPU)
const calls = 20_000;
const perCall = (f) =>
  (time(() => {
    for (let i = 0; i < calls; i++) f();
  }).cpu *
    1000) /
  calls;
const job = { name: "j", plan: [] };
const made = [];
result.provenance = {
  literal: perCall(() => ({ resource_types: [], resources: [], jobs: [job] })),
  fragment: perCall(() => fragment({ jobs: [job] })),
  // reading a call site formats the stack V8 captured: once per fragment, by the graph only
  callSite: (() => {
    for (let i = 0; i < 1000; i++) made.push(provenanceOf(fragment({ jobs: [job] })).jobs.get("j"));
    const c = process.cpuUsage();
    for (const origin of made) callSiteOf(origin);
    const used = process.cpuUsage(c);
    return (used.user + used.system) / made.length;
  })(),
};

process.stdout.write(JSON.stringify(result));
