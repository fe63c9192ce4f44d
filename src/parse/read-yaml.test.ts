import { describe, expect, test } from "vitest";
import { MAX_LEXES, quotedScalars } from "./go-yaml-escapes.ts";
import { parsePipeline } from "./parse-pipeline.ts";
import { type ReadYamlOptions, readYaml } from "./read-yaml.ts";

const resolvedValue = (scalar: string): unknown => {
  const read = readYaml(`v: ${scalar}\n`);
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("; "));
  return (read.value as { v: unknown }).v;
};

describe("scalars resolve as go-yaml v2 resolves them", () => {
  test.each([
    ["~", null],
    ["Null", null],
    ["y", true],
    ["No", false],
    ["ON", true],
    ["0777", 511],
    ["0o17", 15],
    ["0x_1F", 31],
    ["0b101", 5],
    ["1_000", 1000],
    ["-0x10", -16],
    // an int has no negative zero; a float has (strconv.ParseFloat)
    ["-0", 0],
    ["-0_0", 0],
    ["-0x0", 0],
    ["-0.0", -0],
    ["-.0", -0],
    ["-0e0", -0],
    ["+0.0", 0],
    [".0", 0],
    ["+.5", 0.5],
    ["1.e3", 1000],
    ["-.inf", Number.NEGATIVE_INFINITY],
    ["1e400", "1e400"],
    ["-1e400", "-1e400"],
    ["1:20", "1:20"],
    ["0x", "0x"],
    ["2001-01-01", "2001-01-01"],
    ["'yes'", "yes"],
    ["!!str 12", "12"],
    ["!!binary aGVsbG8=", "hello"],
    ["!custom [1]", [1]],
    ["!!omap [{a: 1}]", [{ a: 1 }]],
  ])("%s", (scalar, value) => {
    expect(resolvedValue(scalar)).toEqual(value);
  });

  test("!!binary is base64 as Go decodes it: line breaks skipped, padding required, anything else go-yaml's error", () => {
    expect(resolvedValue("!!binary |\n  aGVs\n  bG8=")).toBe("hello");
    for (const junk of ["'not base64!'", "aGVsbG8", "'aGVs bG8='", "aGVsbG8=x"]) {
      expect(readYaml(`v: !!binary ${junk}\n`)).toEqual({
        ok: false,
        problems: [
          { kind: "syntax", message: "!!binary value contains invalid base64 data", offset: expect.any(Number) },
        ],
      });
    }
  });

  test("a tag go-yaml does not know, or on a node of another kind, keeps the node's plain value; !! alone is refused", () => {
    const text =
      "%TAG !e! tag:e.org,2000:\n---\na: !!foo 1\nb: !!foo [1]\nc: !!str [1]\nd: !!seq {x: 1}\ne: !e!f {z: 2}\n";
    expect(readYaml(text)).toEqual({
      ok: true,
      value: { a: "1", b: [1], c: [1], d: { x: 1 }, e: { z: 2 } },
    });
    expect(readYaml("a: !! x\n").ok).toBe(false);
  });

  test(".nan is NaN", () => {
    expect(resolvedValue(".NaN")).toBeNaN();
  });

  test("a float beyond float64 stays a string where Concourse expects one (no false error)", () => {
    const parsed = parsePipeline("resources: [{name: 1e400, type: git, source: {}}]\njobs: []\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.resources?.[0]?.name).toBe("1e400");
  });
});

describe("merge keys, as go-yaml v2 applies them: in the order the mapping's entries are written", () => {
  /** Every reading: a pipeline's, a text read by itself (the .flyrc, a vars file), the language server's. */
  const READINGS = [{}, { standalone: true }, { repeatsAllowed: true }, { standalone: true, repeatsAllowed: true }];
  const mergedM = (text: string, options: ReadYamlOptions = {}): unknown => {
    const read = readYaml(text, options);
    if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("; "));
    return (read.value as { m: unknown }).m;
  };
  const sources = "a: &a {x: a, v: a}\nb: &b {v: b, z: b}\n";

  test.each([
    ["a key written after the merge key keeps its value", "m: {<<: *a, x: own}", { x: "own", v: "a" }],
    ["a key written before it takes the source's", "m: {x: own, <<: *a}", { x: "a", v: "a" }],
    ["one the source does not have keeps its value", "m: {w: own, <<: *a}", { w: "own", x: "a", v: "a" }],
    [
      "of a list of sources, the first that has the key gives it",
      "m: {v: own, <<: [*b, *a]}",
      { x: "a", v: "b", z: "b" },
    ],
    ["before and after, in a block mapping", "m:\n  x: 1\n  z: 1\n  <<: [*a, *b]\n  v: 2\n", { x: "a", v: 2, z: "b" }],
    ["a source written in place", "m: {x: own, <<: {x: in place}}", { x: "in place" }],
    ["in a mapping that is a source itself", "m: {<<: {v: own, <<: *b}}", { v: "b", z: "b" }],
    ["a block list of sources, the first last", "m:\n  v: own\n  <<:\n  - *b\n  - *a\n", { x: "a", v: "b", z: "b" }],
    ["a merge key tagged !!merge", "m: {x: own, !!merge <<: *a}", { x: "a", v: "a" }],
    ["a merge key tagged !!merge, quoted", 'm: {x: own, !!merge "<<": *a}', { x: "a", v: "a" }],
    [
      "a merge key with the non-specific tag `!` (a plain scalar to go-yaml's parser)",
      "m: {x: own, ! <<: *a}",
      { x: "a", v: "a" },
    ],
    ["a merge key with the tag `!`, quoted", "m: {x: own, ! '<<': *a}", { x: "a", v: "a" }],
    ["an explicit merge key", "m:\n  x: own\n  ? <<\n  : *a\n", { x: "a", v: "a" }],
    ["a source's own key `<<` (quoted), merged like any other", "m: {<<: {'<<': 1, x: 2}}", { "<<": 1, x: 2 }],
    ["an explicit merge key tagged !!merge", "m:\n  x: own\n  ? !!merge <<\n  : *a\n", { x: "a", v: "a" }],
  ])("%s", (_, text, value) => {
    for (const options of READINGS) expect(mergedM(sources + text, options)).toEqual(value);
  });

  test.each([
    ["double-quoted", 'm: {x: own, "<<": *a}'],
    ["single-quoted", "m: {x: own, '<<': *a}"],
    ["tagged !!str", "m: {x: own, !!str <<: *a}"],
  ])("a %s `<<` is a key like any other, as go-yaml v2 reads it (not implicit, not !!merge)", (_, text) => {
    for (const options of READINGS)
      expect(mergedM(sources + text, options)).toEqual({ x: "own", "<<": { x: "a", v: "a" } });
  });

  test("a merge key whose value is no mapping is refused, also one js-yaml reads as a key (`! <<`)", () => {
    for (const options of READINGS) {
      expect(readYaml("m: {! <<: 1}\n", options)).toEqual({
        ok: false,
        problems: [
          { kind: "syntax", message: "cannot merge mappings; the provided source object is unacceptable", offset: 10 },
        ],
      });
    }
  });

  test("where merge keys repeat (a reading that allows repeats): a later merge writes over an earlier one", () => {
    for (const options of READINGS.slice(2)) {
      expect(mergedM(`${sources}m: {<<: *b, <<: *a}\n`, options)).toEqual({ x: "a", v: "a", z: "b" });
      expect(mergedM(`${sources}m: {v: own, <<: *b, v: own, <<: *a, x: own}\n`, options)).toEqual({
        x: "own",
        v: "a",
        z: "b",
      });
      expect(mergedM(`${sources}m: {! <<: *b, <<: *a}\n`, options)).toEqual({ x: "a", v: "a", z: "b" });
    }
  });

  test("in a text whose keys repeat only to js-yaml (0x10 and 16), which is read again allowing repeats", () => {
    expect(mergedM(`0x10: a\n16: b\n${sources}m: {x: own, <<: *a}\n`)).toEqual({ x: "a", v: "a" });
  });

  test("a merged mapping has go-yaml's values before it is merged, and its aliases share them", () => {
    for (const options of READINGS) {
      const read = readYaml("s: &s {a: 1, <<: {a: 2}}\nm: {<<: *s}\nal: *s\n", options);
      const value = (read.ok ? read.value : {}) as Record<string, { a?: unknown }>;
      expect([value.s?.a, value.m?.a, value.al?.a]).toEqual([2, 2, 2]);
    }
  });

  test("an alias to the mapping is the mapping as go-yaml decodes it", () => {
    const read = readYaml(`${sources}m: &m {x: own, <<: *a}\nk: *m\n`);
    expect(read.ok && (read.value as { k: unknown }).k).toEqual({ x: "a", v: "a" });
  });

  /** `n` anchored mappings `s0..`, each with its own key and `v`, and a merge key of them all (`sources`, in order). */
  const manySources = (n: number, m: (list: string) => string): string => {
    const anchors = Array.from({ length: n }, (_, i) => `s${i}: &s${i} {k${i}: ${i}, v: ${i}}\n`).join("");
    return `${anchors}${m(`[${Array.from({ length: n }, (_, i) => `*s${i}`).join(", ")}]`)}\n`;
  };

  test("a merge key of more than 100 sources (js-yaml's bound, not go-yaml's) merges them all, the first has the last word", () => {
    const text = manySources(150, (list) => `m:\n  v: own\n  k149: own\n  <<: ${list}\n  k0: own`);
    for (const options of READINGS) {
      const m = mergedM(text, options) as Record<string, unknown>;
      expect([Object.keys(m).length, m.v, m.k0, m.k1, m.k149]).toEqual([151, 0, "own", 1, 149]);
    }
    // and it is located, in the source that gives it
    const parsed = parsePipeline(text, { file: "p.yml" });
    expect(parsed.locate(["m", "k120"])).toMatchObject({ line: 121, col: 20 });
  });

  test("a merge key of more than 100 sources stays within the merge budget, and refuses a source that is no mapping", () => {
    const wide = Array.from({ length: 1000 }, (_, i) => `k${i}: ${i}`).join(", ");
    // 120 sources of 1,000 keys: 120,120 keys merged, over the budget (100,000 for a short text); nodes enough besides
    // the aliases for go-yaml's count of aliases to let the text through
    const filler = `f: [${Array(3000).fill(0).join(", ")}]\n`;
    const text = `${filler}w: &w {${wide}}\nm: {<<: [${Array(120).fill("*w").join(", ")}]}\n`;
    const read = readYaml(text);
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      "merge keys exceeded maxTotalMergeKeys (100000)",
    ]);
    const notMapping = manySources(150, (list) => `m: {<<: ${list.replace("*s7,", "[1],")}}`);
    expect(readYaml(notMapping)).toMatchObject({
      ok: false,
      problems: [{ message: "cannot merge mappings; the provided source object is unacceptable" }],
    });
  });

  test.each([
    ["an alias to a list", "l: &l [{x: 1}]\nm: {<<: *l}\n", "2:9"],
    ["a list in the list of sources", "m: {<<: [{x: 1}, [2]]}\n", "1:9"],
  ])("a source that is %s is refused, in fly's words", (_, text, at) => {
    const parsed = parsePipeline(`jobs: []\n${text}`, { file: "p.yml" });
    expect(parsed.diagnostics.map((d) => `${(d.loc?.line ?? 0) - 1}:${d.loc?.col} ${d.fly}`)).toEqual([
      `${at} error parsing yaml before applying templates: yaml: map merge requires map or sequence of maps as the value`,
    ]);
  });
});

