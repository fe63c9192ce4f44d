import { describe, expect, test } from "vitest";
import {
  goFieldText,
  goFloat,
  goFormatFloat,
  goJson,
  goJsonKind,
  goQuote,
  goQuotedList,
  goSyntax,
  goTypeName,
  goValue,
} from "./go-format.ts";

describe("Go formatting", () => {
  test("quoting like strconv.Quote", () => {
    expect(goQuote('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\x01é"');
  });

  test("json.Marshal of decoded JSON: keys sorted, HTML characters and control characters escaped as Go does", () => {
    expect(goJson({ z: [1, 0.5, 1e21, true, null], a: '<a&b>\n\u0001\u2028"\\', m: {} })).toBe(
      '{"a":"\\u003ca\\u0026b\\u003e\\n\\u0001\\u2028\\"\\\\","m":{},"z":[1,0.5,1e+21,true,null]}',
    );
  });

  test("%T of JSON values", () => {
    expect([null, "s", 1, true, [], {}].map(goTypeName)).toEqual([
      "<nil>",
      "string",
      "float64",
      "bool",
      "[]interface {}",
      "map[string]interface {}",
    ]);
  });
  test("%+q escapes every non-ASCII character, with Go's escapes for control characters", () => {
    expect(goQuotedList(["a\u0007b", "é", "\u{1F600}", 'q"'])).toBe('["a\\ab" "\\u00e9" "\\U0001f600" "q\\""]');
  });

  // fmt/print.go (pp).fmtFloat: `case 'v': p.fmt.fmtFloat(v, size, 'g', -1)`; strconv/ftoa.go formatDigits: with the
  // shortest precision `eprec = 6`, and `%e` when `exp < -4 || exp >= eprec`. So fmt.Sprintf("%v", 1e6) is "1e+06"
  // and fmt.Sprintf("%v", 123456.0) is "123456": exponent form from 1e6 up, not from 1e21 as in JavaScript and json.
  test.each([
    [1, "1"],
    [0.5, "0.5"],
    [123456, "123456"],
    [999999.5, "999999.5"],
    [1e6, "1e+06"],
    [1234567, "1.234567e+06"],
    [-2.5e7, "-2.5e+07"],
    [1e20, "1e+20"],
    [1e21, "1e+21"],
    [1.5e-7, "1.5e-07"],
    [0.00001, "1e-05"],
    [0.0001, "0.0001"],
    [-0, "-0"],
    [Number.POSITIVE_INFINITY, "+Inf"],
    [Number.NaN, "NaN"],
  ])("Go prints the float64 %s with the v verb as %s", (n, expected) => {
    expect(goFloat(n)).toBe(expected);
  });

  test("%v of decoded JSON values: maps with sorted keys, lists space-separated", () => {
    expect(goValue({ b: [1, "x", null], a: true })).toBe("map[a:true b:[1 x <nil>]]");
    expect(goValue([1000000, { n: 2500000 }])).toBe("[1e+06 map[n:2.5e+06]]");
  });

  test("the kind Go's json package names in `cannot unmarshal`", () => {
    expect(["s", 1, true, [], {}].map((v) => goJsonKind(v, false))).toEqual([
      "string",
      "number",
      "bool",
      "array",
      "object",
    ]);
    expect(goJsonKind(1.5, true)).toBe("number 1.5");
    // encoding/json encode.go floatEncoder.encode: `if bits == 64 && (abs < 1e-6 || abs >= 1e21)` the 'e' format,
    // with e-09 cut to e-9
    expect(goJsonKind(1e21, true)).toBe("number 1e+21");
    expect(goJsonKind(1e20, true)).toBe("number 100000000000000000000");
    expect(goJsonKind(1.5e-7, true)).toBe("number 1.5e-7");
  });

  test("the text of a string field", () => {
    expect([undefined, null, "a", 2, false, {}].map(goFieldText)).toEqual(["", "", "a", "2", "false", ""]);
  });

  test.each([
    [1, 64, "1"],
    [-0, 64, "-0"],
    [0.5, 64, "0.5"],
    [123456.7, 64, "123456.7"],
    [1e6, 64, "1e+06"],
    [1.5e-5, 64, "1.5e-05"],
    [0.0001, 64, "0.0001"],
    [1e100, 64, "1e+100"],
    [1.23456789012, 32, "1.2345679"],
    [0.1, 32, "0.1"],
    [16777217, 32, "1.6777216e+07"],
    [1e39, 32, "+Inf"],
    [Number.NEGATIVE_INFINITY, 32, "-Inf"],
    [Number.NaN, 64, "NaN"],
  ] as const)("strconv.FormatFloat(%s, 'g', -1, %i) is %s", (n, bits, expected) => {
    expect(goFormatFloat(n, bits)).toBe(expected);
  });

  test("%#v of values go-yaml decoded: Go syntax, nil inside collections typed, map keys sorted", () => {
    expect(goSyntax("c")).toBe('"c"');
    expect(goSyntax(null)).toBe("<nil>");
    expect(goSyntax([1, 1.5, true, null])).toBe("[]interface {}{1, 1.5, true, interface {}(nil)}");
    expect(goSyntax({ b: [], a: {} })).toBe(
      'map[interface {}]interface {}{"a":map[interface {}]interface {}{}, "b":[]interface {}{}}',
    );
    expect(goSyntax({ a: 1 }, "map[string]interface {}")).toBe('map[string]interface {}{"a":1}');
    expect(goSyntax(Number.POSITIVE_INFINITY)).toBe("+Inf");
    expect(goSyntax("x".repeat(5000)).endsWith("...")).toBe(true);
  });
});
