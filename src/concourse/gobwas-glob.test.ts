import { describe, expect, test } from "vitest";
import { compileGobwasGlob, isLiteralGobwasPattern } from "./gobwas-glob.ts";

const matches = (pattern: string, name: string): boolean | undefined => compileGobwasGlob(pattern)?.test(name);

describe("compileGobwasGlob (gobwas/glob without separators)", () => {
  test.each([
    ["unit-*", "unit-a/b", true],
    ["unit-**", "unit-", true],
    ["deploy-{staging,prod}", "deploy-prod", true],
    ["deploy-{staging,prod}", "deploy-dev", false],
    ["deploy-{a,{b,c}}", "deploy-c", true],
    ["x{a,b", "xb", true], // a brace left open is closed at the end
    ["[!a-c]x", "dx", true],
    ["[!a-c]x", "bx", false],
    ["[abc]x", "cx", true],
    ["a?c", "abc", true],
    ["a\\*c", "a*c", true],
    ["a\\*c", "abc", false],
    ["a.b(c)+", "a.b(c)+", true],
    ["a,b}", "a,b}", true],
  ])("%j matches %j: %s", (pattern, name, expected) => {
    expect(matches(pattern, name)).toBe(expected);
  });

  test.each(["bad-[0-9", "[]", "[!]", "[b-a]", "[ab", "x[a-b", "[a-]]"])("%j does not compile", (pattern) => {
    expect(compileGobwasGlob(pattern)).toBeUndefined();
  });

  test("literal patterns are recognised", () => {
    expect([isLiteralGobwasPattern("a,b}]"), isLiteralGobwasPattern("a{b}"), isLiteralGobwasPattern("a\\b")]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
