// What `bench/ab.mjs` reads of the bench's printed tables and how it sums up rounds of two trees.
import { median } from "./timing.mjs";

/** A figure cell: `12.3`, `1,234`, or `wall / CPU` such as `12.3 / 45.6`. */
const FIGURE = /^(\d[\d,]*(?:\.\d+)?)(?: \/ (\d[\d,]*(?:\.\d+)?))?$/;
/** A ratio cell, in a column whose header starts with `x ` (against a floor or a phase of the same run): `1.23x`. */
const RATIO = /^(\d[\d,]*(?:\.\d+)?)x$/;

const number = (text) => Number(text.replaceAll(",", ""));

/**
 * The figures of the tables `bench/run.mjs` prints (a title line, a header row, a separator row, then rows), keyed
 * `section › row › column`; the section is the title up to its first parenthesis, the row its first cell. A cell of
 * the form `wall / CPU` gives two figures, its column named with ` (wall)` and ` (CPU)`. The columns whose header
 * starts with `x ` hold ratios (`1.23x`), read as numbers under the name of the column they follow and their own,
 * such as `renderJson x stringify` ({@link isRatio} tells them). Other cells
 * (labels, `-`) are left out.
 */
export function readTables(text) {
  const figures = new Map();
  const lines = text.split("\n");
  for (let i = 0; i + 2 < lines.length; i++) {
    if (!isRow(lines[i + 1]) || !/^\|[:\- |]+\|$/.test(lines[i + 2])) continue;
    const section = lines[i].split(" (")[0].trim();
    const headers = cellsOf(lines[i + 1]);
    let r = i + 3;
    for (; r < lines.length && isRow(lines[r]); r++) {
      const [label, ...cells] = cellsOf(lines[r]);
      cells.forEach((cell, c) => {
        const header = headers[c + 1] ?? `column ${c + 2}`;
        const ratio = header.startsWith("x ");
        // a ratio column is named with the column it divides, as tables repeat ratio headers ("x stringify")
        const key = `${section} › ${label} › ${ratio ? `${headers[c]} ${header}` : header}`;
        const m = (ratio ? RATIO : FIGURE).exec(cell);
        if (m === null) return;
        if (m[2] === undefined) figures.set(key, number(m[1]));
        else {
          figures.set(`${key} (wall)`, number(m[1]));
          figures.set(`${key} (CPU)`, number(m[2]));
        }
      });
    }
    i = r - 1;
  }
  return figures;
}

/** Whether a key of {@link readTables} is a ratio column's (a ratio to a floor or phase of the same run). */
export const isRatio = (key) => / x /.test(key.split(" › ").at(-1));

const isRow = (line) => line?.startsWith("| ") === true && line.endsWith(" |");
const cellsOf = (line) =>
  line
    .slice(2, -2)
    .split(" | ")
    .map((c) => c.trim());

/**
 * Rows comparing two trees over rounds: per figure both trees have, the median of each tree's rounds and its range,
 * and the ratio `b / a` (above 1 when `b` takes longer) as the median of the rounds' own ratios. `a` and `b` hold each
 * tree's figures, one map per round (as {@link readTables} reads them), round `i` of the one run beside round `i` of
 * the other; a ratio within a round is freed of the machine's drift between rounds, which a ratio of two medians
 * is not.
 */
export function compareRounds(a, b) {
  const rows = [];
  for (const key of new Set(a.flatMap((round) => [...round.keys()]))) {
    const as = a.map((f) => f.get(key)).filter((v) => v !== undefined);
    const bs = b.map((f) => f.get(key)).filter((v) => v !== undefined);
    if (as.length === 0 || bs.length === 0) continue;
    const ratios = a.flatMap((f, i) => {
      const [x, y] = [f.get(key), b[i]?.get(key)];
      return x === undefined || y === undefined || x === 0 ? [] : [y / x];
    });
    rows.push({
      key,
      a: summary(as),
      b: summary(bs),
      ratio: ratios.length === 0 ? undefined : median(ratios),
      interval: medianInterval(ratios),
    });
  }
  return rows;
}

const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

/** The confidence asked of {@link medianInterval}. */
export const CONFIDENCE = 0.9;

/**
 * Where the median of what `xs` were drawn from lies, with at least {@link CONFIDENCE} confidence, assuming only that
 * the draws are independent (the sign test's interval): from the k-th smallest to the k-th largest of `xs`, for the
 * largest k with P(Binomial(n, 1/2) < k) at most half of 1 - CONFIDENCE. `undefined` for fewer than 5 values, too few
 * for that confidence. `confidence` is the interval's own, at least {@link CONFIDENCE}.
 */
export function medianInterval(xs) {
  const n = xs.length;
  const tail = (1 - CONFIDENCE) / 2;
  // P(X <= j) for X ~ Binomial(n, 1/2), summed up from j = 0 while it stays within the tail
  let term = 0.5 ** n;
  let below = term;
  let k = 0;
  while (below <= tail) {
    k++;
    term = (term * (n - k + 1)) / k;
    below += term;
  }
  if (k === 0) return undefined;
  const sorted = [...xs].sort((x, y) => x - y);
  const outside = below - term; // P(X <= k - 1)
  return { low: sorted[k - 1], high: sorted[n - k], confidence: 1 - 2 * outside };
}
