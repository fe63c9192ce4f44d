// `npm run bench:ab -- <git ref> [--rounds=6] [bench flags]`: the bench of this tree against the bench of another
// commit, alternating. Each round runs `bench/run.mjs` (with the flags given, such as `--sizes=1000,10000
// --no-startup`) in the other commit's tree and in this one, each with its own build and its own bench, first one
// then the other in turn, so that the machine's drift falls on both alike. Prints, per figure both print, the medians over the rounds, their ranges
// and the ratio; a ratio past 1.10 (10% slower) is marked.
//
// The other commit is checked out as a git worktree in node_modules/.cache/hangar-ab/<commit> (kept for the next
// call), its dependencies installed with `npm ci` and its library built there.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareRounds, readTables } from "./ab-lib.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const ref = argv.find((a) => !a.startsWith("--"));
const rounds = Number(argv.find((a) => a.startsWith("--rounds="))?.slice("--rounds=".length) ?? 6);
const benchFlags = argv.filter((a) => a.startsWith("--") && !a.startsWith("--rounds="));
/** A figure this much slower than the other tree's is marked. */
const MARGIN = 1.1;

if (ref === undefined || !Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: node bench/ab.mjs <git ref> [--rounds=6] [flags of bench/run.mjs]");
  process.exit(2);
}

/** Runs a command, failing the whole comparison with its output when it fails. */
function run(command, args, cwd, what) {
  const child = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    console.error(`${what} failed (${command} ${args.join(" ")} in ${cwd}):\n${child.stderr || child.stdout}`);
    process.exit(1);
  }
  return child.stdout;
}

const commit = run("git", ["rev-parse", "--verify", `${ref}^{commit}`], repo, `finding ${ref}`).trim();
const other = join(repo, "node_modules/.cache/hangar-ab", commit.slice(0, 12));
if (!existsSync(join(other, "package.json"))) {
  mkdirSync(dirname(other), { recursive: true });
  run("git", ["worktree", "add", "--force", "--detach", other, commit], repo, "checking out the other tree");
}
if (!existsSync(join(other, "node_modules"))) {
  process.stderr.write(`installing ${ref}'s dependencies ...\n`);
  run("npm", ["ci", "--no-audit", "--no-fund"], other, "npm ci");
}
for (const tree of [other, repo]) run(process.execPath, ["scripts/build.mjs"], tree, `building ${tree}`);

const bench = (tree) =>
  readTables(run(process.execPath, ["--expose-gc", "bench/run.mjs", ...benchFlags], tree, "bench"));
const figures = { other: [], here: [] };
for (let i = 1; i <= rounds; i++) {
  process.stderr.write(`round ${i} of ${rounds} ...\n`);
  // the order turns every round (other, this; this, other; ...), so that a machine slowing down or speeding up
  // within a round does not always favour the tree that runs first
  if (i % 2 === 1) {
    figures.other.push(bench(other));
    figures.here.push(bench(repo));
  } else {
    figures.here.push(bench(repo));
    figures.other.push(bench(other));
  }
}

const short = commit.slice(0, 7);
const range = (s) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
const fmt = (v) => (v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US"));
console.log(
  `\nbench of this tree against ${ref} (${short}): medians of ${rounds} alternating rounds, ranges in brackets`,
);
console.log(`| figure | ${short} | this tree | this / ${short} |`);
console.log("|:--|--:|--:|--:|");
let over = 0;
const rows = compareRounds(figures.other, figures.here);
for (const row of rows) {
  const slower = row.ratio !== undefined && row.ratio > MARGIN;
  if (slower) over++;
  const ratio = row.ratio === undefined ? "-" : `${row.ratio.toFixed(2)}${slower ? " (over 10%)" : ""}`;
  console.log(`| ${row.key} | ${range(row.a)} | ${range(row.b)} | ${ratio} |`);
}
console.log(`\n${over === 0 ? "every figure" : `${over} figure(s) not`} within 10% of ${ref}'s`);
// The floor is the same code in both trees: how far its ratios stray from 1 is how much the machine moved.
const floors = rows.filter((r) => /floor|JSON\.parse/.test(r.key) && r.ratio !== undefined).map((r) => r.ratio);
if (floors.length > 0) {
  const [low, high] = [Math.min(...floors), Math.max(...floors)].map((v) => v.toFixed(2));
  console.log(
    `the floor's figures (the same code in both trees, so only the machine's drift) came out at ${low}–${high}`,
  );
}