describe("repeated keys, as go-yaml v3 reports them before fly reads anything else", () => {
  const summary = (text: string) =>
    parsePipeline(text, { file: "p.yml" }).diagnostics.map(
      (d) => `${d.loc?.line}:${d.loc?.col} ${d.ruleId} ${d.message} || ${d.fly}`,
    );

  test("the merge key `<<` repeated in one mapping", () => {
    const text = "a: &a {x: 1}\nb: &b {y: 2}\njobs:\n- <<: *a\n  <<: *b\n  name: j\n  plan: []\n";
    expect(summary(text)).toEqual([
      '5:3 yaml/DUPLICATE_KEY mapping key "<<" already defined at line 4 || error parsing yaml before applying templates: yaml: unmarshal errors:\n  line 5: mapping key "<<" already defined at line 4',
    ]);
  });

  test("a key `<<` beside a merge key, which go-yaml v3 compares by its text alone", () => {
    for (const key of ['"<<"', "'<<'", "!!str <<", "! <<"]) {
      const text = `a: &a {x: 1}\njobs:\n- ${key}: *a\n  <<: *a\n  name: j\n  plan: []\n`;
      expect(summary(text).map((s) => s.split(" || ")[0])).toEqual([
        '4:3 yaml/DUPLICATE_KEY mapping key "<<" already defined at line 3',
      ]);
    }
  });

  test("every repeat, in every mapping, each against the first definition", () => {
    const text = "jobs:\n- name: a\n  name: b\n  plan: []\n  name: c\nresources: [{name: r, 'name': s}]\n";
    expect(summary(text).map((s) => s.split(" || ")[0])).toEqual([
      '3:3 yaml/DUPLICATE_KEY mapping key "name" already defined at line 2',
      '5:3 yaml/DUPLICATE_KEY mapping key "name" already defined at line 2',
      '6:23 yaml/DUPLICATE_KEY mapping key "name" already defined at line 6',
    ]);
  });

  test("keys go-yaml tells apart are not repeats (0x10 and 16); the last one wins, as in the decoded JSON", () => {
    const read = readYaml("m: {0x10: a, 16: b}\n");
    expect(read).toEqual({ ok: true, value: { m: { "16": "b" } } });
  });
});

