import { describe, expect, test } from "vitest";
import { parsePipeline } from "./parse-pipeline.ts";
import { findNonFinite, goYamlKeyName, isKey } from "./yaml-to-json.ts";

describe("what sigs.k8s.io/yaml's conversion to JSON makes of keys and values", () => {
  test("a float key is named as FormatFloat(f, 'g', -1, 32) writes it, infinities and NaN as YAML spells them", () => {
    expect(
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0.1, 1.23456789012, 1e-7].map(goYamlKeyName),
    ).toEqual([".inf", "-.inf", ".nan", "0.1", "1.2345679", "1e-07"]);
    expect(["a", 7, true, { a: 1 }].map(goYamlKeyName)).toEqual(["a", "7", "true", "[object Object]"]);
  });

  test("a node is a key when `:` follows it on its line, or `?` stands before it", () => {
    const text = "a: .inf\n.nan : 1\n? [x]\n: 2\nb: [?x, .5]\n";
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;
    const keyAt = (s: string) => isKey(text, ...at(s));
    expect([".inf", ".nan", "[x]", "?x", ".5"].map(keyAt)).toEqual([false, true, true, false, false]);
  });

  test("a `?` that ends a comment line is not the indicator of an explicit key", () => {
    const text = "# what ?\n[x]: 1\nb: # ?\n  {c: 2}\n";
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;
    expect(["[x]", "{c: 2}"].map((s) => isKey(text, ...at(s)))).toEqual([true, false]);
    // a pipeline after such a comment is read: the mapping of the whole document is no key
    expect(parsePipeline("# ?\njobs: []\n").diagnostics).toEqual([]);
    expect(parsePipeline("# which ?\njobs:\n# ?\n- {name: a, plan: []}\n").pipeline).toEqual({
      jobs: [{ name: "a", plan: [] }],
    });
  });

  test("the floats JSON cannot hold, with their paths in document order; a shared value once", () => {
    const shared = { n: Number.NaN };
    const doc = { a: [1, Number.POSITIVE_INFINITY], b: shared, c: shared, d: { e: Number.NEGATIVE_INFINITY } };
    expect(findNonFinite(doc)).toEqual([
      { path: ["a", 1], value: Number.POSITIVE_INFINITY },
      { path: ["b", "n"], value: Number.NaN },
      { path: ["d", "e"], value: Number.NEGATIVE_INFINITY },
    ]);
    expect(findNonFinite(Number.NaN)).toEqual([{ path: [], value: Number.NaN }]);
    let deep: unknown = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNonFinite(deep)[0]?.path).toHaveLength(100_000);
  });
});
