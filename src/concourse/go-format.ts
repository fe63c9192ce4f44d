/** How Go prints values in the messages Concourse gives: `%q`, `%+q`, `%T`. */

import type { GoNumber, GoNumbers } from "./go-number.ts";

/** Go's `strconv.Quote` (`%q`): double quotes, Go escapes for control characters, printable characters kept. */
export const goQuote = (s: string): string => quote(s, false);

/** Go's `strconv.QuoteToASCII` (`%+q`): as {@link goQuote}, and every non-ASCII character escaped. */
export const goQuoteAscii = (s: string): string => quote(s, true);

/** Go's `%+q` of a list of strings: `["a" "b"]`. */
export const goQuotedList = (values: readonly string[]): string => `[${values.map(goQuoteAscii).join(" ")}]`;

/** Go's `%T` of a value decoded from JSON into `any`. */
export function goTypeName(v: unknown): string {
  if (v === undefined || v === null) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

/**
 * How Go's json package names the kind of a JSON value in `cannot unmarshal X`; `exact`: the integer a number past
 * 2^53 was written as, when known (JavaScript holds it rounded).
 */
export function goJsonKind(value: unknown, withNumber: boolean, exact?: bigint): string {
  if (typeof value === "string") return "string";
  // the number as json wrote it: go-yaml reads an integer of up to 64 bits exactly, which json writes in full; a
  // float as encode.go floatEncoder.encode writes it, the shortest digits, in `%e` form below 1e-6 and from 1e21 up
  // (`1e-7`, `1e+21`), JavaScript's own rule. A YAML int too large for 64 bits is a float64 to go-yaml
  // (resolve.go), so sigs.k8s.io/yaml hands json `1e+21`, never the digits written.
  if (typeof value === "number") return withNumber ? `number ${exact ?? String(value)}` : "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "array";
  return "object";
}

/** Go's `%v` of a decoded JSON value (nesting beyond a few levels is elided). */
export function goValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number") return goFloat(value);
  if (typeof value === "boolean") return String(value);
  if (depth > 8) return "...";
  if (Array.isArray(value)) return `[${value.map((v) => goValue(v, depth + 1)).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${k}:${goValue((value as Record<string, unknown>)[k], depth + 1)}`);
    return `map[${entries.join(" ")}]`;
  }
  return String(value);
}

/**
 * Go's `%v` of a float64, as `fmt.Errorf("...%v", v)` prints a number json decoded into `any`: fmt/print.go
 * `fmtFloat` turns `%v` into `%g` with the shortest precision (`case 'v': p.fmt.fmtFloat(v, size, 'g', -1)`), that
 * is `strconv.FormatFloat(n, 'g', -1, 64)`, whose `%e` form starts at exponent 6 (`1e+06`, where JavaScript and
 * encoding/json wait for 1e21).
 */
export const goFloat = (n: number): string => goFormatFloat(n, 64);

/**
 * Go's `strconv.FormatFloat(n, 'g', -1, bits)`: the fewest digits that read back as the same float32 or float64,
 * in `%e` form (`1e+06`) for exponents below -4 or from 6 up, `+Inf`, `-Inf` and `NaN` for the values JSON cannot
 * hold. sigs.k8s.io/yaml writes a float key, or a float given for a string, with `bits` 32.
 */
