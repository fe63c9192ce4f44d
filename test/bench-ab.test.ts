import { expect, test } from "vitest";
import { CONFIDENCE, compareRounds, isRatio, medianInterval, readTables } from "../bench/ab-lib.mjs";

const printed = (buildMs: string, validate: string, ratio = "11.46x") => `
hangar benchmark: medians of 5 runs in ms
N=1,000: 1 check + 10 warm-up runs discarded

1. Build + render
| N      | floor build | hangar build | x floor build |
|:-------|------------:|-------------:|--------------:|
| 1,000  |        0.75 |         ${buildMs} |        ${ratio} |
| 10,000 |        62.8 |        1,196 |         3.13x |

7. hangar graph (median ms, wall / CPU; the floor is parsing the same pipeline, in the same run)
| pipeline        | layout      | floor                 | x floor (CPU) |
|:----------------|------------:|----------------------:|--------------:|
| synthetic 1,000 | ${validate} | JSON.parse 2.1 / 2.3  |         1.10x |

Goals
PASS  YAML render <= 5x JSON.stringify at N=10,000: 3.64x
`;

test("the figures and ratios of each table, keyed by section, row and column; labels left out", () => {
  const figures = readTables(printed("8.58", "12.5 / 20.25"));
  expect(Object.fromEntries(figures)).toEqual({
    "1. Build + render › 1,000 › floor build": 0.75,
    "1. Build + render › 1,000 › hangar build": 8.58,
    "1. Build + render › 1,000 › hangar build x floor build": 11.46,
    "1. Build + render › 10,000 › floor build": 62.8,
    "1. Build + render › 10,000 › hangar build": 1196,
    "1. Build + render › 10,000 › hangar build x floor build": 3.13,
    "7. hangar graph › synthetic 1,000 › layout (wall)": 12.5,
    "7. hangar graph › synthetic 1,000 › layout (CPU)": 20.25,
    "7. hangar graph › synthetic 1,000 › floor x floor (CPU)": 1.1,
  });
  expect([...figures.keys()].filter(isRatio)).toEqual([
    "1. Build + render › 1,000 › hangar build x floor build",
    "1. Build + render › 10,000 › hangar build x floor build",
    "7. hangar graph › synthetic 1,000 › floor x floor (CPU)",
  ]);
});

test("a cell that is not of its column's kind is left out (a figure under a ratio header, a ratio under a figure's)", () => {
  const figures = readTables(printed("8.58x", "1.0 / 2.0", "9.5"));
  expect(figures.has("1. Build + render › 1,000 › hangar build")).toBe(false);
  expect(figures.has("1. Build + render › 1,000 › hangar build x floor build")).toBe(false);
  expect(figures.get("1. Build + render › 10,000 › hangar build x floor build")).toBe(3.13);
});

test("text without tables has no figures", () => {
  expect(readTables("Goals\nPASS  something: 1.00x\n| not | a table |\n").size).toBe(0);
});

test("rounds of two trees: medians, ranges, and the median of the rounds' own ratios", () => {
  const a = ["10.0", "12.0", "11.0"].map((ms) => readTables(printed(ms, "1.0 / 2.0")));
  const b = ["13.0", "12.0", "30.0"].map((ms) => readTables(printed(ms, "1.0 / 2.0")));
  const rows = compareRounds(a, b);
  const build = rows.find((r) => r.key === "1. Build + render › 1,000 › hangar build");
  expect(build).toEqual({
    key: "1. Build + render › 1,000 › hangar build",
    a: { median: 11, min: 10, max: 12, n: 3 },
    b: { median: 13, min: 12, max: 30, n: 3 },
    // the rounds' ratios are 1.3, 1 and 30/11: their median, not 13/11, the ratio of the medians
    ratio: 1.3,
    interval: undefined,
  });
  expect(rows.find((r) => r.key.endsWith("layout (CPU)"))?.ratio).toBe(1);
  expect(rows).toHaveLength(9);
});

