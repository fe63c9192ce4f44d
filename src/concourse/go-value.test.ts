import { describe, expect, test } from "vitest";
import { goInt, goString } from "./go-value.ts";

describe("Go's reading of decoded values into typed fields", () => {
  test.each([
    [undefined, ""],
    [null, ""],
    ["x", "x"],
    [1, undefined],
    [true, undefined],
    [{}, undefined],
  ])("goString(%j) is %j", (value, expected) => {
    expect(goString(value)).toBe(expected);
  });

  test.each([
    [undefined, 0],
    [null, 0],
    [3, 3],
    [-2, -2],
    [1.5, undefined],
    ["3", undefined],
  ])("goInt(%j) is %j", (value, expected) => {
    expect(goInt(value)).toBe(expected);
  });
});
