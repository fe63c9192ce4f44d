import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readYaml } from "./read-yaml.ts";
import { FLOW_FAST_PATH_MIN, findFlowRegions } from "./read-yaml-flow.ts";
import { buildYamlTree, yamlTextLocator } from "./yaml-tree.ts";

/** Scalars the fast path takes (it must read them as js-yaml does). */
const TAKEN = [
  "7",
  "0",
  "10",
  "0755",
  "0x1F",
  "0o17",
  "0b101",
  "1_000",
  "-3",
  "+4",
  ".5",
  "1.5e3",
  "1e400",
  "123456789012345678",
  ".inf",
  "-.Inf",
  ".nan",
  "yes",
  "No",
  "on",
  "OFF",
  "y",
  "n",
  "true",
  "~",
  "null",
  "Null",
  "abc",
  "a b",
  "a#b",
  "foo-bar",
  "é",
  "/path/x",
  "((var))",
  "$HOME",
  "=",
  "x.y",
  "-x",
  "2024-01-01",
  "'q'",
  '"d"',
  '""',
  "''",
  '"a b"',
];
/** Scalars (and junk) it leaves to js-yaml, which then reads the whole text. */
const LEFT = [
  "a:b",
  "- x",
  "-",
  "&a x",
  "*a",
  "!t x",
  "#c",
  "a #c",
  "'it''s'",
  '"e\\n"',
  '"tab\\t"',
  "<<",
  "__proto__",
  "?x",
  "|",
  ">",
  "%p",
  "@a",
  "`b",
  "",
];
const KEYS = ["a", "b", "name", "source", "k1", "k2", '"q"', "'s'", "a b"];
const ODD_KEYS = ["1", "yes", "~", "<<", "__proto__", "k:", "-k", "a"];

const scalar = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...TAKEN) }, fc.constantFrom(...LEFT));
const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEYS) }, fc.constantFrom(...ODD_KEYS));
/** Space between tokens: mostly none, a space, or a line break onto a line indented deeper; rarely anything else. */
const gap = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom("", " ", "\n    ", "\n      ") },
  fc.constantFrom("  ", "\n", "\n  \n    ", " \t", "\n  ", " # c\n    "),
);
const colon = fc.oneof({ weight: 20, arbitrary: fc.constant(": ") }, fc.constantFrom(":", " : ", ":\n    "));
const tail = fc.oneof({ weight: 20, arbitrary: fc.constant("") }, fc.constantFrom(",", ", ,"));

const flow = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("seq"), tie("map")),
  seq: fc
    .tuple(fc.array(fc.tuple(gap, tie("node"), gap), { minLength: 1, maxLength: 12 }), tail)
    .map(([items, end]) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(",")}${end}]`),
  map: fc
    .array(fc.tuple(gap, key, colon, tie("node"), gap), { minLength: 1, maxLength: 6 })
    .map((pairs) => `{${pairs.map(([a, k, c, v, b]) => `${a}${k}${c}${v}${b}`).join(",")}}`),
}));

/** A document with the collection in the places a pipeline has them. */
const documents = fc
  .tuple(flow.seq, flow.map, flow.node)
  .map(([s, m, n]) => `resources:\n- name: r\n  source: ${m}\n  list: ${s}\njobs:\n- ${n}\n- key: ${s} # after\n`);

describe("the fast path reads flow collections exactly as js-yaml with go-yaml's rules does", () => {
  test("generated documents: the same value or the same problems, and the same positions", () => {
    let taken = 0;
    fc.assert(
      fc.property(documents, (text) => {
        if (findFlowRegions(text, 1).length > 0) taken++;
        const slow = readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY });
        expect(readYaml(text, { flowFastPathMin: 1 })).toEqual(slow);
        if (slow.ok) expect(buildYamlTree(text, 1)).toEqual(buildYamlTree(text, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 800 },
    );
    // the generator is not all junk: a good share of the documents do go through the fast path
    expect(taken).toBeGreaterThan(150);
  });

  test("the collections it takes are found (the generated cases do exercise it)", () => {
    const text = `a: [1, 2, {b: yes, c: [~, 0755, "x"]}, 'y', 1e400, 1_0]\nb: {k: v}\n`;
    expect(findFlowRegions(text, 1).map((r) => r.value)).toEqual([
      [1, 2, { b: true, c: [null, 493, "x"] }, "y", "1e400", 10],
    ]);
    expect(readYaml(text, { flowFastPathMin: 1 })).toEqual({
      ok: true,
      value: { a: [1, 2, { b: true, c: [null, 493, "x"] }, "y", "1e400", 10], b: { k: "v" } },
    });
  });

  test("a large list takes the fast path by default, with the same value and positions as js-yaml's", () => {
    const items = Array.from({ length: 40_000 }, (_, i) => TAKEN[i % TAKEN.length] as string);
    const list = items.join(", ");
    const text = `resources:\n- name: r\n  source:\n    list: [${list}]\n    tail: [1,\n      2]\njobs: []\n`;
    expect(text.length).toBeGreaterThan(FLOW_FAST_PATH_MIN);
    expect(findFlowRegions(text)).toHaveLength(1);
    const fast = readYaml(text);
    expect(fast).toEqual(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY }));
    const locate = yamlTextLocator(text);
    const lineOf = (n: number) => text.slice(0, n).split("\n").length;
    const third = text.indexOf(items[2] as string, text.indexOf("list: ["));
    expect(locate(["resources", 0, "source", "list", 2])).toMatchObject({ line: lineOf(third) });
    expect(buildYamlTree(text)).toEqual(buildYamlTree(text, Number.POSITIVE_INFINITY));
  });

  test("text that only looks like a collection (in a block scalar or a comment) is read as what it is", () => {
    const big = `[${"7, ".repeat(30_000)}7]`;
    const text = `script: |\n  list: ${big}\n# list: ${big}\nlast: ${big}\n`;
    const read = readYaml(text);
    expect(read).toEqual(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY }));
    expect(read.ok && (read.value as { script: string }).script).toBe(`list: ${big}\n`);
    // text after a collection on its line: not taken, and js-yaml's error is the one reported
    const invalid = `other: ${big} trailing\n`;
    expect(readYaml(invalid)).toEqual(readYaml(invalid, { flowFastPathMin: Number.POSITIVE_INFINITY }));
    expect(readYaml(invalid).ok).toBe(false);
  });

  test("a repeated key beside a large collection: every repeat reported, as without the fast path", () => {
    const text = `a: [${"7, ".repeat(30_000)}7]\nb: 1\nc: {x: [${"1, ".repeat(30_000)}1]}\nb: 2\n`;
    const read = readYaml(text);
    expect(read).toMatchObject({ ok: false, problems: [{ kind: "duplicate-key", key: "b", firstLine: 2 }] });
    expect(read).toEqual(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY }));
    const locate = yamlTextLocator(text);
    // the last item of c.x, read from the collection's text only when a path goes into it
    expect(locate(["c", "x", 29_999])).toEqual({ line: 3, col: 9 + 3 * 29_999, endLine: 3, endCol: 10 + 3 * 29_999 });
  });

  test("a repeated key inside a large collection is go-yaml's error, as without the fast path", () => {
    const text = `a: {${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(", ")}, k7: 2}\n`;
    const read = readYaml(text);
    expect(read.ok).toBe(false);
    expect(read).toEqual(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY }));
  });
});
