// `hangar import` bench row: imports the largest pipeline of ../shared/corpus/pipelines (by size of its
// text) into TypeScript, whole and with `--split group`, against hangar's parse of the same text (the
// first thing an import does), in the same run. No goal: the ratio says what turning the parsed
// pipeline into readable code costs on top of reading it. Median wall and CPU ms of 7 runs after 3
// warm-up runs; CPU time is shown because the machine may be shared.
//
//   node --expose-gc bench/import.mjs        (bench/run.mjs runs it after the goals unless --no-import)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importFromSource } from "./bundle.mjs";
import { time } from "./timing.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = join(repo, "../shared/corpus/pipelines");
if (!existsSync(corpus)) {
  console.log("\nhangar import: skipped, ../shared/corpus/pipelines is absent");
  process.exit(0);
}

const { parsePipeline, importPipeline } = await importFromSource(repo, "import", [
  'export { parsePipeline } from "./src/parse/parse-pipeline.ts";',
  'export { importPipeline } from "./src/import/to-typescript.ts";',
]);

const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
const largest = files.sort((a, b) => statSync(join(corpus, b)).size - statSync(join(corpus, a)).size)[0];
const text = readFileSync(join(corpus, largest), "utf8");
const whole = importPipeline(text, { file: largest });
if (!whole.ok) throw new Error(`${largest} does not import: ${whole.diagnostics[0]?.message}`);
const split = importPipeline(text, { file: largest, split: { by: "group" } });

const parse = time(() => parsePipeline(text), 7, 3);
const rows = [
  ["parse (the floor)", parse],
  ["import", time(() => importPipeline(text, { file: largest }), 7, 3)],
  [
    `import --split group (${split.ok ? split.modules.length : 0} modules)`,
    time(() => importPipeline(text, { file: largest, split: { by: "group" } }), 7, 3),
  ],
];
const fmt = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const lines = text.split("\n").length;
const tsLines = whole.modules[0].code.split("\n").length;
console.log(
  `\nhangar import (median ms of 7, wall / CPU; the floor is parsing the same text, in the same run)\n` +
    `largest corpus pipeline: ${largest} (${lines.toLocaleString("en-US")} YAML lines -> ${tsLines.toLocaleString("en-US")} TS lines)`,
);
console.log("| phase | wall | CPU | wall / parse |");
console.log("|:--|--:|--:|--:|");
for (const [label, t] of rows) {
  console.log(`| ${label} | ${fmt(t.wall)} | ${fmt(t.cpu)} | ${(t.wall / parse.wall).toFixed(2)}x |`);
}
