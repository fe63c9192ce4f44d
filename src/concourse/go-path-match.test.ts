import { describe, expect, test } from "vitest";
import { goPathMatch, isLiteralPathPattern } from "./go-path-match.ts";

describe("goPathMatch (Go's path.Match)", () => {
  test.each([
    ["build", "build", true],
    ["build", "builds", false],
    ["build-*", "build-linux", true],
    ["build-*", "build-", true],
    ["*", "", true],
    ["*", "a/b", false],
    ["*-prod", "deploy-prod", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
    ["?uild", "build", true],
    ["?uild", "uild", false],
    ["[a-c]at", "bat", true],
    ["[a-c]at", "dat", false],
    ["[^a-c]at", "dat", true],
    ["[^a-c]at", "cat", false],
    ["[ab-]x", "ax", false], // malformed class: no match
    ["build-[", "build-[", false], // malformed: no match even for the equal text
    ["\\*", "*", true],
    ["a\\", "a", false],
    ["ü*", "über", true],
    ["?", "ü", true],
    ["job?", "job/", false],
  ])("%j matches %j: %s", (pattern, name, expected) => {
    expect(goPathMatch(pattern, name)).toBe(expected);
  });

  test("literal patterns are recognised so callers can use a map", () => {
    expect([
      isLiteralPathPattern("deploy-prod"),
      isLiteralPathPattern("deploy-*"),
      isLiteralPathPattern("a[b]"),
    ]).toEqual([true, false, false]);
  });
});
