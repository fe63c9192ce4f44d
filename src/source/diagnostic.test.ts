import { describe, expect, test } from "vitest";
import { interpolate } from "./diagnostic.ts";
import { comparePaths, formatPath, parsePath } from "./path.ts";

describe("formatPath", () => {
  test.each([
    [["jobs", 2, "plan", 0, "task"], "jobs[2].plan[0].task"],
    [["resources", 0, "source", "aws-region"], 'resources[0].source["aws-region"]'],
    [[], ""],
    [["a b", 1], '["a b"][1]'],
  ])("%j -> %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
    expect(parsePath(text)).toEqual(path);
  });

  test("parsePath rejects what formatPath never writes", () => {
    expect(parsePath(".jobs")).toBeUndefined();
    expect(parsePath("jobs[x]")).toBeUndefined();
  });
});

test("comparePaths orders indexes numerically and prefixes first", () => {
  const paths = [["jobs", 10], ["jobs", 2, "plan"], ["jobs", 2], ["groups"], ["jobs", "x"]];
  expect([...paths].sort(comparePaths)).toEqual([
    ["groups"],
    ["jobs", 2],
    ["jobs", 2, "plan"],
    ["jobs", 10],
    ["jobs", "x"],
  ]);
});

test("interpolate fills placeholders and leaves unknown ones", () => {
  expect(interpolate("unknown resource '{{resource}}' {{other}}", { resource: "src" })).toBe(
    "unknown resource 'src' {{other}}",
  );
  expect(interpolate("x {{toString}}", {})).toBe("x {{toString}}");
});
