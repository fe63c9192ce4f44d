// `npm run bench`: the workload of ../shared/bench/WORKLOAD.md against the built library (dist/, via the
// package's own name) and an esbuild bundle of the validator. One child process per size N, then the
// whole-process start-up of `hangar render`. Prints a table per section and a PASS/MISS line per goal.
//
//   node --expose-gc bench/run.mjs [--sizes=100,1000,10000] [--no-parse] [--no-startup] [--no-limits] [--runs=10]
//                                  [--no-batch] [--batch-runs=3] [--no-lsp] [--no-once] [--once-runs=5]
//                                  [--no-render-at-scale] [--scale-runs=5]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureBatch } from "./batch.mjs";
import { bundleFromSource } from "./bundle.mjs";
import { measureLsp } from "./lsp.mjs";
import { measureProcesses, measureRenderAtScale, startupCommands } from "./startup.mjs";
import { median, ms } from "./timing.mjs";
import { measureInChild, measureShapes } from "./yaml-limits.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const sizes = (args.get("sizes") ?? "100,1000,10000").split(",").map(Number);
const startupRuns = Number(args.get("runs") ?? 10);

/** The largest growth exponent between the two largest sizes still counted as linear (noise and GC allowance). */
const LINEAR = 1.15;

const x = (v) => (v === undefined || !Number.isFinite(v) ? "-" : `${v.toFixed(2)}x`);
const exp = (v) => (v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(2));
const size = (n) => n.toLocaleString("en-US");

