// Kept apart from go-yaml-schema.ts, which loads js-yaml: validating a rendered pipeline reads exact integers
// (go-numbers.ts) without loading the YAML reader.
import { decimalsUpTo } from "../concourse/decimal-syntax.ts";

/** An integer as Go's `strconv.ParseInt(s, 0, 64)` reads one (with a leading `0` for octal, as go-yaml adds). */
export const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;

/**
 * The plain scalars go-yaml v2 reads as an int that Go's `int` (64 bits) holds, from -2^63 to 2^63 - 1, as a regular
 * expression's source (for the JSON Schema): a sign or digit first (resolve.go's hint), then {@link GO_INT} with `_`
 * anywhere after (go-yaml drops them). The range is a bound on the digits after the leading zeros: in hexadecimal 16
 * with the first up to 7, in octal 21, in binary 63, in decimal 19 up to 9223372036854775807; for a negative number
 * 2^63 itself too. go-yaml reads an integer of more bits as a uint64 or a float, which a Go `int` does not take.
 */
export const GO_YAML_INT64_SYNTAX = `^(?=[-+0-9])(?:[+]?_*(?:${magnitudes(false)})|-_*(?:${magnitudes(true)}))$`;

/** The magnitudes up to 2^63 - 1 (`negative`: up to 2^63), in each of the forms {@link GO_INT} reads. */
function magnitudes(negative: boolean): string {
  /** `count` digits of the class `digit` (a number, or a range such as `0,14`), each with the underscores after it. */
  const digits = (digit: string, count: number | string) => `(?:${digit}_*){${count}}`;
  /** A form: its prefix, leading zeros, then digits up to 2^63 - 1 (`below`) or, for a negative number, 2^63. */
  const form = (prefix: string, below: string, twoTo63: string) =>
    `${prefix}(?:0_*)*(?:${below}${negative ? `|${twoTo63}` : ""})?`;
  const hex = "[0-9a-fA-F]";
  const octal = `[1-7]_*${digits("[0-7]", "0,20")}`;
  const octalTwoTo63 = `1_*${digits("0", 21)}`;
  return [
    // 0x: up to 15 digits, or 16 with the first up to 7 (2^63 is 8 and 15 zeros)
    form(
      `0_*[xX]_*(?=${hex})`,
      `[1-9a-fA-F]_*${digits(hex, "0,14")}|[1-7]_*${digits(hex, 15)}`,
      `8_*${digits("0", 15)}`,
    ),
    // 0o, or a leading 0 (octal, as go-yaml reads it; a 0 alone is 0): up to 21 digits (2^63 is 1 and 21 zeros)
    form("0_*[oO]_*(?=[0-7])", octal, octalTwoTo63),
    form("0_*", octal, octalTwoTo63),
    // 0b: up to 63 digits (2^63 is 1 and 63 zeros)
    form("0_*[bB]_*(?=[01])", `1_*${digits("[01]", "0,62")}`, `1_*${digits("0", 63)}`),
    // decimal: up to 18 digits, or 19 up to the bound
    `[1-9]_*${digits("[0-9]", "0,17")}`,
    decimalsUpTo(negative ? "9223372036854775808" : "9223372036854775807", "_*"),
  ].join("|");
}

/**
 * The plain scalars go-yaml v2 reads as a uint64 past Go's `int`, from 2^63 to 2^64 - 1, written in base 16, 8 or 2, as
 * a regular expression's source: `ParseInt` refuses them and `ParseUint` reads them (resolve.go), with no sign (which
 * `ParseUint` refuses) and `_` anywhere after the first digit. After the leading zeros: 16 hexadecimal digits from 8 on,
 * 22 octal from 1 (after `0o` or a leading `0`), 64 binary from 1. Past 2^64, go-yaml keeps such a scalar a string; in
 * decimal digits it is {@link GO_YAML_UNDERSCORED_NUMBER_SYNTAX}'s (or a number to YAML 1.2 too).
 */
export const GO_YAML_UINT64_BASED_SYNTAX = (() => {
  const digits = (digit: string, count: number) => `(?:${digit}_*){${count}}`;
  const hex = `[xX]_*(?:0_*)*[89a-fA-F]_*${digits("[0-9a-fA-F]", 15)}`;
  const octal = `(?:[oO]_*)?(?:0_*)*1_*${digits("[0-7]", 21)}`;
  const binary = `[bB]_*(?:0_*)*1_*${digits("[01]", 63)}`;
  return `^0_*(?:${hex}|${octal}|${binary})$`;
})();

/**
 * A float that starts with `.` as `strconv.ParseFloat` reads it (Go's syntax of a float literal): digits with a `_`
 * only between two, and an exponent.
 */
const GO_DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;

/**
 * The plain scalars written with `_` that go-yaml v2 reads as a number and a YAML 1.2 reader leaves a string, as a
 * regular expression's source: one that starts with a sign or a digit, which go-yaml reads with every `_` dropped
 * (resolve.go), as an int, or as a float when it has a fraction or an exponent, or is past 64 bits (`1_0.5`, `1_000`,
 * `1_0e3`, `0_8`); and one that starts with `.`, which go-yaml hands to `strconv.ParseFloat` as it is, where a `_` may
 * stand only between digits (`.5_0`; `._5` is a string). A float past float64's range (`1_0e400`), which go-yaml keeps
 * a string, matches too. Ints in another base (`0x1_F`) are {@link GO_YAML_INT64_SYNTAX}'s.
 */
