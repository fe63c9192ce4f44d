// YAML reader bounds, one child process per input (run by run.mjs; `node bench/yaml-limits.mjs VALIDATOR SHAPE`
// in the child). Each child reads its input from a file, notes its resident memory, then parses and validates
// the text once (parse, shape check, every rule, a location for every finding) and prints the wall time and
// the peak resident memory it added (process.resourceUsage().maxRSS, the whole process's high-water mark).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

/** The crafted shapes, each a generated pipeline under the 32 MiB input cap. */
export const HOSTILE_SHAPES = {
  "flow list of 8,000,000 numbers": () =>
    `resources:\n- name: r\n  type: git\n  source: { list: [${"7,".repeat(8_000_000 - 1)}7] }\njobs:\n- name: j\n  plan: [{ get: r }]\n`,
  "flow list of 8,000,000 numbers, and a finding to locate": () =>
    `resources:\n- name: r\n  type: git\n  source: { list: [${"7,".repeat(8_000_000 - 1)}7] }\njobs:\n- name: j\n  plan: [{ get: r }, { get: nope }]\n`,
  "flow list of 3,000,000 numbers, one per line": () =>
    `resources:\n- name: r\n  type: git\n  source:\n    list: [\n${"      7,\n".repeat(3_000_000)}      7]\njobs:\n- name: j\n  plan: [{ get: r }]\n`,
  "block list of 3,000,000 numbers": () =>
    `resources:\n- name: r\n  type: git\n  source:\n    list:\n${"    - 7\n".repeat(3_000_000)}jobs:\n- name: j\n  plan: [{ get: r }]\n`,
  "block mapping of 1,000,000 distinct keys": () => {
    const keys = [];
    for (let i = 0; i < 1_000_000; i++) keys.push(`    key-${i}: value-${i}`);
    return `resources:\n- name: r\n  type: git\n  source:\n${keys.join("\n")}\njobs:\n- name: j\n  plan: [{ get: r }]\n`;
  },
  "block mapping of 1,000,000 distinct keys, and a finding to locate": () => {
    const keys = [];
    for (let i = 0; i < 1_000_000; i++) keys.push(`    key-${i}: value-${i}`);
    return `resources:\n- name: r\n  type: git\n  source:\n${keys.join("\n")}\njobs:\n- name: j\n  plan: [{ get: r }, { get: nope }]\n`;
  },
  "flow mapping of 1,000,000 distinct keys": () => {
    const keys = [];
    for (let i = 0; i < 1_000_000; i++) keys.push(`key-${i}: value-${i}`);
    return `resources:\n- name: r\n  type: git\n  source: {${keys.join(", ")}}\njobs:\n- name: j\n  plan: [{ get: r }]\n`;
  },
  "40,000 anchors, each used once": () => {
    const defs = [];
    const uses = [];
    for (let i = 0; i < 40_000; i++) {
      defs.push(`    - &a${i} { k: v${i} }`);
      uses.push(`    - *a${i}`);
    }
    return `resources:\n- name: r\n  type: git\n  source:\n    defs:\n${defs.join("\n")}\n    uses:\n${uses.join("\n")}\njobs:\n- name: j\n  plan: [{ get: r }]\n`;
  },
  "50,000 duplicate keys": () =>
    `resources:\n- name: r\n  type: git\n  source:\n${"    key: value\n".repeat(50_000)}jobs:\n- name: j\n  plan: [{ get: r }]\n`,
  "50,000 distinct keys": () => {
    const keys = [];
    for (let i = 0; i < 50_000; i++) keys.push(`    key-${i}: value-${i}`);
    return `resources:\n- name: r\n  type: git\n  source:\n${keys.join("\n")}\njobs:\n- name: j\n  plan: [{ get: r }]\n`;
  },
};

/** Runs one measurement in a fresh process: `{ ms, peakMb, bytes, diagnostics }`. */
export function measureInChild(script, validator, file) {
  const child = spawnSync(process.execPath, ["--expose-gc", script, validator, file], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`measuring ${file} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout);
}

/** Writes each shape to `dir` and measures it; returns rows `[name, result]`. */
export function measureShapes(script, validator, dir) {
  return Object.entries(HOSTILE_SHAPES).map(([name, make], i) => {
    const file = `${dir}/hostile-${i}.yml`;
    writeFileSync(file, make());
    return [name, measureInChild(script, validator, file)];
  });
}

async function child(validatorPath, file) {
  const { parsePipeline, validate } = await import(pathToFileURL(validatorPath).href);
  const text = readFileSync(file, "utf8");
  globalThis.gc();
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const parsed = parsePipeline(text, { file, format: "yaml" });
  let diagnostics = parsed.diagnostics.length;
  if (parsed.wellFormed && parsed.pipeline !== undefined) {
    // as the CLI does (validateParsed): the reader's record of large mappings' keys goes with the pipeline
    for (const d of validate(parsed.pipeline, { knownMappings: parsed.knownMappings })) {
      parsed.locate(d.path);
      diagnostics++;
    }
  }
  const ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `${JSON.stringify({ ms, peakMb: (peak - before) / 1e6, bytes: Buffer.byteLength(text), diagnostics })}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await child(process.argv[2], process.argv[3]);
