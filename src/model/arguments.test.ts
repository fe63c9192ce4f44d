import { describe, expect, test } from "vitest";
import {
  argumentError,
  checkOptions,
  choicesPhrase,
  describeValue,
  expectArrays,
  expectObject,
  type OptionKinds,
} from "./arguments.ts";
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

describe("checkOptions", () => {
  interface Options {
    name: string;
    count?: number;
    on?: boolean;
    host?: string | null;
    paths?: readonly string[];
    steps?: readonly unknown[];
    extra?: Readonly<Record<string, string>>;
    code?: { readonly name: string };
    target?: string | { readonly name: string };
  }
  const KINDS: OptionKinds<Options> = {
    name: "string",
    count: "number?",
    on: "boolean?",
    host: "string|null?",
    paths: "string[]?",
    steps: "array?",
    extra: "object?",
    code: "named?",
    target: "ref?",
  };
  const check = (options: unknown) => checkOptions("f", options as Options, KINDS);

  test("returns valid options as they are, optional ones left out or given", () => {
    const minimal = { name: "a" };
    expect(check(minimal)).toBe(minimal);
    const full = {
      name: "a",
      count: 0,
      on: false,
      host: null,
      paths: ["x"],
      steps: [1],
      extra: {},
      code: { name: "c" },
      target: "t",
      unknown: 1,
    };
    expect(check(full)).toBe(full);
    expect(() => check({ name: "a", target: { name: "t" } })).not.toThrow();
  });

  test.each([
    [undefined, "f(): options must be an object, got undefined"],
    [null, "f(): options must be an object, got null"],
    ["a", 'f(): options must be an object, got a string ("a")'],
    [["a"], "f(): options must be an object, got an array"],
    [{}, "f(): option 'name' must be a string, got undefined"],
    [{ name: 42 }, "f(): option 'name' must be a string, got a number (42)"],
    [{ name: null }, "f(): option 'name' must be a string, got null"],
    [{ name: "a", count: "3" }, `f(): option 'count' must be a number, got a string ("3")`],
    [{ name: "a", count: Number.NaN }, "f(): option 'count' must be a finite number, got a number (NaN)"],
    [
      { name: "a", count: Number.POSITIVE_INFINITY },
      "f(): option 'count' must be a finite number, got a number (Infinity)",
    ],
    [{ name: "" }, `f(): option 'name' must be a non-empty string, got a string ("")`],
    [{ name: "a", on: "yes" }, `f(): option 'on' must be a boolean, got a string ("yes")`],
    [{ name: "a", host: 1 }, "f(): option 'host' must be a string or null, got a number (1)"],
    [{ name: "a", paths: "src" }, `f(): option 'paths' must be an array of strings, got a string ("src")`],
    [{ name: "a", paths: ["src", 7] }, "f(): option 'paths[1]' must be a string, got a number (7)"],
    [{ name: "a", steps: {} }, "f(): option 'steps' must be an array, got an object"],
    [{ name: "a", extra: [] }, "f(): option 'extra' must be an object, got an array"],
    [{ name: "a", code: {} }, "f(): option 'code' must be an object with a name, got an object"],
    [{ name: "a", target: 3 }, "f(): option 'target' must be a name or an object with a name, got a number (3)"],
    // a name names something: an empty one is no name
    [{ name: "a", code: { name: "" } }, "f(): option 'code' must be an object with a name, got an object"],
    [{ name: "a", target: "" }, `f(): option 'target' must be a name or an object with a name, got a string ("")`],
    [
      { name: "a", target: { name: "" } },
      "f(): option 'target' must be a name or an object with a name, got an object",
    ],
  ])("%j: %s", (options, message) => {
    expect(() => check(options)).toThrowError(message);
    expect(() => check(options)).toThrowError(expect.objectContaining({ name: "HangarError", code: "api/argument" }));
  });
});

test("checkOptions holds a string option of a closed union to its choices", () => {
  interface Options {
    mode?: "token" | "app";
  }
  const check = (options: unknown) =>
    checkOptions("f", options as Options, { mode: "string?" }, { mode: ["token", "app"] });
  expect(() => check({ mode: "app" })).not.toThrow();
  expect(() => check({})).not.toThrow();
  expect(() => check({ mode: "Token" })).toThrow(`f(): option 'mode' must be "token" or "app", got a string ("Token")`);
});

test("choicesPhrase lists the values a closed union allows", () => {
  expect(choicesPhrase(["token", "app"])).toBe(`"token" or "app"`);
  expect(choicesPhrase(["a", "b", "c"])).toBe(`"a", "b" or "c"`);
  expect(choicesPhrase(["all", "detect"], "an array of names")).toBe(`"all", "detect" or an array of names`);
  expect(choicesPhrase(["only"])).toBe(`"only"`);
});