export const GO_YAML_UNDERSCORED_NUMBER_SYNTAX = `^(?=.*_)(?:${signedNumber()}|${GO_DOT_FLOAT.source.slice(1, -1)})$`;

/** A number that starts with a sign or digit, each character with the underscores after it (go-yaml drops them). */
function signedNumber(): string {
  const digits = "(?:[0-9]_*)+";
  return `(?=[-+0-9])(?:[-+]_*)?(?:\\._*${digits}|${digits}(?:\\._*(?:[0-9]_*)*)?)(?:[eE]_*(?:[-+]_*)?${digits})?`;
}

/**
 * The plain scalars written with `_` that go-yaml v2 reads as a float that a Go `int` takes, as a regular expression's
 * source: a whole float, which json writes as its digits, within 18 digits (after leading zeros; past 2^63 json's
 * digits overflow the int): one with a fraction of zeros (`1_0.0`, `1_000.`, `+_.0`, `.0_0`), and one with a leading
 * `0` and an 8 or 9, no octal int, which go-yaml reads as a decimal float (`0_8`, `01_9`). Not those with an exponent
 * (`1_0e2`), nor with more digits, which a Go `int` may take too: the schema refuses them.
 */
export const GO_YAML_WHOLE_FLOAT_SYNTAX = `^(?=.*_)(?:(?=[-+0-9])(?:[-+]_*)?(?:${wholeFloats()})|\\.0(?:_?0)*)$`;

/** The whole floats of {@link GO_YAML_WHOLE_FLOAT_SYNTAX} after their sign, each character with the `_` after it. */
function wholeFloats(): string {
  const significant = "[1-9]_*(?:[0-9]_*){0,17}";
  const wholePart = `(?:(?:0_*)+(?:${significant})?|${significant})`;
  const fraction = `${wholePart}\\._*(?:0_*)*|\\._*(?:0_*)+`;
  const notOctal = `(?:0_*)+(?=[0-9_]*[89])${significant}`;
  return `${fraction}|${notOctal}`;
}

/**
 * The exact integer go-yaml v2 reads a plain scalar as (resolve.go: `strconv.ParseInt(plain, 0, 64)`, then
 * `ParseUint`), where JavaScript's number holds it rounded past 2^53; undefined for any scalar go-yaml reads as
 * something else (beyond 64 bits it is a float).
 */
export function goYamlInteger(text: string): bigint | undefined {
  const plain = text.includes("_") ? text.replace(/_/g, "") : text;
  const int = GO_INT.exec(plain);
  if (int === null) return undefined;
  const [, sign, hex, oct, bin, leadingZero, dec] = int;
  const magnitude = BigInt(
    hex !== undefined
      ? `0x${hex}`
      : oct !== undefined
        ? `0o${oct}`
        : bin !== undefined
          ? `0b${bin}`
          : leadingZero !== undefined
            ? `0o${leadingZero}`
            : (dec as string),
  );
  const n = sign === "-" ? -magnitude : magnitude;
  if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  // ParseUint takes no sign
  return sign === "" && n < 2n ** 64n ? n : undefined;
}

/**
 * go-yaml v2's reading of a plain scalar that starts like a number: an int, a float, or the string itself. An int past
 * 64 bits (resolve.go: neither `ParseInt` nor `ParseUint` reads it) is a float when its digits are a decimal float's
 * (`18446744073709551616`, and the octal `02000000000000000000000`, read as decimal digits), else the string itself
 * (`0x10000000000000000`, `0b1` and 64 digits, `+0x8000000000000000`, which `ParseUint` refuses for its sign).
 */
export function goYamlNumber(text: string): number | string {
  // resolve.go hands a scalar that starts with `.` to ParseFloat as it is, its `_` kept
  if (text.startsWith(".")) {
    const n = GO_DOT_FLOAT.test(text) ? Number(text.replace(/_/g, "")) : Number.NaN;
    return Number.isFinite(n) ? n : text;
  }
  const plain = text.includes("_") ? text.replace(/_/g, "") : text;
  const int = GO_INT.exec(plain);
  // no int of 18 characters or fewer is past 64 bits (the shortest: 0x and 17 hex digits, a sign and 0x and 16)
  if (int !== null && plain.length > 18 && goYamlInteger(text) === undefined) {
    const based = int[2] !== undefined || int[3] !== undefined || int[4] !== undefined;
    return based ? text : Number.parseFloat(plain);
  }
  if (int !== null) {
    const [, sign, hex, oct, bin, leadingZero, dec] = int;
    const n =
      hex !== undefined
        ? Number.parseInt(hex, 16)
        : oct !== undefined
          ? Number.parseInt(oct, 8)
          : bin !== undefined
            ? Number.parseInt(bin, 2)
            : leadingZero !== undefined
              ? Number.parseInt(leadingZero, 8)
              : Number(dec);
    // an int has no negative zero: `-0` is 0 (a float's, `-0.0`, is -0)
    return sign === "-" && n !== 0 ? -n : n;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) {
    // strconv.ParseFloat fails with ErrRange beyond float64, and go-yaml then keeps the scalar a string
    const n = Number.parseFloat(plain);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}
