import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { toYaml, yamlString } from "./yaml.ts";

/** Parses `text` as both YAML 1.1 (what Concourse reads) and YAML 1.2, and returns both results. */
const parseBoth = (text: string) => ({
  "1.1": parse(text, { version: "1.1" }) as unknown,
  "1.2": parse(text, { version: "1.2" }) as unknown,
});

const expectRoundTrip = (value: unknown) => {
  const text = toYaml(value);
  expect(parseBoth(text)).toEqual({ "1.1": value, "1.2": value });
};

/** Strings that a careless emitter writes plain and a YAML 1.1 or 1.2 parser reads back as something else. */
const AMBIGUOUS = [
  // booleans and nulls of YAML 1.1
  "on",
  "off",
  "On",
  "OFF",
  "yes",
  "no",
  "Yes",
  "NO",
  "y",
  "n",
  "Y",
  "N",
  "true",
  "False",
  "~",
  "null",
  "Null",
  // numbers of YAML 1.1 and 1.2
  "0755",
  "0o755",
  "1e3",
  "1E3",
  "1.0",
  ".5",
  "-.5",
  "+1",
  "-1",
  "1_000",
  "0x1F",
  "0b101",
  "e9",
  "E-5",
  "1:20",
  "190:20:30",
  ".inf",
  "-.Inf",
  ".nan",
  "2024-01-01",
  "2001-12-14t21:59:43.10-05:00",
  // indicators
  "-",
  "- x",
  "key: value",
  "key:",
  ":",
  "? x",
  "?",
  "# c",
  "a #b",
  "@x",
  "`x",
  "!tag",
  "!!str",
  "&a",
  "*a",
  "%x",
  "{}",
  "[]",
  "{a: 1}",
  "[1, 2]",
  "a, b",
  "|",
  ">",
  "|-",
  '"q"',
  "'q'",
  "=",
  "<<",
  "---",
  "...",
  "--- x",
  // whitespace
  " leading",
  "trailing ",
  " ",
  "  ",
  "\t",
  "a\tb",
  "tab\t",
  "",
  // unicode
  "héllo",
  "日本語",
  "😀",
  "a😀b",
  "\u00a0",
  "\ufeffbom",
  "ze\u200bro",
  // line breaks and controls
  "a\nb",
  "a\nb\n",
  "a\n\n",
  "\n",
  "\nlead",
  "a\n  indented\nb",
  "a\n  ",
  "a\n# not a comment\n",
  "a\n---\nb",
  "key: value\nother: value\n",
  "- a\n- b",
  "# c\nx",
  " x\ny",
  "x\n\ty",
  "a\rb",
  "a\r\nb\r\n",
  "\r",
  "a\u0085b",
  "a\u2028b",
  "a\u2029b",
  "\u0000",
  "bell\u0007",
  "del\u007f",
  "c1\u0080\u009f",
  "esc\u001b[0m",
  "\ufffe\uffff",
  "\\",
  "a\\nb",
];