function table(title, headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(" | ")} |`;
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(`|${widths.map((w, c) => (c === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

/** Bundles the validator from src (same esbuild settings as the library build) for the parse + validate phases. */
async function bundleValidator() {
  try {
    return await bundleFromSource(repo, "validator", [
      'export { parsePipeline } from "./src/parse/parse-pipeline.ts";',
      'export { validate } from "./src/validate/validate.ts";',
      'export { validateData } from "./src/validate/validate-value.ts";',
      'export { renderData } from "./src/render/render.ts";',
      'export { rules } from "./src/validate/rules/index.ts";',
    ]);
  } catch (error) {
    console.log(`(validator not available, parse + validate skipped: ${error.message.split("\n")[0]})`);
    return undefined;
  }
}

/** Runs a bench script in a child process (node with `nodeArgs`) and returns the JSON line it prints; exits on failure. */
function childJson(nodeArgs) {
  const child = spawnSync(process.execPath, nodeArgs, { cwd: repo, encoding: "utf8", maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  return JSON.parse(child.stdout);
}

const parse = !args.has("no-parse");
const validator = parse ? await bundleValidator() : undefined;
const results = new Map();
for (const n of sizes) {
  process.stderr.write(`measuring N=${size(n)} ...\n`);
  const result = childJson([
    "--expose-gc",
    join(repo, "bench/measure.mjs"),
    String(n),
    ...(validator ? [validator] : []),
    ...(parse ? [] : ["--no-parse"]),
  ]);
  result.median = Object.fromEntries(Object.entries(result.samples).map(([k, v]) => [k, median(v)]));
  const perRun = (f) => median(result.samples.floorBuild.map((_, i) => f(i)));
  const s = result.samples;
  result.median.hangarBuildJson = perRun((i) => s.hangarBuild[i] + s.hangarJson[i]);
  result.median.floorBuildStringify = perRun((i) => s.floorBuild[i] + s.floorStringify[i]);
  if (s.renderData && s.validateRendered) {
    result.median.renderOnly = perRun((i) => s.hangarBuild[i] + s.renderData[i]);
    result.median.renderValidated = perRun((i) => s.hangarBuild[i] + s.renderData[i] + s.validateRendered[i]);
  }
  results.set(n, result);
}

const m = (n, phase) => results.get(n)?.median[phase];
const [big, mid] = [sizes.at(-1), sizes.at(-2)];
const growth = (phase) =>
  mid === undefined ? undefined : Math.log(m(big, phase) / m(mid, phase)) / Math.log(big / mid);

console.log(
  "\nhangar benchmark (../shared/bench/WORKLOAD.md): medians of 5 runs in ms, ratios to the floor of the same run",
);
console.log(`node ${process.version}, built library dist/index.js${validator ? ", validator bundled from src" : ""}`);
for (const [n, r] of results) {
  const c = r.checks;
  console.log(
    `N=${size(n)}: 1 check + ${r.warmups} warm-up runs${r.warmParse ? "" : " (build and render only)"} discarded; JSON ${(c.jsonBytes / 1024).toFixed(0)} KB, YAML ${(c.yamlBytes / 1024).toFixed(0)} KB; ` +
      `hangar JSON ${c.sameJson ? "==" : "!="} floor JSON; YAML ${c.yamlReadsBack === null ? "not read back (--no-parse)" : c.yamlReadsBack ? "reads back as the same data" : "DIFFERS when read back"}`,
  );
  if (!c.sameJson || c.yamlReadsBack === false) process.exitCode = 1;
}

table(
  "1. Build + render",
  [
    "N",
    "floor build",
    "floor stringify",
    "hangar build",
    "x floor build",
    "renderJson",
    "x stringify",
    "build+JSON",
    "x floor b+s",
    "renderYaml",
    "x stringify",
  ],
  [...results.keys()].map((n) => [
    size(n),
    ms(m(n, "floorBuild")),
    ms(m(n, "floorStringify")),
    ms(m(n, "hangarBuild")),
    x(m(n, "hangarBuild") / m(n, "floorBuild")),
    ms(m(n, "hangarJson")),
    x(m(n, "hangarJson") / m(n, "floorStringify")),
    ms(m(n, "hangarBuildJson")),
    x(m(n, "hangarBuildJson") / m(n, "floorBuildStringify")),
    ms(m(n, "hangarYaml")),
    x(m(n, "hangarYaml") / m(n, "floorStringify")),
  ]),
);

if (m(big, "renderValidated") !== undefined) {
  table(
    "1b. Render with validation, one conversion (what `hangar render` does in process: build, convert once, write the text, validate that data)",
    ["N", "build+render", "validate the rendered data", "build+render+validate", "x build+render"],
    [...results.keys()].map((n) => [
      size(n),
      ms(m(n, "renderOnly")),
      ms(m(n, "validateRendered")),
      ms(m(n, "renderValidated")),
      x(m(n, "renderValidated") / m(n, "renderOnly")),
    ]),
  );
}

// 1c: the same work once per process, as a user's `hangar render` does it (bench/once.mjs); the rows of 1b repeat it in
// one process with a full GC before each phase, so they also show how the code warms up again after each collection
if (validator && !args.has("no-once")) {
  const onceRuns = Number(args.get("once-runs") ?? 5);
  const once = sizes.map((n) => {
    process.stderr.write(`rendering and validating N=${size(n)} once per process, ${onceRuns} processes ...\n`);
    const samples = Array.from({ length: onceRuns }, () =>
      childJson([join(repo, "bench/once.mjs"), String(n), validator]),
    );
    return { n, med: (f) => median(samples.map(f)), again: samples[0].again.length };
  });
  table(
    `1c. Render with validation once, in a fresh process (what \`hangar render\` does: no warm-up, no forced GC; medians of ${onceRuns} processes), then the same data validated again in that process (as \`--watch\` and the language server do)`,
    [
      "N",
      "build+render",
      "validate (wall / CPU)",
      "x build+render",
      ...Array.from({ length: once[0].again }, (_, i) => `validation ${i + 2}`),
    ],
    once.map(({ n, med, again }) => [
      size(n),
      ms(med((s) => s.render)),
      `${ms(med((s) => s.validate))} / ${ms(med((s) => s.validateCpu))}`,
      x(med((s) => (s.render + s.validate) / s.render)),
      ...Array.from({ length: again }, (_, i) => ms(med((s) => s.again[i]))),
    ]),
  );
}

const buildPhases = [
  ["floor build", "floorBuild"],
  ["floor JSON.stringify", "floorStringify"],
  ["hangar build", "hangarBuild"],
  ["hangar renderJson", "hangarJson"],
  ["hangar renderYaml", "hangarYaml"],
];
const parsePhases = [
  ["floor JSON.parse", "floorParse"],
  ["floor js-yaml load", "jsyamlLoad"],
  ["hangar parse+validate JSON", "validateJson"],
  ["hangar parse+validate YAML", "validateYaml"],
];
const hasValidate = m(big, "validateJson") !== undefined;

if (hasValidate) {
  const diag = results.get(big).checks;
  table(
    `2. Parse + validate (${diag.rules ?? "?"} rules registered; diagnostics on the workload: ${diag.diagnosticsJson} from JSON, ${diag.diagnosticsYaml} from YAML)`,
    ["N", "JSON.parse", "hangar JSON", "x JSON.parse", "js-yaml load", "hangar YAML", "x js-yaml load"],
    [...results.keys()].map((n) => [
      size(n),
      ms(m(n, "floorParse")),
      ms(m(n, "validateJson")),
      x(m(n, "validateJson") / m(n, "floorParse")),
      ms(m(n, "jsyamlLoad")),
      ms(m(n, "validateYaml")),
      x(m(n, "validateYaml") / m(n, "jsyamlLoad")),
    ]),
  );
  for (const d of diag.sampleDiagnostics) console.log(`  e.g. ${d}`);
}

if (mid !== undefined) {
  table(
    `Growth exponent between N=${size(mid)} and N=${size(big)} (1.00 = linear)`,
    ["phase", "exponent"],
    [...buildPhases, ...(hasValidate ? parsePhases : [])].map(([label, key]) => [label, exp(growth(key))]),
  );
}

let startup;
if (!args.has("no-startup")) {
  const example = "examples/docker-baseline/pipeline.ts";
  const entry = existsSync(join(repo, example)) ? example : "test/fixtures/cli/ok.ts";
  const corpus = join(repo, "../shared/corpus/pipelines");
  const largest = existsSync(corpus)
    ? readdirSync(corpus)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => ({ path: join(corpus, f), size: statSync(join(corpus, f)).size }))
        .sort((a, b) => b.size - a.size)[0]
    : undefined;
  const largestYaml = largest && {
    path: largest.path,
    label: `<largest corpus YAML, ${Math.round(largest.size / 1024)} KB>`,
  };
  process.stderr.write("measuring whole processes (hangar --version, --help, render cached and cold, validate) ...\n");
  const { commands, cleanup } = startupCommands({
    entry,
    cacheDir: join(repo, "node_modules/.cache/hangar"),
    largestYaml,
  });
  let samples;
  try {
    samples = measureProcesses({ repo, commands, runs: startupRuns });
  } finally {
    cleanup();
  }
  const node = median(samples.node);
  startup = commands.map(({ label, goalMs }) => {
    const extra = median(samples[label].map((v, i) => v - samples.node[i]));
    return { label, goalMs, median: median(samples[label]), extra };
  });
  table(
    `3. Whole process (wall time in ms, median of ${startupRuns} rounds after 2 warm-up rounds; each round runs node -e 0 and every command once; "+ node" is the median of the per-round differences)`,
    ["command", "median", "+ node -e 0", "x node -e 0", "goal"],
    [
      ["node -e 0", ms(node), "", "1.00x", ""],
      ...startup.map((r) => [
        r.label,
        ms(r.median),
        `+${ms(r.extra)}`,
        x(r.median / node),
        r.goalMs === undefined ? "" : `<= +${r.goalMs}`,
      ]),
    ],
  );
}

// render with validation as a user meets it: the whole `hangar render` of a module building the workload, validated
// or not
if (!args.has("no-startup") && !args.has("no-render-at-scale")) {
  const scaleRuns = Number(args.get("scale-runs") ?? 5);
  process.stderr.write(`measuring hangar render of a module of ${size(big)} jobs, validated and --no-validate ...\n`);
  const samples = measureRenderAtScale({ repo, n: big, runs: scaleRuns });
  const node = median(samples.node);
  const plain = median(samples["--no-validate"]);
  const validated = median(samples.validated);
  const perRound = median(samples.validated.map((v, i) => v / samples["--no-validate"][i]));
  table(
    `3b. \`hangar render\` of a module building the workload at N=${size(big)}, whole process with its compiled module cached (wall time in ms, median of ${scaleRuns} rounds after 1 warm-up round): its validation run (the validation cache emptied before) against \`--no-validate\`; the goal of render with validation is judged in process, on section 1b`,
    ["command", "median", "+ node -e 0", "x --no-validate (median of rounds)"],
    [
      ["node -e 0", ms(node), "", ""],
      ["hangar render --no-validate", ms(plain), `+${ms(plain - node)}`, "1.00x"],
      ["hangar render (validated)", ms(validated), `+${ms(validated - node)}`, x(perRound)],
    ],
  );
}

let batch;
if (!args.has("no-batch")) {
  process.stderr.write("measuring the 31 ol-infrastructure examples: one hangar render call vs one call each ...\n");
  const measured = measureBatch({ repo, runs: Number(args.get("batch-runs") ?? 3) });
  if (measured === undefined) {
    console.log(
      "\n4. Batch render: skipped (examples/ol-infrastructure or ../shared/corpus/ol-infrastructure is absent)",
    );
  } else {
    const { entries, samples } = measured;
    batch = { one: median(samples.batch), separate: median(samples.separate) };
    const range = (xs) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
    table(
      `4. Batch render (wall time of the ${entries} ol-infrastructure examples, median of ${samples.batch.length} runs after 1 warm-up, in s)`,
      ["command", "median", "range", "x separate"],
      [
        [
          `hangar render <${entries} entries> --out-dir DIR`,
          batch.one.toFixed(2),
          range(samples.batch),
          x(batch.one / batch.separate),
        ],
        [`${entries} x hangar render <entry>`, batch.separate.toFixed(2), range(samples.separate), "1.00x"],
      ],
    );
    console.log(
      "  Python (ol-concourse-lib rendering the same 31 pipelines): not run here; neither ol-concourse nor the ol-infrastructure sources can be installed on this machine",
    );
  }
}

let limits;
if (validator && !args.has("no-limits")) {
  process.stderr.write("measuring the YAML reader's bounds ...\n");
  const dir = mkdtempSync(join(tmpdir(), "hangar-bench-"));
  try {
    const script = join(repo, "bench/yaml-limits.mjs");
    const hangar = await import("hangar");
    const { withHangar } = await import("./workload.mjs");
    const workload = join(dir, "workload-10000.yml");
    writeFileSync(workload, hangar.renderYaml(withHangar(10_000, hangar)));
    limits = { workload: measureInChild(script, validator, workload), shapes: measureShapes(script, validator, dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const w = limits.workload;
  table(
    "5. YAML reader bounds (one process each: parse + validate + locate every finding once; peak = maxRSS added)",
    ["input", "size", "time ms", "peak MB", "peak / size", "findings"],
    [
      [
        "workload N=10,000",
        `${(w.bytes / 1e6).toFixed(1)} MB`,
        ms(w.ms),
        w.peakMb.toFixed(0),
        x(w.peakMb / (w.bytes / 1e6)),
        w.diagnostics,
      ],
      ...limits.shapes.map(([name, r]) => [
        name,
        `${(r.bytes / 1e6).toFixed(1)} MB`,
        ms(r.ms),
        r.peakMb.toFixed(0),
        x(r.peakMb / (r.bytes / 1e6)),
        r.diagnostics,
      ]),
    ],
  );
}

let lsp;
if (!args.has("no-lsp")) {
  process.stderr.write("measuring hangar lsp: diagnostics after an edit ...\n");
  lsp = await measureLsp({ repo });
  const p = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
  lsp.median = median(lsp.samples);
  lsp.floor = median(lsp.inProcess);
  table(
    `6. Language server: edit -> diagnostics, ${size(lsp.lines)}-line pipeline (median of ${lsp.samples.length} edits after 10 warm-up edits, in ms)`,
    ["measure", "median", "p90", "x validateText"],
    [
      [
        "hangar lsp: didChange -> publishDiagnostics (stdio)",
        ms(lsp.median),
        ms(p(lsp.samples, 0.9)),
        x(lsp.median / lsp.floor),
      ],
      ["validateText in this process (the floor)", ms(lsp.floor), ms(p(lsp.inProcess, 0.9)), x(1)],
    ],
  );
  console.log(`  the typo gave ${lsp.typoDiagnostics} get-unknown-resource diagnostic(s)`);
}

let graph;
if (!args.has("no-graph")) {
  process.stderr.write("measuring hangar graph ...\n");
  const child = spawnSync(process.execPath, ["--expose-gc", join(repo, "bench/graph.mjs")], {
    cwd: repo,
    encoding: "utf8",
  });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  graph = JSON.parse(child.stdout);
  const row = (label, floorLabel, floor, t, extra) => [
    label,
    `${ms(t.wall)} / ${ms(t.cpu)}`,
    `${floorLabel} ${ms(floor.wall)} / ${ms(floor.cpu)}`,
    x(t.cpu / floor.cpu),
    extra,
  ];
  table(
    "7. hangar graph (median ms, wall / CPU; the floor is parsing the same pipeline, in the same run)",
    ["pipeline", "layout", "floor", "x floor (CPU)", "layout + SVG"],
    [
      ...(graph.corpus
        ? [
            row(
              `largest corpus: ${graph.corpus.file} (${graph.corpus.jobs} jobs, ${graph.corpus.nodes} nodes)`,
              "yaml parse",
              graph.corpus.parse,
              graph.corpus.layout,
              `${ms(graph.corpus.layoutSvg.wall)} / ${ms(graph.corpus.layoutSvg.cpu)}`,
            ),
          ]
        : []),
      ...graph.synthetic.map((s) =>
        row(
          `synthetic ${size(s.jobs)} jobs (${size(s.nodes)} nodes)`,
          "JSON.parse",
          s.jsonParse,
          s.layout,
          `${ms(s.layoutSvg.wall)} / ${ms(s.layoutSvg.cpu)}`,
        ),
      ),
      row(
        `chain of ${size(graph.skip.jobs)} jobs, edges skipping ${size(graph.skip.jobs / 2)} columns (${size(graph.skip.nodes)} nodes)`,
        "JSON.parse",
        graph.skip.jsonParse,
        graph.skip.layout,
        `${ms(graph.skip.layoutSvg.wall)} / ${ms(graph.skip.layoutSvg.cpu)}`,
      ),
      ...graph.fanIn.map((s) =>
        row(
          `fan-in of ${size(s.jobs)} jobs into one, a resource each (${size(s.nodes)} nodes)`,
          "JSON.parse",
          s.jsonParse,
          s.layout,
          `${ms(s.layoutSvg.wall)} / ${ms(s.layoutSvg.cpu)}`,
        ),
      ),
    ],
  );
  const p = graph.provenance;
  table(
    "8. Provenance: what fragment() pays to remember its call site (µs of CPU per call)",
    ["call", "µs", "x literal"],
    [
      ["object literal (floor)", p.literal.toFixed(3), "1.00x"],
      ["fragment(): captures the stack", p.fragment.toFixed(2), x(p.fragment / p.literal)],
      ["callSiteOf(): formats it (graph only)", p.callSite.toFixed(2), ""],
    ],
  );
}

const goals = [];
const goal = (name, value, limit, shown) => goals.push([value !== undefined && value <= limit, name, shown]);
if (results.has(10_000)) {
  const r = (a, b) => m(10_000, a) / m(10_000, b);
  goal(
    "build + JSON render <= 2x floor build + stringify at N=10,000",
    r("hangarBuildJson", "floorBuildStringify"),
    2,
    x(r("hangarBuildJson", "floorBuildStringify")),
  );
  goal(
    "YAML render <= 5x JSON.stringify at N=10,000",
    r("hangarYaml", "floorStringify"),
    5,
    x(r("hangarYaml", "floorStringify")),
  );
  if (m(10_000, "renderValidated") !== undefined) {
    goal(
      "render with validation <= 1.3x render without at N=10,000",
      r("renderValidated", "renderOnly"),
      1.3,
      x(r("renderValidated", "renderOnly")),
    );
  }
  if (hasValidate) {
    goal(
      "parse+validate JSON <= 5x JSON.parse at N=10,000",
      r("validateJson", "floorParse"),
      5,
      x(r("validateJson", "floorParse")),
    );
    goal(
      "parse+validate YAML <= 3x js-yaml's plain load at N=10,000",
      r("validateYaml", "jsyamlLoad"),
      3,
      x(r("validateYaml", "jsyamlLoad")),
    );
  }
}
if (mid !== undefined) {
  const phases = [...buildPhases.slice(2), ...(hasValidate ? parsePhases.slice(2) : [])];
  for (const [label, key] of phases) {
    goal(`${label} grows linearly (exponent <= ${LINEAR})`, growth(key), LINEAR, exp(growth(key)));
  }
}
if (limits) {
  const w = limits.workload;
  const ratio = w.peakMb / (w.bytes / 1e6);
  goal("YAML validate peak memory < 20x the file size at N=10,000", ratio, 20, x(ratio));
  for (const [name, r] of limits.shapes) {
    goal(
      `${name}: < 2 s and < 1 GB`,
      Math.max(r.ms / 2000, r.peakMb / 1000),
      1,
      `${ms(r.ms)} ms, ${r.peakMb.toFixed(0)} MB`,
    );
  }
}
for (const r of startup ?? []) {
  if (r.goalMs !== undefined)
    goal(`${r.label} within ${r.goalMs} ms of node -e 0`, r.extra, r.goalMs, `+${ms(r.extra)} ms`);
}
if (batch) {
  goal(
    "31 examples in one hangar render call <= 0.1x 31 separate calls",
    batch.one / batch.separate,
    0.1,
    x(batch.one / batch.separate),
  );
}
if (lsp) {
  goal("hangar lsp diagnostics < 50 ms after an edit (2,000 lines)", lsp.median, 50, `${ms(lsp.median)} ms`);
}
if (graph?.corpus) {
  goal(
    "graph: largest corpus pipeline laid out < 0.5 s",
    graph.corpus.layout.wall,
    500,
    `${ms(graph.corpus.layout.wall)} ms`,
  );
}
if (graph) {
  const thousand = graph.synthetic.find((s) => s.jobs === 1000);
  goal(
    "graph: 1,000-job synthetic pipeline laid out < 2 s",
    thousand.layout.wall,
    2000,
    `${ms(thousand.layout.wall)} ms`,
  );
  goal(
    "graph: 1,000-job chain with edges skipping 500 columns laid out < 2 s",
    graph.skip.layout.wall,
    2000,
    `${ms(graph.skip.layout.wall)} ms`,
  );
}
console.log("\nGoals");
for (const [pass, name, shown] of goals) console.log(`${pass ? "PASS" : "MISS"}  ${name}: ${shown}`);

// `hangar import` against parsing the same text: no goal, the ratio only (bench/import.mjs prints its table)
if (!args.has("no-import")) {
  process.stderr.write("measuring hangar import ...\n");
  spawnSync(process.execPath, ["--expose-gc", join(repo, "bench/import.mjs")], { stdio: "inherit", cwd: repo });
}
// `hangar diff` against parsing the two configs, and a 10,000-job change against renderYaml with its goal (bench/diff.mjs
// prints its tables and its PASS/MISS line)
if (!args.has("no-diff")) {
  process.stderr.write("measuring hangar diff ...\n");
  spawnSync(process.execPath, ["--expose-gc", join(repo, "bench/diff.mjs")], { stdio: "inherit", cwd: repo });
}
