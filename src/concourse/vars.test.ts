import { describe, expect, test } from "vitest";
import { hasVar, isWholeVar, varReferences } from "./vars.ts";

describe("Concourse's ((var)) syntax", () => {
  test.each([
    ["((x))", true],
    ["a ((x)) b", true],
    ["((", true],
    ["plain", false],
    ["(x)", false],
  ])("hasVar(%j) is %j", (s, expected) => {
    expect(hasVar(s)).toBe(expected);
  });

  test.each([
    ["((x))", true],
    ["((vault:path/to.x))", true],
    ['((.:"a.b"))', true],
    ["((x)) ", false],
    ["a((x))", false],
    ["((x)) and ((y))", false],
    ["((bad name))", false],
    ["", false],
  ])("isWholeVar(%j) is %j", (s, expected) => {
    expect(isWholeVar(s)).toBe(expected);
  });

  test("varReferences finds each reference, with what is inside its parentheses", () => {
    const found = [...varReferences('url ((src:path)) ((.:"a.b")) ((bad name)) ((x@y/z-1))')];
    expect(found.map((m) => [m[0], m[1]])).toEqual([
      ["((src:path))", "src:path"],
      ['((.:"a.b"))', '.:"a.b"'],
      ["((x@y/z-1))", "x@y/z-1"],
    ]);
    // the search holds no state between calls
    expect([...varReferences("((a))")].map((m) => m[1])).toEqual(["a"]);
    expect([...varReferences("((a))")].map((m) => m[1])).toEqual(["a"]);
  });
});
