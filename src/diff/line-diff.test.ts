import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { diffLines, splitLines, toHunks, unifiedDiff } from "./line-diff.ts";

/** The length of the longest common subsequence, by dynamic programming (the reference for minimality). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(up, row[j - 1] as number);
      diagonal = up;
    }
  }
  return row[b.length] as number;
}

describe("diffLines", () => {
  test("rebuilds both texts and keeps a longest common subsequence", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 14 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const edits = diffLines(a, b);
        expect(edits.filter((e) => e.op !== "+").map((e) => e.line)).toEqual(a);
        expect(edits.filter((e) => e.op !== "-").map((e) => e.line)).toEqual(b);
        expect(edits.filter((e) => e.op === " ").length).toBe(lcs(a, b));
      }),
    );
  });

  test("equal texts are all kept; empty texts have no edits", () => {
    expect(diffLines(["x", "y"], ["x", "y"])).toEqual([
      { op: " ", line: "x" },
      { op: " ", line: "y" },
    ]);
    expect(diffLines([], [])).toEqual([]);
  });
});

describe("unifiedDiff", () => {
  const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n");

  test("shows changed lines with N lines of context and 1-based positions", () => {
    const after = before.replace("e", "E");
    expect(unifiedDiff(before, after, 1)).toBe("@@ -4,3 +4,3 @@\n d\n-e\n+E\n f\n");
    expect(unifiedDiff(before, after, 0)).toBe("@@ -5,1 +5,1 @@\n-e\n+E\n");
  });

  test("changes closer than twice the context share one hunk; farther ones get their own", () => {
    const after = before.replace("b", "B").replace("i", "I");
    expect(toHunks(diffLines(splitLines(before), splitLines(after)), 3)).toHaveLength(1);
    expect(unifiedDiff(before, after, 1)).toBe("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -8,3 +8,3 @@\n h\n-i\n+I\n j\n");
  });

  test("each of many hunks starts at its own lines of both texts, past lines added and removed before it", () => {
    // every 20th line changed, every 60th removed and every 90th followed by a new one: hunks of all three kinds
    const old: string[] = [];
    const now: string[] = [];
    for (let i = 0; i < 3000; i++) {
      old.push(`line ${i}`);
      if (i % 60 === 0) continue;
      now.push(i % 20 === 0 ? `changed ${i}` : `line ${i}`);
      if (i % 90 === 0) now.push(`new after ${i}`);
    }
    const hunks = toHunks(diffLines(old, now), 2);
    expect(hunks.length).toBeGreaterThan(100);
    for (const h of hunks) {
      const oldSide = h.edits.filter((e) => e.op !== "+").map((e) => e.line);
      const newSide = h.edits.filter((e) => e.op !== "-").map((e) => e.line);
      expect(old.slice(h.oldStart - 1, h.oldStart - 1 + h.oldLines)).toEqual(oldSide);
      expect(now.slice(h.newStart - 1, h.newStart - 1 + h.newLines)).toEqual(newSide);
    }
  });

  test("a whole new text and a removed one", () => {
    expect(unifiedDiff("", "x\ny\n")).toBe("@@ -0,0 +1,2 @@\n+x\n+y\n");
    expect(unifiedDiff("x\n", "")).toBe("@@ -1,1 +0,0 @@\n-x\n");
    expect(unifiedDiff("same\n", "same\n")).toBe("");
  });
});
