/** How Go prints values in the messages Concourse gives: `%q`, `%+q`, `%T`. */

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
