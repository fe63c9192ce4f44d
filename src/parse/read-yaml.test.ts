import { describe, expect, test } from "vitest";
import { parsePipeline } from "./parse-pipeline.ts";
import { readYaml } from "./read-yaml.ts";

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

  test(".nan is NaN", () => {
    expect(resolvedValue(".NaN")).toBeNaN();
  });

  test("a float beyond float64 stays a string where Concourse expects one (no false error)", () => {
    const parsed = parsePipeline("resources: [{name: 1e400, type: git, source: {}}]\njobs: []\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.resources?.[0]?.name).toBe("1e400");
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
      problems: [{ kind: "alias-inside-anchor", message: `anchor '${name}' value contains itself`, offset }],
    });
  });

  test("an alias after the node its anchor names, or beside it, is the same value", () => {
    const read = readYaml("a: &x {b: 1}\nc: [*x, {d: *x}]\n");
    expect(read).toMatchObject({ ok: true, value: { a: { b: 1 }, c: [{ b: 1 }, { d: { b: 1 } }] } });
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
