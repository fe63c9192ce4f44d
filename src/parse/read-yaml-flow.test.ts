import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { KNOWN_MAPPING_MIN } from "./known-mappings.ts";
import { readYaml, type YamlRead } from "./read-yaml.ts";
import { FLOW_FAST_PATH_MIN, findFlowRegions } from "./read-yaml-flow.ts";
import { buildYamlTree, yamlTextLocator } from "./yaml-tree.ts";

/** What a read decoded: the value, or the problems (without what the fast path records of what it read). */
const decoded = (read: YamlRead) => (read.ok ? { ok: true, value: read.value } : read);

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
  // floats JSON cannot hold: js-yaml's listener notes them (yaml-to-json.ts)
  ".inf",
  "-.Inf",
  ".nan",
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

/** Block lists and mappings under a `key:` line, mostly of entries the fast path takes, sometimes not. */
const entryValue = fc.oneof(
  { weight: 8, arbitrary: scalar },
  fc.constantFrom("[1, 2, x]", "{a: 1, b: [yes, ~]}", "[]", "{}", "[a, {b: c}]", "[1,\n      2]", "{a: 1, a: 2}"),
);
const blockKey = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom("a", "b", "k1", "k2", "k3", "name", "x-y", "k.z", "k_w") },
  fc.constantFrom("yes", "1", "__proto__", "<<", '"q"', "a b"),
);
const oddLine = fc.constantFrom("", "# comment", "  deeper: 1", "- loose", "\t- tab", "k1: again");
const blockRun = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom(0, 2, 4),
    fc.array(fc.oneof({ weight: 30, arbitrary: fc.tuple(blockKey, entryValue) }, oddLine), {
      minLength: 1,
      maxLength: 8,
    }),
    fc.constantFrom("next: 1", "", "  deeper: 1", "- entry", "# end"),
    // the block under a flow collection is not YAML (a key line that does not open the flow is not seen as one)
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(["top:", ""]) },
      fc.constantFrom(['"top": [', "]"], ["top: &x {", "}"]),
    ),
  )
  .map(([isList, extra, entries, tail, [open, close]]) => {
    const pad = " ".repeat(2 + extra);
    // plain keys get their entry's number (repeats are rare then, but do happen through the odd keys)
    const keyOf = (k: string, i: number) => (/^[a-z]/.test(k) ? `${k}${i}` : k);
    const lines = entries.map((e, i) =>
      typeof e === "string" ? (e === "" ? "" : `${pad}${e}`) : `${pad}${isList ? "-" : `${keyOf(e[0], i)}:`} ${e[1]}`,
    );
    const end = tail === "" ? "" : `${tail.startsWith(" ") ? "  " : ""}${tail}\n`;
    return `${open}\n  list:\n${lines.join("\n")}\n${end}${close === "" ? "" : `${close}\n`}`;
  });

describe("the fast path reads block collections of scalars exactly as js-yaml does", () => {
  test("generated documents: the same value or the same problems, and the same positions", () => {
    let taken = 0;
    fc.assert(
      fc.property(blockRun, (text) => {
        if (findFlowRegions(text, 1).some((r) => r.kind === "block")) taken++;
        const slow = readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY });
        expect(decoded(readYaml(text, { flowFastPathMin: 1 }))).toEqual(decoded(slow));
        if (slow.ok) expect(buildYamlTree(text, 1)).toEqual(buildYamlTree(text, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 800 },
    );
    expect(taken).toBeGreaterThan(150);
  });

  test("a large block list and mapping take it by default, with the same values and positions", () => {
    const list = Array.from({ length: 20_000 }, (_, i) => `    - ${TAKEN[i % TAKEN.length]}`).join("\n");
    const map = Array.from({ length: 20_000 }, (_, i) => `    key-${i}: ${TAKEN[i % TAKEN.length]}`).join("\n");
    const text = `source:\n  list:\n${list}\n  map:\n${map}\n\njobs: []\n`;
    expect(findFlowRegions(text).map((r) => r.kind)).toEqual(["block", "block"]);
    const fast = readYaml(text);
    expect(decoded(fast)).toEqual(decoded(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY })));
    expect(fast.ok && fast.known).toBeDefined();
    expect(buildYamlTree(text)).toEqual(buildYamlTree(text, Number.POSITIVE_INFINITY));
    expect(yamlTextLocator(text)(["source", "map", "key-19999"])).toMatchObject({ line: 3 + 20_000 + 20_000 });
  });
});

