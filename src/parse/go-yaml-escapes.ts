import { createRequire } from "node:module";
import type * as Yaml from "yaml";

/**
 * The escapes of double-quoted scalars as go-yaml reads them (v2 and v3 alike, scannerc.go
 * `yaml_parser_scan_flow_scalar`), where js-yaml's table differs: `\'` is a `'` to go-yaml and an error to js-yaml;
 * a backslash before NEL (U+0085), LS (U+2028) or PS (U+2029), line breaks to go-yaml (`is_break`), escapes that line
 * break as one before a `\n` is escaped (nothing is kept of it, nor of the blanks after it), where js-yaml refuses it;
 * `\/` is an error to go-yaml (it is YAML 1.2's) and a `/` to js-yaml; a `\u` or `\U` naming a surrogate (D800-DFFF) or
 * a code past 10FFFF is go-yaml's error, where js-yaml writes a lone surrogate. go-yaml's errors and their places:
 * "found unknown escape character" at the backslash, "did not find expected hexdecimal number" and "found invalid
 * Unicode character escape code" at the first hexadecimal digit.
 */

/**
 * A text that may hold an escape go-yaml reads otherwise than js-yaml (a quick test first: most texts have none): `\'`,
 * `\/`, a `\u` naming a surrogate, any `\U`.
 */
export const MAY_DIFFER = /\\(?:['/U]|u[dD][89a-fA-F])/;

/** js-yaml's errors in an escape, which go-yaml words and places otherwise. */
export const JS_YAML_ESCAPE_ERRORS: ReadonlySet<string> = new Set([
  "unknown escape sequence",
  "expected hexadecimal character",
]);

/** What go-yaml makes of the escapes of a text's double-quoted scalars. */
export interface GoYamlEscapes {
  /** go-yaml's first error in an escape, at its offset, and the offset of its scalar's opening quote. */
  readonly problem?: { readonly message: string; readonly offset: number; readonly scalar: number };
  /**
   * The offsets of the backslashes of the escapes before it that js-yaml refuses but go-yaml reads: `\'` (a `'`) and
   * a backslash before NEL, LS or PS (an escaped line break); see {@link withQuoteEscapes}.
   */
  readonly quotes: readonly number[];
}

/**
 * The `yaml` package's lexer, loaded when a text has an escape to look at (few have): a static import loaded the package
 * into every process that reads YAML (`hangar validate`, the language server), some 70 files.
 */
const newLexer = (): Yaml.Lexer => new (createRequire(import.meta.url)("yaml") as typeof Yaml).Lexer();

/** The escapes of every double-quoted scalar of `text`, in text order, as go-yaml reads them. */
export function goYamlEscapes(text: string): GoYamlEscapes {
  const quotes: number[] = [];
  let offset = 0;
  for (const token of newLexer().lex(text)) {
    // the lexer's markers of a document, a scalar and a flow's end stand in no text
    if (token === "\x02" || token === "\x1f" || token === "\x18") continue;
    if (token.charCodeAt(0) === 0x22 && text.startsWith(token, offset)) {
      const problem = scalarProblem(token, offset, quotes);
      if (problem !== undefined) return { problem: { ...problem, scalar: offset }, quotes };
    }
    offset += token.length;
  }
  return { quotes };
}

/** The characters that may follow a backslash and stand for one character (scannerc.go's table). */
const SIMPLE: ReadonlySet<string> = new Set([..."0abt\tnvfre \"'\\N_LP"]);
/** The line breaks go-yaml reads after a backslash as an escaped line break. */
const BREAKS: ReadonlySet<string> = new Set(["\n", "\r", "\u0085", "\u2028", "\u2029"]);
/** The line breaks of go-yaml's that js-yaml takes for no line break (after a backslash, an unknown escape). */
const JS_YAML_NO_BREAKS: ReadonlySet<string> = new Set(["\u0085", "\u2028", "\u2029"]);

/** A text in which js-yaml may refuse an escape go-yaml reads: `\'`, or a backslash before NEL, LS or PS. */
export const JS_YAML_REFUSED_ESCAPE = /\\['\u0085\u2028\u2029]/;
const HEX = /^[0-9a-fA-F]*$/;
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** go-yaml's first error in the escapes of one double-quoted scalar's text at `start`; its `\'` pushed to `quotes`. */
function scalarProblem(
  scalar: string,
  start: number,
  quotes: number[],
): { message: string; offset: number } | undefined {
  for (let i = scalar.indexOf("\\", 1); i !== -1 && i < scalar.length - 1; i = scalar.indexOf("\\", i)) {
    const c = scalar[i + 1] as string;
    if (BREAKS.has(c) || SIMPLE.has(c)) {
      if (c === "'" || JS_YAML_NO_BREAKS.has(c)) quotes.push(start + i);
      i += 2;
      continue;
    }
    const length = HEX_LENGTH[c];
    if (length === undefined) return { message: "found unknown escape character", offset: start + i };
    const digits = scalar.slice(i + 2, i + 2 + length);
    if (digits.length < length || !HEX.test(digits)) {
      return { message: "did not find expected hexdecimal number", offset: start + i + 2 };
    }
    const code = Number.parseInt(digits, 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
      return { message: "found invalid Unicode character escape code", offset: start + i + 2 };
    }
    i += 2 + length;
  }
  return undefined;
}

/**
 * The text with each escape at `quotes` written as js-yaml reads go-yaml's reading of it: `\'` as `\x27`, a backslash
 * before NEL, LS or PS as one before `\n` (an escaped line break to both); and the way back.
 */
export function withQuoteEscapes(
  text: string,
  quotes: readonly number[],
): { readonly text: string; readonly back: (offset: number) => number } {
  const parts: string[] = [];
  /** Where each escape starts in the new text, and how much longer it is there. */
  const moved: { at: number; written: number; longer: number }[] = [];
  let from = 0;
  let shift = 0;
  for (const at of quotes) {
    const amended = text[at + 1] === "'" ? "\\x27" : "\\\n";
    parts.push(text.slice(from, at), amended);
    moved.push({ at, written: at + shift, longer: amended.length - 2 });
    shift += amended.length - 2;
    from = at + 2;
  }
  parts.push(text.slice(from));
  const back = (offset: number): number => {
    let before = 0;
    for (const { at, written, longer } of moved) {
      if (written >= offset) break;
      // inside the escape: at its backslash
      if (written + 2 + longer > offset) return at;
      before += longer;
    }
    return offset - before;
  };
  return { text: parts.join(""), back };
}
