// `hangar diff` bench rows: the workload's pipeline (bench/workload.mjs) at 1,000 and 3,000 jobs against a copy of
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
const { diffPipelines, formatChanges } = await importFromSource(repo, "diff", [
  'export { diffPipelines } from "./src/diff/diff.ts";',
  'export { formatChanges } from "./src/diff/format.ts";',
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
