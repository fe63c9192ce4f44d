import { describe, expect, test } from "vitest";
import { argumentError, describeValue, expectArrays, expectObject } from "./arguments.ts";
import { isHangarError } from "./errors.ts";

describe("describeValue", () => {
  test.each([
    [undefined, "undefined"],
    [null, "null"],
    [[1], "an array"],
    ["build", 'a string ("build")'],
    ["x".repeat(50), `a string ("${"x".repeat(40)}…")`],
    [3, "a number (3)"],
    [true, "a boolean (true)"],
    [() => 1, "a function"],
    [{ name: "x" }, "an object"],
  ])("%j is %s", (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

test("argumentError is one sentence naming the function and the argument", () => {
  const error = argumentError("pipeline", "part #1", "an object", "jobs");
  expect(isHangarError(error)).toBe(true);
  expect(error.code).toBe("api/argument");
  expect(error.message).toBe('pipeline(): part #1 must be an object, got a string ("jobs")');
});

test("expectObject passes objects and names what is not one", () => {
  expect(() => expectObject("f", "options", {})).not.toThrow();
  expect(() => expectObject("f", "options", [])).toThrow("f(): options must be an object, got an array");
  expect(() => expectObject("f", "options", undefined)).toThrow("f(): options must be an object, got undefined");
});

test("expectArrays passes absent keys and arrays, and names the key that is neither", () => {
  expect(() => expectArrays("f", "parts", { jobs: [], resources: undefined }, ["jobs", "resources"])).not.toThrow();
  expect(() => expectArrays("f", "parts", { jobs: {} }, ["jobs"])).toThrow(
    "f(): parts.jobs must be an array, got an object",
  );
});