describe("finding the large block collections of a deeply nested text", () => {
  test("each line is looked at a few times, where each key's block was measured again from its line", () => {
    // 2,000 keys nested one under the other, a large list under the last
    const depth = 2_000;
    const keys = Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k${i}:\n`).join("");
    const list = `${" ".repeat(depth)}- 7\n`.repeat(40);
    const text = `${keys}${list}`;
    const lines = depth + 40;
    const indexOf = vi.spyOn(String.prototype, "indexOf");
    const searched = { lineEnds: 0 };
    const regions = (() => {
      try {
        return findFlowRegions(text);
      } finally {
        searched.lineEnds = indexOf.mock.calls.length;
        indexOf.mockRestore();
      }
    })();
    expect(regions.map((r) => [r.kind, r.value])).toEqual([["block", Array(40).fill(7)]]);
    // the lines are searched for where they end: each a few times (once to measure the blocks, once to look at it),
    // where measuring each key's block again from its line searched some 190,000 line ends
    expect(searched.lineEnds).toBeLessThan(4 * lines);
  });
});

describe("the fast path records the keys and the height of the large mappings it reads", () => {
  const keysOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `k${from + i}`);

  test("a block mapping and a flow mapping of KNOWN_MAPPING_MIN keys or more: keys in order, height", () => {
    const block = keysOf(KNOWN_MAPPING_MIN).map((k, i) => `    ${k}: ${TAKEN[i % TAKEN.length]}`);
    const flow = keysOf(30_000, 5).map((k) => `${k}: [1, {a: b}]`);
    const small = keysOf(KNOWN_MAPPING_MIN - 1).map((k) => `${k}: 1`);
    const text = `source:\n  block:\n${block.join("\n")}\n  flow: {${flow.join(", ")}}\n  small: {${small.join(", ")}}\n`;
    const read = readYaml(text, { flowFastPathMin: 1 });
    if (!read.ok) throw new Error("not read");
    const source = (read.value as { source: Record<string, Record<string, unknown>> }).source;
    const recordOf = (m: object, height: number) => ({ keys: Object.keys(m), values: Object.values(m), height });
    expect(read.known?.get(source.block as object)).toEqual(recordOf(source.block as object, 0));
    expect(read.known?.get(source.flow as object)).toEqual(recordOf(source.flow as object, 2));
    expect(read.known?.get(source.flow as object)?.keys[0]).toBe("k5");
    // filled without a prototype (faster), they are plain objects once read, as js-yaml's are
    for (const m of [source.block, source.flow, source.small]) expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    // not recorded: a mapping of fewer keys, one the reader did not build, and a copy
    expect(read.known?.get(source.small as object)).toBeUndefined();
    expect(read.known?.get(source)).toBeUndefined();
    expect(read.known?.get({ ...source.block })).toBeUndefined();
  });

  test("nothing is recorded when no large mapping was read by the fast path", () => {
    const list = `source:\n  list:\n${"    - 7\n".repeat(40_000)}`;
    expect(readYaml(list)).not.toHaveProperty("known");
    // a comment inside: the mapping is left to js-yaml, which records nothing
    const lines = keysOf(KNOWN_MAPPING_MIN).map((k) => `  ${k}: 1`);
    const commented = `m:\n${lines.join("\n")}\n  # note\n  last: 2\n`;
    const read = readYaml(commented, { flowFastPathMin: 1 });
    expect(read).toMatchObject({ ok: true, value: { m: { k0: 1, last: 2 } } });
    expect(read).not.toHaveProperty("known");
  });
});

describe("the fast path reads flow collections exactly as js-yaml with go-yaml's rules does", () => {
  test("generated documents: the same value or the same problems, and the same positions", () => {
    let taken = 0;
    fc.assert(
      fc.property(documents, (text) => {
        if (findFlowRegions(text, 1).length > 0) taken++;
        const slow = readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY });
        expect(decoded(readYaml(text, { flowFastPathMin: 1 }))).toEqual(decoded(slow));
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
    expect(decoded(readYaml(text, { flowFastPathMin: 1 }))).toEqual({
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
    expect(decoded(fast)).toEqual(decoded(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY })));
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
    expect(decoded(read)).toEqual(decoded(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY })));
    expect(read.ok && (read.value as { script: string }).script).toBe(`list: ${big}\n`);
    // text after a collection on its line: not taken, and js-yaml's error is the one reported
    const invalid = `other: ${big} trailing\n`;
    expect(decoded(readYaml(invalid))).toEqual(
      decoded(readYaml(invalid, { flowFastPathMin: Number.POSITIVE_INFINITY })),
    );
    expect(readYaml(invalid).ok).toBe(false);
  });

  test("a repeated key beside a large collection: every repeat reported, as without the fast path", () => {
    const text = `a: [${"7, ".repeat(30_000)}7]\nb: 1\nc: {x: [${"1, ".repeat(30_000)}1]}\nb: 2\n`;
    const read = readYaml(text);
    expect(read).toMatchObject({ ok: false, problems: [{ kind: "duplicate-key", key: "b", firstLine: 2 }] });
    expect(decoded(read)).toEqual(decoded(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY })));
    const locate = yamlTextLocator(text);
    // the last item of c.x, read from the collection's text only when a path goes into it
    expect(locate(["c", "x", 29_999])).toEqual({ line: 3, col: 9 + 3 * 29_999, endLine: 3, endCol: 10 + 3 * 29_999 });
  });

  test("a repeated key inside a large collection is go-yaml's error, as without the fast path", () => {
    const text = `a: {${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(", ")}, k7: 2}\n`;
    const read = readYaml(text);
    expect(read.ok).toBe(false);
    expect(decoded(read)).toEqual(decoded(readYaml(text, { flowFastPathMin: Number.POSITIVE_INFINITY })));
  });
});