test("a figure only one tree prints is not compared", () => {
  const a = [readTables(printed("8.0", "1.0 / 2.0"))];
  const b = [readTables(printed("8.0", "1.0 / 2.0").replace(/\n7\. hangar graph[\s\S]*?\n\n/, "\n"))];
  expect(compareRounds(a, b).map((r) => r.key)).toEqual([
    "1. Build + render › 1,000 › floor build",
    "1. Build + render › 1,000 › hangar build",
    "1. Build + render › 1,000 › hangar build x floor build",
    "1. Build + render › 10,000 › floor build",
    "1. Build + render › 10,000 › hangar build",
    "1. Build + render › 10,000 › hangar build x floor build",
  ]);
});

test("a ratio header repeated in one table gives a ratio per column, named with the column each divides", () => {
  const table = [
    "1. Build + render",
    "| N     | renderJson | x stringify | renderYaml | x stringify |",
    "|:------|-----------:|------------:|-----------:|------------:|",
    "| 1,000 |       20.6 |       1.78x |       43.8 |       3.81x |",
  ].join("\n");
  expect(Object.fromEntries(readTables(table))).toEqual({
    "1. Build + render › 1,000 › renderJson": 20.6,
    "1. Build + render › 1,000 › renderJson x stringify": 1.78,
    "1. Build + render › 1,000 › renderYaml": 43.8,
    "1. Build + render › 1,000 › renderYaml x stringify": 3.81,
  });
});

test("a figure missing from the first round is still compared from the rounds that have it", () => {
  const full = readTables(printed("9.0", "1.0 / 2.0"));
  const withoutGraph = readTables(printed("8.0", "1.0 / 2.0").replace(/\n7\. hangar graph[\s\S]*?\n\n/, "\n"));
  const rows = compareRounds([withoutGraph, full], [full, full]);
  const layout = rows.find((r) => r.key === "7. hangar graph › synthetic 1,000 › layout (wall)");
  expect(layout?.a).toEqual({ median: 1, min: 1, max: 1, n: 1 });
  expect(layout?.b.n).toBe(2);
});

test("the ratio of a round pairs it with the other tree's same round, and a round one side lacks is left out", () => {
  const at = (ms: string) => readTables(printed(ms, "1.0 / 2.0"));
  const without = readTables(printed("1.0", "1.0 / 2.0").replace(/\| 1,000 .*\n/, ""));
  // round 2 of b lacks the N=1,000 row: the pairs are 10/20 and 40/20, whose median is their mean
  const rows = compareRounds([at("20.0"), at("20.0"), at("20.0")], [at("10.0"), without, at("40.0")]);
  const build = rows.find((r) => r.key === "1. Build + render › 1,000 › hangar build");
  expect(build?.ratio).toBe(1.25);
  expect(build?.b.n).toBe(2);
});

test("the sign test's interval of a median: order statistics chosen by the binomial tail, none under 5 values", () => {
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => n - i);
  expect(medianInterval(ranks(4))).toBeUndefined();
  // P(X = 0) = 1/32 <= 0.05 for n = 5: the whole range, 1 - 2/32 confidence
  expect(medianInterval(ranks(5))).toEqual({ low: 1, high: 5, confidence: 1 - 2 / 32 });
  // n = 10: P(X <= 1) = 11/1024 is within the tail, P(X <= 2) = 56/1024 is not, so the 2nd smallest and largest
  expect(medianInterval(ranks(10))).toEqual({ low: 2, high: 9, confidence: 1 - 22 / 1024 });
  // n = 16: P(X <= 4) = 2517/65536
  expect(medianInterval(ranks(16))).toEqual({ low: 5, high: 12, confidence: 1 - (2 * 2517) / 65536 });
  for (const n of [5, 7, 12, 20, 40]) expect(medianInterval(ranks(n))?.confidence).toBeGreaterThanOrEqual(CONFIDENCE);
});
