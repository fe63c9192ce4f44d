import { describe, expect, test } from "vitest";
import { cutLongTokens, cutToken, interpolate, MAX_QUOTED_TEXT, shownPath } from "./diagnostic.ts";
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

describe("cutting user tokens", () => {
  test.each([
    ["short", "short"],
    ["x".repeat(60), "x".repeat(60)],
    ["x".repeat(61), `${"x".repeat(60)}…`],
    // never half a surrogate pair
    [`${"x".repeat(59)}😀tail`, `${"x".repeat(59)}…`],
  ])("cutToken(%j)", (token, cut) => {
    expect(cutToken(token)).toBe(cut);
  });

  test("cutLongTokens cuts each long run of non-space characters and caps the whole", () => {
    const long = "y".repeat(500);
    expect(cutLongTokens(`unknown field "${long}" here`)).toBe(`unknown field "${"y".repeat(59)}… here`);
    expect(cutLongTokens(`jobs.a.plan.do[0]: fine words`)).toBe("jobs.a.plan.do[0]: fine words");
    const spaced = "ab ".repeat(10_000);
    expect(cutLongTokens(spaced)).toBe(`${spaced.slice(0, MAX_QUOTED_TEXT)}…`);
  });

  test("shownPath cuts each long key and shows a deep path as its ends around the count of the rest", () => {
    expect(shownPath(["jobs", 0, "plan", 1, "params", "x".repeat(1_000_000)])).toBe(
      `jobs[0].plan[1].params[${JSON.stringify(`${"x".repeat(60)}…`)}]`,
    );
    const deep = ["jobs", 0, "params", ...Array<string>(997).fill("k"), "last key"];
    expect(shownPath(deep)).toBe(`jobs[0].params${".k".repeat(9)}…(977 more)…${".k".repeat(11)}["last key"]`);
    expect(shownPath(["a", ...Array<number>(23).fill(1)])).toBe(`a${"[1]".repeat(23)}`);
    expect(shownPath([...Array<number>(25).fill(1)])).toBe(`${"[1]".repeat(12)}…(1 more)…${"[1]".repeat(12)}`);
  });
});
