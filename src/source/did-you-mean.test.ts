import { describe, expect, test } from "vitest";
import { didYouMean, didYouMeanSuffix, editDistance, MAX_SUGGESTED_NAME } from "./did-you-mean.ts";

describe("editDistance", () => {
  test.each([
    ["", "", 0],
    ["source", "source", 0],
    ["sorce", "source", 1],
    ["kitten", "sitting", 3],
    ["abc", "", 3],
    ["flaw", "lawn", 2],
    ["biuld", "build", 1],
    ["ab", "ba", 1],
  ])("%s -> %s = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test("stops past the limit", () => {
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("didYouMean", () => {
  test.each([
    ["sorce", ["image", "source"], "source"],
    ["Source", ["source"], "source"],
    ["build-imag", ["build-image", "build-images"], "build-image"],
    ["x", ["y", "z"], "y"],
    ["deploy", ["source", "image"], undefined],
    ["source", ["source"], undefined],
    ["ab", [], undefined],
  ])("%s among %j: %s", (name, known, expected) => {
    expect(didYouMean(name, known)).toBe(expected);
  });

  test("the suffix for messages", () => {
    expect(didYouMeanSuffix("sorce", ["source"])).toBe("; did you mean 'source'?");
    expect(didYouMeanSuffix("zzz", ["source"])).toBe("");
  });
});

test("names longer than MAX_SUGGESTED_NAME are neither suggested for nor suggested (junk costs nothing)", () => {
  const long = "a".repeat(MAX_SUGGESTED_NAME + 1);
  expect(didYouMean(long, [`${long}b`])).toBeUndefined();
  expect(didYouMean("ab", [long, "ac"])).toBe("ac");
  // unguarded, two 1 MB names would cost 10^12 steps (the test would time out)
  expect(didYouMean(`${"x".repeat(1 << 20)}y`, [`${"x".repeat(1 << 20)}z`])).toBeUndefined();
});