describe("aliases are counted per document, with go-yaml's rule", () => {
  test("many anchors each used once are fine; aliases are shared, not copied", () => {
    const defs = Array.from({ length: 5000 }, (_, i) => `- &a${i} {k: ${i}}`).join("\n");
    const uses = Array.from({ length: 5000 }, (_, i) => `- *a${i}`).join("\n");
    const read = readYaml(`defs:\n${defs}\nuses:\n${uses}\n`);
    expect(read.ok).toBe(true);
    const value = (read as { value: { defs: unknown[]; uses: unknown[] } }).value;
    expect(value.uses[4999]).toBe(value.defs[4999]);
  });

  test("a document mostly made of alias expansions is refused", () => {
    let text = "l0: &l0 [a, a, a, a, a, a, a, a, a]\n";
    for (let i = 1; i < 5; i++)
      text += `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(", ")}]\n`;
    expect(readYaml(text)).toEqual({
      ok: false,
      problems: [{ kind: "excessive-aliasing", message: "document contains excessive aliasing", offset: 0 }],
    });
  });

  test.each([
    ["a: &x {b: *x}\n", "x", 10],
    ["a: &loop\n  - [1, *loop]\n", "loop", 17],
    ["m: &m {a: 1, <<: *m}\n", "m", 17],
    ["a: &x\n  b:\n    c: *x\n", "x", 18],
  ])("an alias inside the node its anchor names is go-yaml's error at the alias: %j", (text, name, offset) => {
    // js-yaml makes a value that holds itself, which every reader after it would walk without end
    expect(readYaml(text)).toEqual({
      ok: false,
      problems: [{ kind: "recursive-alias", message: `anchor '${name}' value contains itself`, offset }],
    });
  });

  test("an alias after the node its anchor names, or beside it, is the same value", () => {
    const read = readYaml("a: &x {b: 1}\nc: [*x, {d: *x}]\n");
    expect(read).toMatchObject({ ok: true, value: { a: { b: 1 }, c: [{ b: 1 }, { d: { b: 1 } }] } });
  });
});