describe("yamlString", () => {
  test("leaves ordinary words and paths plain", () => {
    expect(
      ["src", "registry-image", "ci/tasks/build.yml", "Hello world", "a=b", "v1.2.3", "(x)"].map(yamlString),
    ).toEqual(["src", "registry-image", "ci/tasks/build.yml", "Hello world", "a=b", "v1.2.3", "(x)"]);
  });

  test("double-quotes anything with other punctuation, such as URLs and vars", () => {
    expect(["https://example.com/x.git", "((vault:secret))", "$HOME", "a,b"].map(yamlString)).toEqual([
      '"https://example.com/x.git"',
      '"((vault:secret))"',
      '"$HOME"',
      '"a,b"',
    ]);
  });

  test("quotes every string a YAML 1.1 parser reads as a boolean or null", () => {
    expect(["on", "off", "yes", "no", "y", "n", "Y", "N", "true", "NULL"].map(yamlString)).toEqual([
      '"on"',
      '"off"',
      '"yes"',
      '"no"',
      '"y"',
      '"n"',
      '"Y"',
      '"N"',
      '"true"',
      '"NULL"',
    ]);
  });

  test("quotes numbers, dates, indicators and surrounding whitespace", () => {
    expect(["0755", "1e3", "2024-01-01", "- x", "key: value", "# c", "a #b", " x", "x ", ""].map(yamlString)).toEqual([
      '"0755"',
      '"1e3"',
      '"2024-01-01"',
      '"- x"',
      '"key: value"',
      '"# c"',
      '"a #b"',
      '" x"',
      '"x "',
      '""',
    ]);
  });

  test("escapes characters a YAML 1.1 parser treats as line breaks or refuses", () => {
    expect(["a\u0085b", "a\u2028b", "a\u2029b", "x\u007fy", "x\u0080y", "\ufeffx", "\ufffe"].map(yamlString)).toEqual([
      '"a\\u0085b"',
      '"a\\u2028b"',
      '"a\\u2029b"',
      '"x\\u007fy"',
      '"x\\u0080y"',
      '"\\ufeffx"',
      '"\\ufffe"',
    ]);
  });
});

