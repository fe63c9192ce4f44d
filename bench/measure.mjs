// One benchmark process for one size N (run by run.mjs as `node --expose-gc bench/measure.mjs N [validator.mjs]`;
// `--no-parse` as N's neighbour skips the parse phases).
// Times every phase of the floor and of hangar in the same process, warm-up runs first (discarded),
// then the measured runs; a full GC before each timed phase, never inside one. Prints one JSON line.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as hangar from "hangar";
import jsyaml from "js-yaml";
import { parse as yamlParse } from "yaml";
import { floor, withHangar } from "./workload.mjs";

const args = process.argv.slice(2).filter((a) => a !== "--no-parse");
const parsePhases = !process.argv.includes("--no-parse");
const n = Number(args[0]);
const validatorPath = parsePhases ? args[1] : undefined;
const RUNS = 5;
/**
 * Warm-up runs (discarded) after the untimed check, which itself runs every phase once. The parse
 * phases take seconds at N=10,000, long enough to warm themselves, so warm-up runs include them only at
 * N=100; at N=10,000 the check is their only warm-up.
 */
const WARMUPS = n <= 100 ? 20 : n <= 1000 ? 10 : 0;
const WARM_PARSE = n <= 100;

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) throw new Error(`N must be an even integer, got ${process.argv[2]}`);

const validator = validatorPath ? await import(pathToFileURL(validatorPath).href) : undefined;

/** hangar's parse + validate of pipeline text: parse (with shape check), then every rule when well formed. */
function parseAndValidate(text, format) {
  const parsed = validator.parsePipeline(text, { file: `pipeline.${format === "json" ? "json" : "yml"}`, format });
  if (!parsed.wellFormed) return parsed.diagnostics;
  const found = validator.validate(parsed.pipeline);
  return found.length === 0 ? parsed.diagnostics : [...parsed.diagnostics, ...found];
}

/** Runs `fn` after a full GC and returns [milliseconds, result]. */
function timed(fn) {
  globalThis.gc();
  const start = performance.now();
  const result = fn();
  return [performance.now() - start, result];
}

const PHASES = [
  "floorBuild",
  "floorStringify",
  "floorParse",
  "hangarBuild",
  "hangarJson",
  "hangarYaml",
  "jsyamlLoad",
  "validateJson",
  "validateYaml",
  "renderData",
  "validateRendered",
];

/** One run of every phase (of the build and render phases only, without `parse`); the parse phases read the text rendered in the same run. */
function run(parse = parsePhases) {
  const t = {};
  let obj;
  [t.floorBuild, obj] = timed(() => floor(n));
  let text;
  [t.floorStringify, text] = timed(() => JSON.stringify(obj, null, 2));
  obj = undefined;
  [t.floorParse] = timed(() => JSON.parse(text));
  let p;
  [t.hangarBuild, p] = timed(() => withHangar(n, hangar));
  [t.hangarJson] = timed(() => hangar.renderJson(p));
  if (validator) {
    // what `hangar render` does: one conversion, its text written and its data validated
    let rendered;
    [t.renderData, rendered] = timed(() => validator.renderData(p, "json"));
    [t.validateRendered] = timed(() => validator.validateData(rendered.data));
  }
  let yamlText;
  [t.hangarYaml, yamlText] = timed(() => hangar.renderYaml(p));
  p = undefined;
  if (!parse) return t;
  [t.jsyamlLoad] = timed(() => jsyaml.load(yamlText));
  if (validator) {
    [t.validateJson] = timed(() => parseAndValidate(text, "json"));
    [t.validateYaml] = timed(() => parseAndValidate(yamlText, "yaml"));
  }
  return t;
}

/** Untimed checks that the comparison is fair: the same JSON, the YAML reads back as the same data. */
function check() {
  const floorObj = floor(n);
  const floorJson = `${JSON.stringify(floorObj, null, 2)}\n`;
  const p = withHangar(n, hangar);
  const json = hangar.renderJson(p);
  const yamlText = hangar.renderYaml(p);
  const result = {
    sameJson: json === floorJson,
    jsonBytes: Buffer.byteLength(json),
    yamlBytes: Buffer.byteLength(yamlText),
    yamlReadsBack: parsePhases ? JSON.stringify(yamlParse(yamlText)) === JSON.stringify(floorObj) : null,
  };
  if (validator) {
    const describe = (ds) => ds.slice(0, 3).map((d) => `${d.severity} ${d.ruleId} ${d.message}`);
    const fromJson = parseAndValidate(json, "json");
    const fromYaml = parseAndValidate(yamlText, "yaml");
    Object.assign(result, {
      rules: validator.rules?.length,
      diagnosticsJson: fromJson.length,
      diagnosticsYaml: fromYaml.length,
      sampleDiagnostics: describe(fromJson.length > 0 ? fromJson : fromYaml),
    });
  }
  return result;
}

const checks = check();
for (let i = 0; i < WARMUPS; i++) run(parsePhases && WARM_PARSE);
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(run());

const samples = {};
for (const phase of PHASES) {
  const values = runs.map((r) => r[phase]).filter((v) => v !== undefined);
  if (values.length > 0) samples[phase] = values;
}
process.stdout.write(
  `${JSON.stringify({ n, warmups: WARMUPS, warmParse: WARM_PARSE, runs: RUNS, checks, samples })}\n`,
);