export function goFormatFloat(n: number, bits: 32 | 64): string {
  const x = bits === 32 ? Math.fround(n) : n;
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const [digits, exp] = shortestDigits(Math.abs(x), bits);
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fraction = digits.slice(exp + 1);
  return fraction === "" ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** The shortest decimal digits of a positive float and its exponent (`1.5e+6`: `15`, 6). */
function shortestDigits(x: number, bits: 32 | 64): [string, number] {
  const split = (s: string): [string, number] => {
    const [mantissa = "", exponent = "0"] = s.split("e");
    return [mantissa.replace(".", ""), Number(exponent)];
  };
  // JavaScript writes a float64 with the shortest digits that read back as it, as Go does
  if (bits === 64) return split(x.toExponential());
  for (let precision = 0; precision < 8; precision++) {
    const s = x.toExponential(precision);
    if (Math.fround(Number(s)) === x) return split(s);
  }
  return split(x.toExponential(8));
}

/**
 * Go's `%#v` (and `%+#v`) of a value go-yaml decoded into `interface{}`: strings quoted, `<nil>` (inside a list or
 * map `interface {}(nil)`), lists `[]interface {}{"a", 1}`, maps `mapType{"k":v}` with their keys sorted (go-yaml
 * v2 makes every mapping a `map[interface {}]interface {}`; v3 makes a `map[string]interface {}` of a mapping whose
 * keys are all strings). A very large value is cut off with `...` (Go prints it whole). `numbers`: how go-yaml read the
 * whole numbers of the value, by their path in it (an integer past 2^53 by its digits, a float from 1e6 up as one).
 */
export function goSyntax(value: unknown, mapType = "map[interface {}]interface {}", numbers?: GoNumbers): string {
  let out = "";
  const write = (v: unknown, nested: boolean, path: readonly (string | number)[]): void => {
    if (out.length > GO_SYNTAX_MAX) return;
    if (v === null || v === undefined) out += nested ? "interface {}(nil)" : "<nil>";
    else if (typeof v === "string") out += goQuote(v);
    else if (typeof v === "number") out += goNumberSyntax(v, numbers?.(path, v));
    else if (typeof v === "boolean") out += String(v);
    else if (Array.isArray(v)) {
      out += "[]interface {}{";
      v.forEach((item: unknown, i) => {
        if (i > 0) out += ", ";
        write(item, true, numbers === undefined ? path : [...path, i]);
      });
      out += "}";
    } else if (typeof v === "object") {
      out += `${mapType}{`;
      const record = v as Record<string, unknown>;
      Object.keys(record)
        .sort()
        .forEach((k, i) => {
          out += `${i > 0 ? ", " : ""}${goQuote(k)}:`;
          write(record[k], true, numbers === undefined ? path : [...path, k]);
        });
      out += "}";
    } else out += String(v);
  };
  write(value, false, []);
  return out.length > GO_SYNTAX_MAX ? `${out.slice(0, GO_SYNTAX_MAX)}...` : out;
}

const GO_SYNTAX_MAX = 2000;

/**
 * Go's `%#v` of an integer go-yaml decoded: an int in decimal, a uint64 (past 2^63, where `strconv.ParseInt` gave up)
 * in hexadecimal with `0x` (fmt/print.go `fmtInteger`: `%#v` of an unsigned integer is `fmt0x64`).
 */
export const goIntegerSyntax = (n: bigint): string => (n >= 2n ** 63n ? `0x${n.toString(16)}` : String(n));

/**
 * Go's `%#v` of a number go-yaml decoded, given how it read it when JavaScript cannot tell (`number`, see
 * go-number.ts): an integer's digits (a uint64 in hexadecimal), a float as FormatFloat 'g' writes it (`1e+06`);
 * otherwise an int when it is whole within 64 bits.
 */
function goNumberSyntax(n: number, number: GoNumber | undefined): string {
  if (typeof number === "bigint") return goIntegerSyntax(number);
  return number === "float" || !isGoInt(n) ? goFormatFloat(n, 64) : String(n === 0 ? 0 : n);
}

/** A number go-yaml decodes as an int: whole, within 64 bits (JavaScript writes these without an exponent). */
const isGoInt = (n: number): boolean => Number.isInteger(n) && Math.abs(n) < 2 ** 63;

/**
 * What Go prints (`%s`) for a string field read from this value: absent or null is empty, a number or boolean as
 * written (the YAML reader makes them strings), anything else empty.
 */
export function goFieldText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/** The escapes Go writes for control characters that have one (strconv `appendEscapedRune`). */
const ESCAPES: Readonly<Record<number, string>> = {
  7: "\\a",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
  11: "\\v",
};

function quote(s: string, asciiOnly: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if ((c >= 0x20 && c < 0x7f) || (!asciiOnly && c >= 0xa0)) out += ch;
    else if (ESCAPES[c] !== undefined) out += ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** What Go's json package escapes in a string besides `"` and `\` (encode.go `appendString` with HTML escaping on). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const GO_JSON_ESCAPE = /[\u0000-\u001f<>&\u2028\u2029]/g;

/** A character of {@link GO_JSON_ESCAPE} as Go writes it: `\n`, `\r`, `\t`, else `\u00XX`. */
const goJsonEscape = (ch: string): string =>
  ch === "\n"
    ? "\\n"
    : ch === "\r"
      ? "\\r"
      : ch === "\t"
        ? "\\t"
        : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Go's `json.Marshal` of a value decoded from JSON (`any`): no spaces, the keys of a map sorted, `<`, `>`, `&`, U+2028
 * and U+2029 escaped as `\u003c`..., other control characters as `\u00XX` (`\n`, `\r` and `\t` as such). A number is
 * written as JavaScript writes it, which is how the json package writes a float64 and the digits of an int.
 */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return `"${value.replace(/["\\]/g, (ch) => `\\${ch}`).replace(GO_JSON_ESCAPE, goJsonEscape)}"`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${goJson(k)}:${goJson(record[k])}`).join(",")}}`;
}
