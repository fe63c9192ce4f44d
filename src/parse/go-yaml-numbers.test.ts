import fc from "fast-check";
import { expect, test } from "vitest";
import {
  GO_INT,
  GO_YAML_INT64_SYNTAX,
  GO_YAML_UINT64_BASED_SYNTAX,
  GO_YAML_UNDERSCORED_NUMBER_SYNTAX,
  GO_YAML_WHOLE_FLOAT_SYNTAX,
  goYamlInteger,
  goYamlNumber,
} from "./go-yaml-numbers.ts";
import { plainScalarValue } from "./go-yaml-schema.ts";

const syntax = new RegExp(GO_YAML_INT64_SYNTAX);
/** Whether go-yaml v2 reads a plain scalar as an int that Go's 64-bit `int` holds. */
const readsInt64 = (text: string) => {
  const exact = typeof plainScalarValue(text) === "number" ? goYamlInteger(text) : undefined;
  return exact !== undefined && exact >= -(2n ** 63n) && exact < 2n ** 63n;
};

test("GO_YAML_INT64_SYNTAX matches exactly the plain scalars go-yaml v2 reads as an int that Go's int holds", () => {
  const texts = [
    ...["0", "7", "-7", "+7", "017", "0_17", "1_000", "1__0_", "+_1", "-_1_", "0b11", "0B1_1", "-0b11", "0o17", "0O17"],
    ...["0x1F", "0X1f", "0x_1F", "-0x1F", "+0o7", "0_x1F", "9223372036854775807"],
    ...["", "_1", "_", "-", "+", "-_", "08", "0_8", "0b", "0b2", "0o8", "0x", "0xG", "1.0", "1e3", "1_000.5", ".5"],
    ...["0x1F_h", "1 000", "1,000", "++1", "0b-1", "yes", "((n))", "1h", "2024-01-02"],
  ];
  // at the bounds, in each form: 2^63 - 1 and -2^63 are ints, 2^63 (a uint64 to go-yaml) and -2^63 - 1 (a float) not
  const bounds = [
    ...["9_223_372_036_854_775_807", "9_223_372_036_854_775_808", "+9223372036854775807", "+9223372036854775808"],
    ...[
      "-9_223_372_036_854_775_808",
      "-9_223_372_036_854_775_809",
      "9_223_372_036_854_775_799",
      "9_300_000_000_000_000_000",
    ],
    ...["99_999_999_999_999_999_999", "10_000_000_000_000_000_000", "999_999_999_999_999_999", "-8999999999999999999"],
    ...["0x7FFF_FFFF_FFFF_FFFF", "0x8000_0000_0000_0000", "-0x8000_0000_0000_0000", "-0x8000_0000_0000_0001"],
    ...["0x0000_7FFF_FFFF_FFFF_FFFF", "0x1_0000_0000_0000_0000", "0xFFFF_FFFF_FFFF_FFFF", "-0x1_0000_0000_0000_0000"],
    ...["0o777_777_777_777_777_777_777", "0o1_000_000_000_000_000_000_000", "-0o1_000_000_000_000_000_000_000"],
    ...["-0o1_000_000_000_000_000_000_001", "0_777_777_777_777_777_777_777", "0_1_000_000_000_000_000_000_000"],
    ...["-01000000000000000000000", "00000777777777777777777777", "0o0_0", "00_00"],
    ...[`0b${"1".repeat(63)}`, `0b1${"0".repeat(63)}`, `-0b1${"0".repeat(63)}`, `-0b1${"0".repeat(62)}1`, "0b0_0"],
  ];
  for (const text of [...texts, ...bounds]) expect([text, syntax.test(text)]).toEqual([text, readsInt64(text)]);
});

