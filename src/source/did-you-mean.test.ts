import { describe, expect, test } from "vitest";
import { didYouMean, didYouMeanSuffix, editDistance } from "./did-you-mean.ts";

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
    expect(didYouMeanSuffix("sorce", ["source"])).toBe(" (did you mean 'source'?)");
    expect(didYouMeanSuffix("zzz", ["source"])).toBe("");
  });
});
