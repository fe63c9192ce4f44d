import { describe, expect, test } from "vitest";
import { lineLead } from "./line-lead.ts";

describe("the indentation and list dashes a line starts with", () => {
  test.each([
    ["name: x", 0, 0],
    ["  - - name: x", 2, 4],
    ["\t-\t\tkey: 1", 1, 3],
    ["  -key: 1", 2, 0],
    ["  - -", 2, 2],
    ["- \u00a0- x", 0, 5],
    ["   ", 3, 0],
  ])("%j: %i blanks, then %i of dashes", (line, indent, dashes) => {
    expect(lineLead(line)).toEqual({ indent, dashes });
    // as the pattern it stands for reads it
    const m = /^(\s*)((?:-\s+)*)/.exec(line);
    expect([m?.[1]?.length, m?.[2]?.length]).toEqual([indent, dashes]);
  });
});