test("GO_YAML_INT64_SYNTAX agrees with go-yaml on generated integers of every form, length and sign", () => {
  const digitsOf = { x: "0123456789abcdefABCDEF", o: "01234567", b: "01", "": "0123456789" } as const;
  const integer = fc
    .record({
      sign: fc.constantFrom("", "+", "-"),
      form: fc.constantFrom("0x", "0X", "0o", "0b", "0", "", "", ""),
      digits: fc.integer({ min: 1, max: 70 }),
      seed: fc.array(fc.nat(), { minLength: 70, maxLength: 70 }),
      underscores: fc.array(fc.boolean(), { minLength: 70, maxLength: 70 }),
      near: fc.constantFrom(undefined, 2n ** 63n - 2n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 63n + 1n),
    })
    .map(({ sign, form, digits, seed, underscores, near }) => {
      const base = form.slice(1).toLowerCase() as keyof typeof digitsOf;
      const pool = digitsOf[base];
      // near the bounds: the number written in the form's base; else random digits
      const radix = { x: 16, o: 8, b: 2, "": 10 }[base];
      const written =
        near === undefined
          ? seed
              .slice(0, digits)
              .map((n) => pool[n % pool.length])
              .join("")
          : near.toString(radix === 10 && form === "0" ? 8 : radix);
      const body = [...written].map((d, i) => (underscores[i] === true ? `${d}_` : d)).join("");
      return `${sign}${form}${body}`;
    });
  fc.assert(
    fc.property(integer, (text) => {
      expect([text, syntax.test(text)]).toEqual([text, readsInt64(text)]);
    }),
    { numRuns: 3000, seed: 28 },
  );
});

test("GO_YAML_UINT64_BASED_SYNTAX matches exactly the ints in base 16, 8 or 2 go-yaml v2 reads as a uint64 past int64", () => {
  const uint64 = new RegExp(GO_YAML_UINT64_BASED_SYNTAX);
  const readsUint64 = (text: string) => {
    const exact = typeof plainScalarValue(text) === "number" ? goYamlInteger(text) : undefined;
    // a based int starts with 0 (a decimal one does not, nor a signed one)
    return exact !== undefined && exact >= 2n ** 63n && text.startsWith("0");
  };
  const based = fc
    .record({
      sign: fc.constantFrom("", "", "+", "-"),
      form: fc.constantFrom("0x", "0X", "0o", "0O", "0", "0b", "0B"),
      n: fc.bigInt({ min: 2n ** 62n, max: 2n ** 65n }),
      near: fc.constantFrom(undefined, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n),
      zeros: fc.nat({ max: 2 }),
      underscores: fc.array(fc.boolean(), { minLength: 70, maxLength: 70 }),
    })
    .map(({ sign, form, n, near, zeros, underscores }) => {
      const radix = { x: 16, o: 8, b: 2, "": 8 }[form.slice(1).toLowerCase() as "x" | "o" | "b" | ""];
      const written = "0".repeat(zeros) + (near ?? n).toString(radix);
      const body = [...written].map((d, i) => (underscores[i] === true ? `${d}_` : d)).join("");
      return `${sign}${form}${body}`;
    });
  fc.assert(
    fc.property(based, (text) => {
      expect([text, uint64.test(text)]).toEqual([text, readsUint64(text)]);
    }),
    { numRuns: 3000, seed: 31 },
  );
  const zeros = (n: number) => "0".repeat(n);
  expect(
    [
      "0x8000000000000000",
      "0XFFFF_FFFF_FFFF_FFFF",
      `0b1${zeros(63)}`,
      "0o1777777777777777777777",
      "01_000000000000000000000",
    ].map((t) => uint64.test(t)),
  ).toEqual([true, true, true, true, true]);
  expect(
    [
      "0x7FFFFFFFFFFFFFFF",
      "0x10000000000000000",
      `0b1${zeros(64)}`,
      "0o2000000000000000000000",
      "+0x8000000000000000",
      "9223372036854775808",
    ].map((t) => uint64.test(t)),
  ).toEqual([false, false, false, false, false, false]);
});

test("a scalar that starts with . is a float as strconv.ParseFloat reads it, its _ only between digits", () => {
  const read = (texts: string[]) => texts.map((text) => [text, goYamlNumber(text)]);
  expect(
    read([".5", ".5_0", ".5e1_0", ".5E-1", ".5__0", "._5", ".5_", ".5_e1", ".5e_1", ".", ".e1", ".5e400"]),
  ).toEqual([
    [".5", 0.5],
    [".5_0", 0.5],
    [".5e1_0", 5e9],
    [".5E-1", 0.05],
    ...[".5__0", "._5", ".5_", ".5_e1", ".5e_1", ".", ".e1", ".5e400"].map((text) => [text, text]),
  ]);
});

