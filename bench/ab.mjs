// `npm run bench:ab -- <git ref> [--rounds=6] [bench flags]`: the bench of this tree against the bench of another
// commit, alternating. Each round runs `bench/run.mjs` (with the flags given, such as `--sizes=1000,10000
// --no-startup`) in the other commit's tree and in this one, each with its own build and its own bench, first one
// then the other in turn, so that the machine's drift falls on both alike. Prints, per figure both print, the
// medians over the rounds, their ranges and the median of the rounds' ratios with the interval where the true one
// lies (sign test), a ratio past 1.10 (10% slower) marked, and one whose interval reaches past it; then
// the same for the ratios the bench prints (each figure against a floor or phase of its own run, from which the
// drift between runs cancels).
//
// The other commit is checked out as a git worktree in node_modules/.cache/hangar-ab/<commit> (kept for the next
// call), its dependencies installed with `npm ci` and its library built there.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareRounds, isRatio, readTables } from "./ab-lib.mjs";
import { ms } from "./timing.mjs";

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
const range = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
const rows = compareRounds(figures.other, figures.here);

/** Whether a row's ratio is past the margin (`over`), only its interval reaches past it (`maybe`), or neither. */
function verdictOf(row) {
  if (row.ratio !== undefined && row.ratio > MARGIN) return "over";
  if (row.interval !== undefined && row.interval.high > MARGIN) return "maybe";
  return "within";
}

const VERDICT_MARK = { over: " (over 10%)", maybe: " (maybe over)", within: "" };

/** The ratio cell: the median of the rounds' ratios, its interval, and whether it is (or may be) past the margin. */
function ratioCell(row) {
  if (row.ratio === undefined) return "-";
  const interval =
    row.interval === undefined ? "" : ` [${row.interval.low.toFixed(2)}–${row.interval.high.toFixed(2)}]`;
  return `${row.ratio.toFixed(2)}${interval}${VERDICT_MARK[verdictOf(row)]}`;
}

/** Prints one table of rows and returns how many there are, how many are more than 10% slower here, and how many may be. */
function print(title, kind, selected) {
  console.log(`\n${title}`);
  console.log(`| ${kind} | ${short} | this tree | this / ${short} |`);
  console.log("|:--|--:|--:|--:|");
  for (const row of selected) console.log(`| ${row.key} | ${range(row.a)} | ${range(row.b)} | ${ratioCell(row)} |`);
  const count = (verdict) => selected.filter((row) => verdictOf(row) === verdict).length;
  return { total: selected.length, over: count("over"), maybe: count("maybe") };
}

// every figure of a full run has the same number of rounds, so one interval's confidence speaks for all
const interval = rows.find((r) => r.interval !== undefined)?.interval;
const about = `medians of ${rounds} alternating rounds, ranges in parentheses; this / ${short} is the median of the rounds' own ratios${
  interval === undefined
    ? ""
    : `, in brackets where the true median lies at ${Math.round(interval.confidence * 100)}% confidence (sign test)`
}`;
const overFigures = print(
  `bench of this tree against ${ref} (${short}): ${about}`,
  "figure",
  rows.filter((r) => !isRatio(r.key)),
);
// The bench's own ratios divide each figure by a floor (or phase) of the same run, so the machine's drift between
// runs cancels out of them.
const overRatios = print(
  "the ratios the bench prints, each to a floor or phase of its own run (the machine's drift between runs cancels)",
  "ratio",
  rows.filter((r) => isRatio(r.key)),
);
const tally = ({ total, over, maybe }, what) =>
  `${what}: ${over} over 10%, ${maybe} maybe over (the interval reaches past 1.10), ${total - over - maybe} within 10%`;
console.log(`\nagainst ${ref}'s, ${tally(overFigures, "figures")}; ${tally(overRatios, "ratios")}`);
// The floor is the same code in both trees: how far its figures stray from 1 is how much the machine moved.
const floors = rows
  .filter((r) => !isRatio(r.key) && /floor|JSON\.parse/.test(r.key) && r.ratio !== undefined)
  .map((r) => r.ratio);
if (floors.length > 0) {
  const [low, high] = [Math.min(...floors), Math.max(...floors)].map((v) => v.toFixed(2));
  console.log(
    `the floor's figures (the same code in both trees, so only the machine's drift) came out at ${low}–${high}`,
  );
}