describe("aliases are counted node for node as go-yaml counts them", () => {
  /** Anchors a1..a`levels`, each a list of `k` aliases to the one before, the first a list of `w` scalars. */
  const laughs = (w: number, k: number, levels: number): string => {
    let text = `a0: &a0 [${Array(w).fill("x").join(", ")}]\n`;
    for (let i = 1; i <= levels; i++)
      text += `a${i}: &a${i}\n${Array(k)
        .fill(`  - *a${i - 1}\n`)
        .join("")}`;
    return text;
  };

  test("a document go-yaml reads near the limit is read (its block list entries counted once)", () => {
    // go-yaml: 1,596 nodes decoded, 1,560 through aliases (97.7%, under 99%)
    expect(readYaml(`${laughs(2, 4, 4)}k: v\n`).ok).toBe(true);
    expect(readYaml(laughs(1, 2, 5)).ok).toBe(true);
  });

  test("a document go-yaml refuses is refused: a merge's aliases count, and its merge key does not", () => {
    let text = "a0: &a0 {k0: x}\n";
    for (let i = 1; i <= 5; i++) {
      text += `a${i}: &a${i} {<<: [*a${i - 1}], ${[0, 1, 2].map((j) => `m${j}: *a${i - 1}`).join(", ")}}\n`;
    }
    expect(readYaml(text)).toMatchObject({ ok: false, problems: [{ kind: "excessive-aliasing" }] });
  });

  test("an alias inside the value it names is go-yaml's error, at the alias, not a value that holds itself", () => {
    expect(readYaml("a: &a [x, *a]\n")).toEqual({
      ok: false,
      problems: [{ kind: "recursive-alias", message: "anchor 'a' value contains itself", offset: 10 }],
    });
    expect(readYaml("a: &self {b: {c: *self}}\n")).toMatchObject({
      ok: false,
      problems: [{ message: "anchor 'self' value contains itself", offset: 17 }],
    });
    expect(readYaml("a: &a\n  - *a\n", { standalone: true, repeatsAllowed: true })).toMatchObject({
      ok: false,
      problems: [{ kind: "recursive-alias", offset: 10 }],
    });
    // an alias to the value once it is read, or to an anchor named again inside it, is fine
    expect(readYaml("a: &a [x]\nb: [*a, *a]\nc: &c [&c z, *c]\n")).toEqual({
      ok: true,
      value: { a: ["x"], b: [["x"], ["x"]], c: ["z", "z"] },
    });
  });
});

