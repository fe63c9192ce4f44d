// `hangar diff` bench rows (and one goal, the last row): the workload's pipeline (bench/workload.mjs) at 1,000 and 3,000 jobs against a copy of
// itself with two changes (a task's params, a resource's source), compared and written as text, against parsing the
// two JSON texts compared (the least reading them costs), in the same run. No goal: the ratio only. Median wall and CPU
// ms of 5 runs after 1 warm-up run.
//
//   node --expose-gc bench/diff.mjs          (bench/run.mjs runs it last unless --no-diff)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importFromSource } from "./bundle.mjs";
import { time } from "./timing.mjs";
import { floor } from "./workload.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const { diffPipelines, formatChanges, renderYaml } = await importFromSource(repo, "diff", [
  'export { diffPipelines } from "./src/diff/diff.ts";',
  'export { formatChanges } from "./src/diff/format.ts";',
  'export { renderYaml } from "./src/render/render.ts";',
]);

const sizes = [1000, 3000];
const rows = sizes.map((n) => {
  const changed = floor(n);
  changed.jobs[n / 2].plan[4].config.params.VERSION = "2.0.0";
  changed.resources[7].source.branch = "dev";
  const texts = [JSON.stringify(floor(n)), JSON.stringify(changed)];
  const [before, after] = texts.map((text) => JSON.parse(text));
  const changes = diffPipelines(before, after);
  if (changes.length !== 2) throw new Error(`expected 2 changes at N=${n}, found ${changes.length}`);
  return {
    n,
    parse: time(() => texts.map((text) => JSON.parse(text))),
    diff: time(() => formatChanges(diffPipelines(before, after))),
  };
});
const fmt = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
console.log("\nhangar diff (median ms of 5, wall / CPU; the floor is JSON.parse of both configs, in the same run)");
console.log("| jobs | JSON.parse both | diff + text | x JSON.parse |");
console.log("|--:|--:|--:|--:|");
for (const { n, parse, diff } of rows) {
  const size = n.toLocaleString("en-US");
  console.log(
    `| ${size} | ${fmt(parse.wall)} / ${fmt(parse.cpu)} | ${fmt(diff.wall)} / ${fmt(diff.cpu)} | ${(diff.cpu / parse.cpu).toFixed(2)}x |`,
  );
}

// a change of 10,000 jobs: the workload's pipeline of 10,000 jobs against one of 10 (10,000 jobs added, 9,990 changed or
// added resources), diffed and written as text, against rendering the new pipeline as YAML, in the same run. Goal: the
// diff costs at most 3x the render (each writes every added job's YAML once; the diff also compares and redacts)
const GOAL = 3;
const [few, many] = [floor(10), floor(10_000)];
const added = diffPipelines(few, many).filter((c) => c.section === "jobs" && c.kind === "added").length;
if (added !== 9_990) throw new Error(`expected 9,990 added jobs, found ${added}`);
const render = time(() => renderYaml(many));
const change = time(() => formatChanges(diffPipelines(few, many)));
const ratio = change.cpu / render.cpu;
console.log(
  "\nhangar diff of a 10,000-job change (10 jobs to 10,000; median ms of 5, wall / CPU) against renderYaml of the new pipeline",
);
console.log("| renderYaml | diff + text | x renderYaml (CPU) |");
console.log("|--:|--:|--:|");
console.log(
  `| ${fmt(render.wall)} / ${fmt(render.cpu)} | ${fmt(change.wall)} / ${fmt(change.cpu)} | ${ratio.toFixed(2)}x |`,
);
console.log(
  `${ratio <= GOAL ? "PASS" : "MISS"}  diff of a 10,000-job change <= ${GOAL}x renderYaml of the pipeline: ${ratio.toFixed(2)}x`,
);