describe("toYaml", () => {
  test("writes block style with two-space indents and `- key:` items", () => {
    const text = toYaml({
      jobs: [
        {
          name: "build",
          plan: [
            { get: "src", trigger: true },
            { task: "unit", file: "src/ci/unit.yml" },
          ],
        },
      ],
      resources: [{ name: "src", type: "git", source: { uri: "https://example.com/src.git", branch: "main" } }],
    });
    expect(text).toBe(
      [
        "jobs:",
        "- name: build",
        "  plan:",
        "  - get: src",
        "    trigger: true",
        "  - task: unit",
        "    file: src/ci/unit.yml",
        "resources:",
        "- name: src",
        "  type: git",
        "  source:",
        '    uri: "https://example.com/src.git"',
        "    branch: main",
        "",
      ].join("\n"),
    );
  });

  test("writes multi-line strings as literal blocks with the right chomping", () => {
    expect(toYaml({ script: "set -e\nmake\n", once: "a\nb" })).toBe(
      ["script: |", "  set -e", "  make", "once: |-", "  a", "  b", ""].join("\n"),
    );
  });

  test("writes empty containers and nested arrays", () => {
    expect(toYaml({ a: [], b: {}, c: [[], [1, [2]], [{}]], d: [{ x: [] }] })).toBe(
      ["a: []", "b: {}", "c:", "- []", "-", "  - 1", "  -", "    - 2", "-", "  - {}", "d:", "- x: []", ""].join("\n"),
    );
  });

  test("writes scalars and empty containers at the top level", () => {
    expect([toYaml("on"), toYaml(42), toYaml(true), toYaml([]), toYaml({})]).toEqual([
      '"on"\n',
      "42\n",
      "true\n",
      "[]\n",
      "{}\n",
    ]);
  });

  test("ambiguous strings as values read back unchanged in YAML 1.1 and 1.2", () => {
    expectRoundTrip({ values: AMBIGUOUS });
    for (const s of AMBIGUOUS) expectRoundTrip({ value: s });
    for (const s of AMBIGUOUS) expectRoundTrip([s]);
  });

  test("ambiguous strings as keys read back unchanged", () => {
    expectRoundTrip(Object.fromEntries(AMBIGUOUS.map((s, i) => [s, i])));
    expectRoundTrip([Object.fromEntries(AMBIGUOUS.map((s) => [s, [s]]))]);
  });

  test("ambiguous strings nested at every depth read back unchanged", () => {
    const nest = (s: string) => ({ a: [{ b: { c: [[s, { d: s }]] } }], [s]: { [s]: [s] } });
    for (const s of AMBIGUOUS) expectRoundTrip(nest(s));
  });

  test("numbers and booleans read back as numbers and booleans", () => {
    expectRoundTrip({
      ints: [0, 1, -1, 42, 1000000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
      floats: [1.5, -0.25, 0.1, 1e21, -1e21, 1.5e300, 1e-7, 5e-324, Number.MAX_VALUE],
      bools: [true, false],
      mixed: [1, "1", true, "true", 0.5, "0.5"],
    });
  });

  test("exponent numbers carry a dot, as YAML 1.1 floats require", () => {
    expect(toYaml([1e21, 1e-7, -2.5e-8])).toBe("- 1.0e+21\n- 1.0e-7\n- -2.5e-8\n");
  });

  test("nested empty arrays and objects and arrays of arrays read back unchanged", () => {
    expectRoundTrip({
      a: [[]],
      b: [[[]]],
      c: [{}],
      d: { e: {}, f: [], g: [[{}]] },
      h: [
        [1, 2],
        [3, [4, [5]]],
      ],
      i: [[{ j: [[]] }]],
    });
    expectRoundTrip([[[["deep"]]]]);
  });

  test("keys longer than YAML's 1024-character limit for implicit keys are written as explicit `? key`", () => {
    const k = "k".repeat(1100);
    expect(toYaml([{ a: 1, [k]: [{ b: 2 }], [`${k}:`]: "on" }])).toBe(
      ["- a: 1", `  ? ${k}`, "  :", "    - b: 2", `  ? "${k}:"`, '  : "on"', ""].join("\n"),
    );
    for (const key of [k, `${k} #x`, "é".repeat(1100), `${k}\nline`, "k".repeat(1024), "k".repeat(1000)]) {
      expectRoundTrip({ [key]: 1 });
      expectRoundTrip({ [key]: [1, [2], { [key]: {} }], other: [] });
      expectRoundTrip([{ [key]: { a: [] } }, { x: 1, [key]: "a\nb" }]);
    }
  });

  test("long and multi-line text with indentation reads back unchanged", () => {
    const script = "#!/bin/sh\nset -eu\n\nif [ -n \"$X\" ]; then\n  echo 'x: y' # comment\nfi\n";
    expectRoundTrip({ run: { path: "sh", args: ["-c", script] }, long: "word ".repeat(200).trim() });
  });
});

/** Characters that combine into strings YAML treats specially. */
const TRICKY_UNIT = fc.constantFrom(
  ...["a", "o", "n", "y", "e", "x", "0", "1", "9", ".", "_", "+", "-", ":", "#", " ", "\t", "\n", "\r"],
  ...["'", '"', "\\", "~", "*", "&", "!", "|", ">", "{", "}", "[", "]", ",", "%", "@", "`", "?", "="],
  ...["é", "日", "😀", "\u0085", "\u2028", "\u00a0", "\ufeff", "\u007f", "\u0000"],
);

/** JSON values without null, whose strings mix YAML's special characters. */
const trickyJson = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: TRICKY_UNIT, maxLength: 8 }),
    fc.constantFrom(...AMBIGUOUS),
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.boolean(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ unit: TRICKY_UNIT, maxLength: 6 }), fc.constantFrom(...AMBIGUOUS)),
      tie("value"),
      {
        maxKeys: 4,
        noNullPrototype: true,
      },
    ),
  ),
})).value;

describe("toYaml round trip (property)", () => {
  test("any JSON value without null reads back unchanged in YAML 1.1 and 1.2", () => {
    fc.assert(
      fc.property(trickyJson, (value) => {
        expectRoundTrip(value);
      }),
      { numRuns: 2000 },
    );
  });

  test("fc.jsonValue() reads back unchanged in YAML 1.1 and 1.2", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (value) => {
        expectRoundTrip(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 1000 },
    );
  });
});

test("NaN and the infinities are refused, or written as YAML's .nan, .inf and -.inf when asked", () => {
  expect(() => toYaml({ a: Number.NaN })).toThrow(/not data: number/);
  expect(toYaml({ a: Number.NaN, b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] }, { nonFinite: true })).toBe(
    "a: .nan\nb:\n- .inf\n- -.inf\n",
  );
});