test("an int past 64 bits is a float when its digits are a decimal float's, else go-yaml keeps the string", () => {
  const zeros = (n: number) => "0".repeat(n);
  const strings = [
    "0x10000000000000000",
    "0X1_0000_0000_0000_0000",
    `0b1${zeros(64)}`,
    "0o2000000000000000000000",
    // ParseInt's range is int64's; ParseUint takes no sign
    "+0x8000000000000000",
    "-0x8000000000000001",
    `-0b1${zeros(63)}1`,
  ];
  expect(strings.map((text) => [text, goYamlNumber(text)])).toEqual(strings.map((text) => [text, text]));
  // yamlStyleFloat reads digits as a decimal float, an octal int's too
  expect(
    ["18446744073709551616", "+9223372036854775808", "-9223372036854775809", `02${zeros(21)}`].map(goYamlNumber),
  ).toEqual([2 ** 64, 2 ** 63, -(2 ** 63), 2e21]);
  // within 64 bits: ParseUint's and ParseInt's ints
  expect(
    [
      "0x8000000000000000",
      "0xFFFF_FFFF_FFFF_FFFF",
      `0b1${zeros(63)}`,
      "01777777777777777777777",
      "-0x8000000000000000",
    ].map(goYamlNumber),
  ).toEqual([2 ** 63, 2 ** 64, 2 ** 63, 2 ** 64, -(2 ** 63)]);
});

test("GO_YAML_UNDERSCORED_NUMBER_SYNTAX matches exactly the plain scalars with _ go-yaml v2 reads as a decimal number", () => {
  const syntax = new RegExp(GO_YAML_UNDERSCORED_NUMBER_SYNTAX);
  /** What go-yaml reads, a float past float64's range (a string to go-yaml) taken as the number it is written as. */
  const readsNumber = (text: string) =>
    typeof plainScalarValue(text) === "number" ||
    (/^[-+0-9]/.test(text) &&
      /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)$/.test(text.replace(/_/g, "")));
  const scalar = fc.string({
    unit: fc.constantFrom("0", "1", "9", "_", "_", ".", "e", "E", "-", "+", "x"),
    maxLength: 9,
  });
  fc.assert(
    fc.property(scalar, (text) => {
      expect([text, syntax.test(text)]).toEqual([text, text.includes("_") && !/x/.test(text) && readsNumber(text)]);
    }),
    { numRuns: 5000, seed: 30 },
  );
  for (const text of ["1_0.5", "1_000", "0_8", "1_0e3", "+_.5", ".5_0", "1_0e400", "1_."]) {
    expect([text, syntax.test(text)]).toEqual([text, true]);
  }
  for (const text of ["1.5", "1000", "_1", "._5", ".5__0", "1_0.5e", "1_x", "0x1_F"]) {
    expect([text, syntax.test(text)]).toEqual([text, false]);
  }
});

test("GO_YAML_WHOLE_FLOAT_SYNTAX matches exactly the plain scalars with _ go-yaml v2 reads as a whole float (no exponent)", () => {
  const syntax = new RegExp(GO_YAML_WHOLE_FLOAT_SYNTAX);
  /** A float go-yaml reads (an int is GO_YAML_INT64_SYNTAX's) that is whole. */
  const readsWholeFloat = (text: string) => {
    const value = plainScalarValue(text);
    return typeof value === "number" && Number.isInteger(value) && !GO_INT.test(text.replace(/_/g, ""));
  };
  const scalar = fc.string({ unit: fc.constantFrom("0", "0", "1", "7", "8", "_", "_", ".", "-", "+"), maxLength: 9 });
  fc.assert(
    fc.property(scalar, (text) => {
      expect([text, syntax.test(text)]).toEqual([text, text.includes("_") && readsWholeFloat(text)]);
    }),
    { numRuns: 5000, seed: 30 },
  );
  // up to 18 digits after the leading zeros: json writes them as digits an int64 holds
  for (const text of [
    "1_0.0",
    "1_000.",
    "+_.0",
    ".0_0",
    "0_8",
    "-01_9",
    `00_${"9".repeat(18)}.0`,
    `0_8${"0".repeat(17)}`,
  ]) {
    expect([text, syntax.test(text)]).toEqual([text, true]);
  }
  for (const text of [
    "1_0.5",
    "0_7",
    "1_0e2",
    "._0",
    ".0__0",
    "1.0",
    "08",
    `1_${"0".repeat(18)}.0`,
    `0_8${"0".repeat(18)}`,
  ]) {
    expect([text, syntax.test(text)]).toEqual([text, false]);
  }
});