describe("with repeats allowed (the language server's reading of a text being edited)", () => {
  test("a repeated key is read, the last one winning, where it is otherwise refused", () => {
    const text = "a: 1\nm: {x: 1, x: 2}\na: 3\n";
    expect(readYaml(text).ok).toBe(false);
    expect(readYaml(text, { repeatsAllowed: true })).toEqual({ ok: true, value: { a: 3, m: { x: 2 } } });
  });

  test("a repeated merge key merges both", () => {
    const read = readYaml("x: &x {p: 1}\ny: &y {q: 2}\nm:\n  <<: *x\n  <<: *y\n", { repeatsAllowed: true });
    expect(read.ok && (read.value as { m: unknown }).m).toEqual({ p: 1, q: 2 });
  });

  test("aliases are still counted", () => {
    let text = "k: 1\nk: 2\nl0: &l0 [a, a, a, a, a, a, a, a, a]\n";
    for (let i = 1; i < 5; i++)
      text += `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(", ")}]\n`;
    expect(readYaml(text, { repeatsAllowed: true })).toMatchObject({
      ok: false,
      problems: [{ kind: "excessive-aliasing" }],
    });
  });
});

describe("%YAML directives, as go-yaml v2 reads them", () => {
  test("1.1 is read; another version, or a second %YAML, is go-yaml's error at the directive", () => {
    expect(readYaml("%YAML 1.1\n---\njobs: []\n")).toMatchObject({ ok: true, value: { jobs: [] } });
    expect(readYaml("# a comment\n%TAG !e! tag:example.com,2000:\n%YAML 1.1\n---\njobs: []\n").ok).toBe(true);
    expect(readYaml("%YAML 1.2\n---\njobs: []\n")).toEqual({
      ok: false,
      problems: [{ kind: "syntax", message: "found incompatible YAML document", offset: 0 }],
    });
    expect(readYaml("\n%YAML 1.1\n%YAML 1.1\n---\njobs: []\n")).toEqual({
      ok: false,
      problems: [{ kind: "syntax", message: "found duplicate %YAML directive", offset: 11 }],
    });
    // not a directive: a line of the document, or a string
    expect(readYaml('jobs: []\nx: "%YAML 1.2"\n').ok).toBe(true);
  });
});

