import { describe, expect, test } from "vitest";
import { mendBlock, mendLine, mendText, readingsFor } from "./mend.ts";

describe("mending the line of a syntax error", () => {
  test("after the key's colon when something follows it; the whole line otherwise; offsets kept", () => {
    expect(mendLine("a:\n  b: [x\n", 10)).toBe("a:\n  b:   \n");
    expect(mendLine("a:\n  - k: {\r\n", 12)).toBe("a:\n  - k:  \r\n");
    expect(mendLine("a: 1\nbc\nd: 2\n", 7)).toBe("a: 1\n  \nd: 2\n");
    expect(mendLine("a: 1\n  b:\n", 9)).toBe("a: 1\n    \n");
  });

  test("a list entry's line, whole, but for its dash: what is under it stays an entry of its own", () => {
    expect(mendLine("a:\n  - b c\n    d: 1\n", 8)).toBe("a:\n  -    \n    d: 1\n");
    expect(mendLine("a:\n  - - b c\n", 10)).toBe("a:\n  - -    \n");
  });

  test("an error on a blank or comment line, or at the end, is the last line written before it", () => {
    expect(mendLine("a: [\n\n# note\n", 14)).toBe("a:  \n\n# note\n");
  });

  test("nothing to mend: undefined", () => {
    expect(mendLine("\n# only a comment\n", 19)).toBeUndefined();
  });

  test("a line of 6,000,000 list dashes: read once, by hand, where a pattern's loop over them overflowed its stack", () => {
    // a pattern that could read a dash as a key's first character read the line again from each dash (100,000 took
    // 19 s); one that could not still looped over them, and overflowed its backtracking stack (RangeError) at 5,000,000
    const dashes = "- ".repeat(6_000_000);
    expect(mendLine(`a: [\n${dashes}b:c\n`, 5)).toBe(`a: [\n${dashes}   \n`);
    expect(mendLine(`a: [\n${dashes}-b: [c\n`, 5)).toBe(`a: [\n${dashes}-b:   \n`);
  });

  test("the key after the dashes: found from where they end; a dash that ends the line is an entry's", () => {
    expect(mendLine("a:\n  - -\tkey: [x\n", 3)).toBe("a:\n  - -\tkey:   \n");
    expect(mendLine("a:\n  - -key: [x\n", 3)).toBe("a:\n  - -key:   \n");
    expect(mendLine("a:\n  - - -\n", 3)).toBe("a:\n  - - -\n");
    expect(mendLine("a:\n  - b c -\n", 3)).toBe("a:\n  -      \n");
  });
});

describe("mending a broken line whole, with what is written under it", () => {
  test("the line and the lines more indented (blank and comment lines between them too); offsets kept", () => {
    expect(mendBlock("a:\n  - b c\n    d: 1\n\n    # x\n  - e\n", 8)).toBe("a:\n       \n        \n\n       \n  - e\n");
    expect(mendBlock("a: 1\n  b: [\r\nc: 2\r\n", 8)).toBe("a: 1\n      \r\nc: 2\r\n");
  });

  test("a list written at the indentation of the key it is the value of is under it; an entry's sibling is not", () => {
    expect(mendBlock("a: 1\nb c:\n- x\n- y\nd: 2\n", 6)).toBe("a: 1\n    \n   \n   \nd: 2\n");
    expect(mendBlock("- a b\n- c\n", 0)).toBe("     \n- c\n");
  });

  test("an error on a blank line is the last line written before it; nothing to mend: undefined", () => {
    expect(mendBlock("a: 1\nb: [\n\n", 11)).toBe("a: 1\n    \n\n");
    expect(mendBlock("\n# only a comment\n", 19)).toBeUndefined();
  });
});

describe("how many times a text is read again, mended", () => {
  test("a text being typed up to twenty times; a large one fewer (all its readings within 10 million characters)", () => {
    expect(readingsFor(10_000)).toBe(20);
    expect(readingsFor(400_000)).toBe(20);
    expect(readingsFor(1_000_000)).toBe(9);
    expect(readingsFor(5_000_000)).toBe(1);
    expect(readingsFor(10_000_000)).toBe(0);
  });

  test("a large text with one broken line reads; one with more than its readings, not", () => {
    const job = (i: number) => `  - name: job-${i}\n    plan:\n      - get: repo\n`;
    const text = `resources:\n  - name: repo\n    type: git\njobs:\n${Array.from({ length: 60_000 }, (_, i) => job(i)).join("")}`;
    const readings = readingsFor(text.length);
    expect(readings).toBe(2);
    const broken = (lines: number) => `${text}${"        passed: [\n".repeat(lines)}`;
    expect((mendText(broken(1))?.read.value as { jobs: unknown[] } | undefined)?.jobs).toHaveLength(60_000);
    expect(mendText(broken(readings + 1))).toBeUndefined();
  });
});
