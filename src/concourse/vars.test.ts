import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FLY_VAR_SYNTAX, hasVar, isWholeVar, mayRefuseVar, readReference, refusedVar, varReferences } from "./vars.ts";

describe("Concourse's ((var)) syntax", () => {
  test.each([
    ["((x))", true],
    ["a ((x)) b", true],
    ["((", true],
    ["plain", false],
    ["(x)", false],
  ])("hasVar(%j) is %j", (s, expected) => {
    expect(hasVar(s)).toBe(expected);
  });

  test.each([
    ["((x))", true],
    ["((vault:path/to.x))", true],
    ['((.:"a.b"))', true],
    ["((x)) ", false],
    ["a((x))", false],
    ["((x)) and ((y))", false],
    ["((bad name))", false],
    ["", false],
  ])("isWholeVar(%j) is %j", (s, expected) => {
    expect(isWholeVar(s)).toBe(expected);
  });

  test("varReferences finds each reference, with what is inside its parentheses", () => {
    const found = [...varReferences('url ((src:path)) ((.:"a.b")) ((bad name)) ((x@y/z-1))')];
    expect(found.map((m) => [m[0], m[1]])).toEqual([
      ["((src:path))", "src:path"],
      ['((.:"a.b"))', '.:"a.b"'],
      ["((x@y/z-1))", "x@y/z-1"],
    ]);
    // the search holds no state between calls
    expect([...varReferences("((a))")].map((m) => m[1])).toEqual(["a"]);
    expect([...varReferences("((a))")].map((m) => m[1])).toEqual(["a"]);
  });

  describe("FLY_VAR_SYNTAX: a whole ((var)) that fly can fill, as the schema reads one", () => {
    const flyVar = new RegExp(FLY_VAR_SYNTAX, "u");
    test.each([
      ["((n))", true],
      ["((a.b))", true],
      ['(("a:b"))', true],
      ['((a."b.c"))', true],
      ['((a"b:c"))', true],
      ['((a"b:c))', false],
      ['(("a".b"))', false],
      ["((:n))", true],
      ["((:n:a))", true],
      ['(("":n.a))', true],
      ['((a."..."))', true],
      ['((a".".b))', true],
      ['(("."))', false],
      ['((a.".""."))', false],
      ['((""".."""))', false],
      ['((a.".".b))', false],
      ["((ä/b-c@d_1))", true],
      ["((vault:n))", false],
      ["((.:n))", false],
      ['(("a:b"c:d))', false],
      ["((a b))", false],
      ["((a))((b))", false],
      ["x((a))", false],
      ["((a..b))", false],
      ['((""))', false],
      ["((a.))", false],
    ])("%s: %j", (s, expected) => {
      expect(flyVar.test(s)).toBe(expected);
    });

    test("it is a whole var of a name fly reads without a var source, as readReference reads it", () => {
      const name = fc.string({ unit: fc.constantFrom("a", "ä", ".", ":", '"', "-", "@", " ", "("), maxLength: 8 });
      fc.assert(
        fc.property(name, (inner) => {
          const s = `((${inner}))`;
          const read = readReference(inner);
          expect(flyVar.test(s)).toBe(isWholeVar(s) && !("error" in read) && read.source === undefined);
        }),
        { seed: 30, numRuns: 5000 },
      );
    });
  });
});

describe("var names Concourse refuses, found without vars", () => {
  test.each([
    ["((a..b))", "invalid var 'a..b': empty field"],
    ['((a."b))', `invalid var 'a."b': contains unclosed quotes`],
    ['((a/".."))', `invalid var 'a/".."': empty field`],
    ["((.x))", "invalid var '.x': empty field"],
    ["((a.))", "invalid var 'a.': empty field"],
    ["((v:.x))", "invalid var 'v:.x': empty field"],
    ["((a:))", "invalid var 'a:': empty field"],
    ["ok ((a.b)) then ((c..d)) and ((e..f))", "invalid var 'c..d': empty field"],
    ["((a.b)) ((vault:x.y)) ((.:v)) ((:x)) ((a.:b)) ((a..:b))", undefined],
    ['say "((a))" twice', undefined],
  ])("refusedVar(%j) is %j, and mayRefuseVar says it may be", (s, error) => {
    expect(refusedVar(s)).toBe(error);
    if (error !== undefined) expect(mayRefuseVar(s)).toBe(true);
  });

  test.each([
    "((a.b))",
    "((vault:path/to.key))",
    "v((.:version))",
    "((registry.host))/example/service-1",
    "((a))((b)) ((:x)) ((a/b/c))",
    'say "hi"',
  ])("mayRefuseVar(%j) is false: a clean name is not read", (s) => {
    expect(mayRefuseVar(s)).toBe(false);
  });

  test("mayRefuseVar misses no string holding a name Concourse refuses (every string of up to 5 of these characters)", () => {
    const alphabet = ["a", ".", ":", '"', "/", "(", ")", "é"];
    let layer = [""];
    let missed: string[] = [];
    for (let length = 1; length <= 5; length++) {
      layer = layer.flatMap((s) => alphabet.map((c) => s + c));
      const bad = (s: string) => [...varReferences(s)].some((m) => "error" in readReference(m[1] as string));
      missed = missed.concat(layer.flatMap((body) => [`((${body}))`, body]).filter((s) => bad(s) && !mayRefuseVar(s)));
    }
    expect(missed).toEqual([]);
  });
});