describe("anchor and alias names, as go-yaml's scanner reads them", () => {
  test("letters, digits, _ and - are a name", () => {
    expect(readYaml("a: &Ab_9-z 1\nb: [*Ab_9-z, {c: *Ab_9-z}]\n")).toEqual({
      ok: true,
      value: { a: 1, b: [1, { c: 1 }] },
    });
  });

  test("any other character is go-yaml's error, at the anchor or alias, in hangar's words too", () => {
    const refused = (name: string, character: string, offset: number) => ({
      ok: false,
      problems: [
        expect.objectContaining({
          kind: "syntax",
          message: `the ${name} has "${character}" where go-yaml wants a letter, a digit, "_" or "-" (did not find expected alphabetic or numeric character)`,
          offset,
        }),
      ],
    });
    expect(readYaml("a: 1\nb: &x.y 2\n")).toEqual(refused("anchor &x.y", ".", 8));
    expect(readYaml("a: &x 1\nb: *x.y\n")).toEqual(refused("alias *x.y", ".", 11));
    expect(readYaml("a: [&x{ 1]\n")).toEqual(refused("anchor &x{", "{", 4));
    // the first in the text, before a key repeated (go-yaml's decoder), in a text read by itself too
    expect(readYaml("a: 1\na: 2\nb: &x/y 3\nc: &\u00e9 4\n")).toEqual(refused("anchor &x/y", "/", 13));
    expect(readYaml("v: &x.y 1\n", { standalone: true })).toEqual(refused("anchor &x.y", ".", 3));
    // not after js-yaml's first error
    expect(readYaml("a: 1\n b: 2\nc: &x.y 3\n")).toMatchObject({
      ok: false,
      problems: [{ message: "bad indentation of a mapping entry" }],
    });
    // inside a plain or quoted scalar, no anchor
    expect(readYaml("a: x &y.z && *w.v\nb: '&x.y'\n")).toEqual({ ok: true, value: { a: "x &y.z && *w.v", b: "&x.y" } });
  });

  test("a name ends at a : or ?, as go-yaml ends it, where js-yaml reads on", () => {
    // an alias as a key, in a block or a flow mapping; in a flow collection a : is a value's indicator, a blank or none
    // after it; an anchor before a : or ? that starts a plain scalar
    expect(readYaml("a: &x 1\n*x: 2\nb:\n  *x: 3\nc: {*x: 4}\nd: [*x:five]\ne: &y:z 6\nf: &w?v 7\n")).toEqual({
      ok: true,
      value: { a: 1, "1": 2, b: { "1": 3 }, c: { "1": 4 }, d: [{ "1": "five" }], e: ":z 6", f: "?v 7" },
    });
    // in a scalar, no name
    expect(readYaml("u: http://h?a=1&b:2\nv: '*c:d'\n")).toEqual({
      ok: true,
      value: { u: "http://h?a=1&b:2", v: "*c:d" },
    });
    // the places after them are those of the text as written
    const parsed = parsePipeline("jobs:\n- &j name: j\n  plan: []\n- *j: k\n  plan: []\n  bad: 1\n", { file: "p.yml" });
    expect(parsed.locate(["jobs", 1, "bad"])).toMatchObject({ line: 6, col: 8 });
    // go-yaml's errors: a ? after a name where no key may start, a plain scalar after an alias
    expect(readYaml("a: &x? 1\n").ok).toBe(false);
    expect(readYaml("a: [&x? 1]\n").ok).toBe(false);
    expect(readYaml("a: &x 1\nb: *x:y\n").ok).toBe(false);
  });
});

describe("escapes in double-quoted scalars, as go-yaml reads them", () => {
  /** go-yaml's error; with fly's line for it, whose line is that of the scalar, none on the first line (go-yaml v3). */
  const problem = (message: string, offset: number, line?: number) => ({
    ok: false,
    problems: [
      {
        kind: "syntax",
        message,
        offset,
        fly: `error parsing yaml before applying templates: yaml: ${line === undefined ? "" : `line ${line}: `}${message}`,
        goYaml: expect.objectContaining({ message, stage: "scanner" }),
      },
    ],
  });

  test("\\' is a quote; every other escape of go-yaml's table is read as js-yaml reads it", () => {
    expect(readYaml(`a: "it\\'s"\n"b\\'": [ "\\'\\'" ]\n`)).toEqual({ ok: true, value: { a: "it's", "b'": ["''"] } });
    expect(readYaml('a: "\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\"\\\\\\N\\_\\L\\P\\x41\\u00e9\\U0001F600"\n')).toEqual({
      ok: true,
      value: { a: '\0\x07\b\t\n\v\f\r\x1b "\\\u0085\u00a0\u2028\u2029A\u00e9\u{1f600}' },
    });
    // outside double quotes a backslash is a character like any other
    expect(readYaml('a: it\\\'s \\/ # "\\/"\nb: \'c:\\\'\nc: |\n  "\\/"\n')).toEqual({
      ok: true,
      value: { a: "it\\'s \\/", b: "c:\\", c: '"\\/"\n' },
    });
  });

  test("an escape go-yaml does not know is its error, at its place", () => {
    // `\/` is YAML 1.2's (js-yaml reads it), unknown to go-yaml: at the backslash
    expect(readYaml('a: "x\\/y"\n')).toEqual(problem("found unknown escape character", 5));
    expect(readYaml('a: "x\\qy"\n')).toEqual(problem("found unknown escape character", 5));
    // at the first hexadecimal digit: too few digits, a surrogate, a code past U+10FFFF (js-yaml reads the last two)
    expect(readYaml('a: "x\\x4y"\n')).toEqual(problem("did not find expected hexdecimal number", 7));
    expect(readYaml('a: "\\uD800"\n')).toEqual(problem("found invalid Unicode character escape code", 6));
    expect(readYaml('a: "\\U00110000"\n')).toEqual(problem("found invalid Unicode character escape code", 6));
  });

  test("the first error in the text is the one given, at its place in the text as written", () => {
    expect(readYaml('a: "\\\'"\nb: "\\/"\n')).toEqual(problem("found unknown escape character", 12, 2));
    // in a scalar over lines, fly's line is the scalar's: line 2, where the escape is on line 3
    expect(readYaml('a: x\nb: "one\n  two \\/"\n')).toEqual(problem("found unknown escape character", 19, 2));
    // a syntax error after \' escapes: where it is written (the end of the text), not 4 characters further
    const unclosed = "a: \"\\'\\'\"\nb: [\n";
    expect(readYaml(unclosed)).toMatchObject({ ok: false, problems: [{ kind: "syntax", offset: unclosed.length }] });
    // go-yaml reads the first document only
    expect(readYaml('a: "\\\'"\n---\nb: "\\/"\n')).toMatchObject({ ok: true, value: { a: "'" } });
  });

  test("a backslash before NEL, LS or PS escapes that line break, as one before \\n does (go-yaml's is_break)", () => {
    // nothing is kept of the break, nor of the blanks after it; js-yaml refused it ("unknown escape sequence")
    expect(readYaml('a: "x\\\u0085y"\nb: "x\\\u2028   y"\nc: ["x\\\u2029y", "\\\'"]\n')).toEqual({
      ok: true,
      value: { a: "xy", b: "xy", c: ["xy", "'"] },
    });
    // an error after them is at its place in the text as written
    expect(readYaml('a: "\\\u2028\\\'"\nb: "\\/"\n')).toMatchObject({
      ok: false,
      problems: [{ kind: "syntax", message: "found unknown escape character", offset: 14 }],
    });
    const parsed = parsePipeline('jobs:\n- name: "j\\\u0085ob"\n  plan:\n  - get: "r\\\u2029\\\'"\n', {
      file: "p.yml",
    });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.jobs?.[0]?.name).toBe("job");
    expect(parsed.locate(["jobs", 0, "plan", 0, "get"])).toMatchObject({ line: 4, col: 10 });
  });

  test("a NEL, LS or PS in a quoted scalar is a line break, folded as go-yaml folds line breaks", () => {
    // NEL is read as \n: alone, folded to a space, the blanks around it dropped; before another break, kept
    expect(readYaml('a: "x  \u0085   y"\nb: \'x\u0085\u0085y\'\nc: "x\n\u0085y"\n')).toEqual({
      ok: true,
      value: { a: "x y", b: "x\ny", c: "x\ny" },
    });
    // LS and PS are kept as themselves, never folded to a space; the blanks around them dropped
    expect(readYaml('a: "x \u2028  y"\nb: "x\n  \u2028y"\nc: "x\u2028\n  y"\nd: "\u2029"\n')).toEqual({
      ok: true,
      value: { a: "x\u2028y", b: "x\u2028y", c: "x\u2028\ny", d: "\u2029" },
    });
    // after an escaped line break every break is kept, LS and PS as themselves
    expect(readYaml('a: "x\\\n \u2028 y"\nb: "x\\\u2028\u2029y"\n')).toEqual({
      ok: true,
      value: { a: "x\u2028y", b: "x\u2029y" },
    });
    // a single-quoted scalar is folded alike; its quotes, backslashes and double quotes are its own
    expect(readYaml("a: 'x \u2029\n\n y \"\\ '' z'\nb: [ 'p\u2028q', &n \"r\u0085s\" ]\nc: *n\n")).toEqual({
      ok: true,
      value: { a: "x\u2029\n\ny \"\\ ' z", b: ["p\u2028q", "r s"], c: "r s" },
    });
    // a document marker after one is at the start of a line
    expect(readYaml('a: "x\u2028--- y"\n')).toMatchObject({
      ok: false,
      problems: [
        { fly: "error parsing yaml before applying templates: yaml: line 2: found unexpected document indicator" },
      ],
    });
  });

  test("a NEL is a line break wherever it stands, read as \\n, a CR before it a line break of its own", () => {
    // in a plain scalar, a block scalar, a comment, a list's indentation; after a CR
    expect(readYaml("a: x\n  y\u0085  z\nb: |\n  x\u0085  y\nc: 1 # c\u0085d: 2\ne:\u0085  - 1\u0085  - 2\n")).toEqual({
      ok: true,
      value: { a: "x y z", b: "x\ny\n", c: 1, d: 2, e: [1, 2] },
    });
    expect(readYaml('a: 1\r\u0085b: "x\r\u0085y"\n')).toEqual({ ok: true, value: { a: 1, b: "x\ny" } });
    // a plain value and what follows the NEL: a key without a colon, on go-yaml's line 2
    expect(readYaml("a: x\u0085y\n")).toMatchObject({
      ok: false,
      problems: [{ fly: "error parsing yaml before applying templates: yaml: line 2: could not find expected ':'" }],
    });
    // a document marker after one ends the document
    expect(readYaml("a: 1\u0085---\u0085b: 2\n")).toEqual({ ok: true, value: { a: 1 }, firstDocumentEnd: 5 });
    const parsed = parsePipeline("jobs:\u0085- name: j\u0085  plan: []\n", { file: "p.yml" });
    expect(parsed.pipeline?.jobs).toEqual([{ name: "j", plan: [] }]);
  });

  test("an LS or PS outside a quoted scalar is a line break, a CR before it one of its own; in one, kept", () => {
    // a plain value ends at one, a comment too, a list is indented after one; a CR before it is a line of its own
    expect(readYaml("x: 1\na: x\u2029b: 2\nc: 1 # it's\u2028d: 'p\u2028q'\ne:\u2029  - 1\r\u2028  - 2\n")).toEqual({
      ok: true,
      value: { x: 1, a: "x", b: 2, c: 1, d: "p\u2028q", e: [1, 2] },
    });
    // a plain value and what follows the LS: a key without a colon, on go-yaml's line 3
    expect(readYaml("x: 1\na: x\u2028y\n")).toMatchObject({
      ok: false,
      problems: [{ fly: "error parsing yaml before applying templates: yaml: line 3: could not find expected ':'" }],
    });
    const parsed = parsePipeline("jobs:\u2028- name: j\u2029  plan: []\n  bad: 1\n", { file: "p.yml" });
    expect(parsed.pipeline?.jobs).toEqual([{ name: "j", plan: [], bad: 1 }]);
    // places count lines as for a NEL: at LF, CR and CRLF
    expect(parsed.locate(["jobs", 0, "bad"])).toMatchObject({ line: 2, col: 8 });
  });

  test("the places after a quoted scalar with a NEL, LS or PS are those of the text as written", () => {
    const text = "jobs:\n- name: 'j\u2028  ob'\n  plan:\n  - get: \"r \u0085\n   s\"\n  - put: '\\'\n";
    const parsed = parsePipeline(text, { file: "p.yml" });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.jobs?.[0]).toEqual({ name: "j\u2028ob", plan: [{ get: "r\ns" }, { put: "\\" }] });
    expect(parsed.locate(["jobs", 0, "plan", 1, "put"])).toMatchObject({ line: 6, col: 10 });
    // an error after them too
    expect(readYaml('a: "x\u2028\n y"\nb: "\\/"\n')).toMatchObject({
      ok: false,
      problems: [{ kind: "syntax", message: "found unknown escape character", offset: 15 }],
    });
    // a text read by itself (a vars file) alike
    expect(readYaml("v: 'a\u2028 b'\n", { standalone: true })).toEqual({ ok: true, value: { v: "a\u2028b" } });
  });

  test("a quoted scalar whose lines are less indented than its key is read to its closing quote", () => {
    // go-yaml reads the scalar on; the lexer that finds the scalars ended it at the line (and read `\/"` as a scalar)
    expect(readYaml('a:\n  b: "one\n two \\/"\n')).toEqual(problem("found unknown escape character", 18, 2));
    expect(readYaml('a:\n  b: "one\n two"\nc: "\\/"\n')).toEqual(problem("found unknown escape character", 23, 4));
    expect(readYaml("a:\n  b: 'one\n two\u2028 three'\n")).toEqual({
      ok: true,
      value: { a: { b: "one two\u2028three" } },
    });
    // so far: past MAX_LEXES such scalars, the others are those the lexer finds
    const text = Array.from({ length: MAX_LEXES + 2 }, (_, i) => `k${i}:\n  b: "x\n y"\n`).join("");
    const found = quotedScalars(text);
    expect(found.slice(0, MAX_LEXES - 1).every((s) => s.scalar === '"x\n y"')).toBe(true);
    expect(found[MAX_LEXES - 1]?.scalar).toBe('"x');
  });

  test("positions of a text with \\' are those of the text as written", () => {
    const text = 'jobs:\n- name: "it\\\'s"\n  plan:\n  - get: "r\\\'"\n';
    const parsed = parsePipeline(text, { file: "p.yml" });
    expect(parsed.pipeline?.jobs?.[0]?.plan).toEqual([{ get: "r'" }]);
    expect(parsed.locate(["jobs", 0, "plan", 0, "get"])).toMatchObject({ line: 4, col: 10 });
  });
});
