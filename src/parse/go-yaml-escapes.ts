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
 * `\/`, a `\u` naming a surrogate, any `\U`; or a NEL, LS or PS, which may stand in a quoted scalar
 * ({@link GO_YAML_ONLY_BREAK}).
 */
export const MAY_DIFFER = /\\(?:['/U]|u[dD][89a-fA-F])|[\u0085\u2028\u2029]/;

/**
 * The text with each line break go-yaml reads that js-yaml takes for a character written as a line feed, and a CR
 * before one as a line feed too, the same length (every offset holds): go-yaml reads a NEL (U+0085) as a line break
 * wherever it stands, in a scalar of any style as a `\n` (`read_line`); an LS (U+2028) or a PS (U+2029) as a line break
 * too (a plain value ends at one, a comment ends there), but in a quoted scalar, where they are left as written (see
 * {@link goYamlEscapes}); a CR before any of them is a line break of its own.
 */
export function withLineBreaksAsLineFeeds(text: string): string {
  const nel = text.includes("\u0085") ? text.replace(/\r?\u0085/g, asLineFeeds) : text;
  if (!/[\u2028\u2029]/.test(nel)) return nel;
  const all = nel.replace(/\r?[\u2028\u2029]/g, asLineFeeds);
  // the quoted scalars of the text read with every break a line feed, as written
  const parts: string[] = [];
  let at = 0;
  for (const { offset, scalar } of quotedScalars(all)) {
    parts.push(all.slice(at, offset), nel.slice(offset, offset + scalar.length));
    at = offset + scalar.length;
  }
  parts.push(all.slice(at));
  return parts.join("");
}

const asLineFeeds = (breaks: string): string => (breaks.length === 2 ? "\n\n" : "\n");

/** js-yaml's errors in an escape, which go-yaml words and places otherwise. */
export const JS_YAML_ESCAPE_ERRORS: ReadonlySet<string> = new Set([
  "unknown escape sequence",
  "expected hexadecimal character",
]);

/** A part of a text to write otherwise: `length` characters at `at`, written as `text`. */
export interface TextEdit {
  readonly at: number;
  readonly length: number;
  readonly text: string;
}

/** What go-yaml makes of the escapes and line breaks of a text's quoted scalars. */
export interface GoYamlEscapes {
  /** go-yaml's first error in an escape, at its offset, and the offset of its scalar's opening quote. */
  readonly problem?: { readonly message: string; readonly offset: number; readonly scalar: number };
  /**
   * How to write the scalars before it so that js-yaml reads them as go-yaml does, in text order: `\'` (a `'`), and
   * each run of blanks and line breaks that holds a NEL, LS or PS (see {@link foldEdits}); see {@link withEdits}.
   */
  readonly edits: readonly TextEdit[];
}

/**
 * The `yaml` package's lexer, loaded when a text has an escape to look at (few have): a static import loaded the package
 * into every process that reads YAML (`hangar validate`, the language server), some 70 files.
 */
const newLexer = (): Yaml.Lexer => new (createRequire(import.meta.url)("yaml") as typeof Yaml).Lexer();

/** The escapes and line breaks of every quoted scalar of `text`, in text order, as go-yaml reads them. */
export function goYamlEscapes(text: string): GoYamlEscapes {
  const edits: TextEdit[] = [];
  for (const { offset, scalar } of quotedScalars(text)) {
    const problem = scalar[0] === '"' ? scalarProblem(scalar, offset, edits) : undefined;
    const folds = GO_YAML_ONLY_BREAK.test(scalar) ? foldEdits(scalar, offset) : [];
    edits.push(...(problem === undefined ? folds : folds.filter((e) => e.at < problem.offset)));
    edits.sort((a, b) => a.at - b.at);
    if (problem !== undefined) return { problem: { ...problem, scalar: offset }, edits };
  }
  return { edits };
}

/**
 * How many times the text is lexed again for a quoted scalar the lexer ended before its closing quote: past that, the
 * scalars after one are read as js-yaml reads them (each pass reads the whole text).
 */
export const MAX_LEXES = 32;

/**
 * The quoted scalars of `text` (from the opening quote to the closing one, or to the end of the text), where the lexer
 * finds them. The lexer takes NEL, LS and PS for characters of a line, and ends a quoted scalar at a line less indented
 * than its own rule wants, where go-yaml reads on to the closing quote: it reads a text with those as blanks (they
 * start no token and end none), and with the line breaks of each scalar it ended so as blanks, again (see
 * {@link MAX_LEXES}).
 */
export function quotedScalars(text: string): { offset: number; scalar: string }[] {
  let lexed = GO_YAML_ONLY_BREAK.test(text) ? text.replace(/[\u0085\u2028\u2029]/g, " ") : text;
  for (let lexes = 1; ; lexes++) {
    const found: { offset: number; scalar: string }[] = [];
    let cut: { offset: number; end: number } | undefined;
    let offset = 0;
    for (const token of newLexer().lex(lexed)) {
      // the lexer's markers of a document, a scalar and a flow's end stand in no text
      if (token === "\x02" || token === "\x1f" || token === "\x18") continue;
      const quote = token[0];
      if ((quote === '"' || quote === "'") && lexed.startsWith(token, offset)) {
        const end = quotedEnd(text, offset);
        if (end > offset + token.length && lexes < MAX_LEXES) {
          cut = { offset, end };
          break;
        }
        found.push({ offset, scalar: text.slice(offset, offset + token.length) });
      }
      offset += token.length;
    }
    if (cut === undefined) return found;
    const within = lexed.slice(cut.offset, cut.end).replace(/[\r\n]/g, " ");
    lexed = lexed.slice(0, cut.offset) + within + lexed.slice(cut.end);
  }
}

/** Where the quoted scalar at `start` ends for go-yaml: after its closing quote, or at the end of the text. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return text.length;
}

/** The characters that may follow a backslash and stand for one character (scannerc.go's table). */
const SIMPLE: ReadonlySet<string> = new Set([..."0abt\tnvfre \"'\\N_LP"]);
/** The line breaks of go-yaml's (`is_break`). */
const BREAKS: ReadonlySet<string> = new Set(["\n", "\r", "\u0085", "\u2028", "\u2029"]);
/** The line breaks of go-yaml's that js-yaml takes for characters like any other. */
export const GO_YAML_ONLY_BREAK = /[\u0085\u2028\u2029]/;

/**
 * A text in which js-yaml may read a quoted scalar otherwise than go-yaml, where it reads it at all: with `\'`, or with
 * a NEL, LS or PS (line breaks to go-yaml only).
 */
export const JS_YAML_OTHERWISE = /\\'|[\u0085\u2028\u2029]/;
const HEX = /^[0-9a-fA-F]*$/;
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** go-yaml's first error in the escapes of one double-quoted scalar's text at `start`; its `\'` pushed to `edits`. */
function scalarProblem(
  scalar: string,
  start: number,
  edits: TextEdit[],
): { message: string; offset: number } | undefined {
  for (let i = scalar.indexOf("\\", 1); i !== -1 && i < scalar.length - 1; i = scalar.indexOf("\\", i)) {
    const c = scalar[i + 1] as string;
    if (BREAKS.has(c) || SIMPLE.has(c)) {
      if (c === "'") edits.push({ at: start + i, length: 2, text: "\\x27" });
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

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * How js-yaml is to read a quoted scalar (its text `scalar`, at `start`) whose line breaks go-yaml reads otherwise
 * (scannerc.go `yaml_parser_scan_flow_scalar`, `read_line`): go-yaml breaks lines at NEL, LS and PS too, and folds a run
 * of blanks and line breaks after content into what its first break is read as (LF, CR, CRLF and NEL as a `\n`, LS
 * and PS as themselves), the blanks before it dropped, then a `\n` folded to a space when no break follows, else
 * dropped, then what each later break is read as; after an escaped line break (a backslash before a break) every break
 * is kept so. js-yaml takes NEL, LS and PS for characters like any other. Each run holding one is written as escapes of
 * go-yaml's reading of it, then an escaped `\n` for each line break (nothing to either reader, a line to both, as in
 * the text as written); a single-quoted scalar with such a run is written double-quoted, its `''`, `"` and `\` as
 * escapes. A scalar the text ends in is left as it is.
 */
function foldEdits(scalar: string, start: number): TextEdit[] {
  const quote = scalar[0];
  const double = quote === '"';
  if (scalar.length < 2 || scalar[scalar.length - 1] !== quote) return [];
  const end = scalar.length - 1;
  const edits: TextEdit[] = [];
  const run = (from: number, escaped: boolean): number => {
    const reads: string[] = [];
    let j = escaped ? from + 1 : from;
    let otherwise = false;
    for (; j < end && (isBlank(scalar[j]) || BREAKS.has(scalar[j] as string)); j++) {
      const c = scalar[j] as string;
      if (isBlank(c)) continue;
      if (c === "\r" && scalar[j + 1] === "\n") j++;
      if (GO_YAML_ONLY_BREAK.test(c)) otherwise = true;
      reads.push(c === "\u2028" || c === "\u2029" ? c : "\n");
    }
    if (!otherwise) return j;
    const [first, ...later] = reads;
    const folded = escaped
      ? reads.slice(1)
      : first === "\n" && later.length === 0
        ? [" "]
        : first === "\n"
          ? later
          : reads;
    const written = folded.map((c) => FOLDED_ESCAPE[c]).join("") + "\\\n".repeat(reads.length);
    edits.push({ at: start + from, length: j - from, text: written });
    return j;
  };
  for (let i = 1; i < end; ) {
    const c = scalar[i] as string;
    if (double && c === "\\") {
      i = BREAKS.has(scalar[i + 1] as string) ? run(i, true) : i + 2;
    } else if (isBlank(c) || BREAKS.has(c)) {
      i = run(i, false);
    } else i++;
  }
  if (double || edits.length === 0) return edits;
  // a single-quoted scalar, written double-quoted
  const quoted: TextEdit[] = [{ at: start, length: 1, text: '"' }];
  for (let i = 1; i < end; i++) {
    const c = scalar[i];
    if (c === "'") quoted.push({ at: start + i++, length: 2, text: "'" });
    else if (c === '"' || c === "\\") quoted.push({ at: start + i, length: 1, text: `\\${c}` });
  }
  quoted.push({ at: start + end, length: 1, text: '"' });
  return [...quoted, ...edits].sort((a, b) => a.at - b.at);
}

/** The escapes of what go-yaml reads a run of blanks and line breaks as. */
const FOLDED_ESCAPE: Readonly<Record<string, string>> = { " ": "\\x20", "\n": "\\n", "\u2028": "\\L", "\u2029": "\\P" };

/** The text with each of `edits` (in text order, none overlapping) made; and the way back to the text as written. */
export function withEdits(
  text: string,
  edits: readonly TextEdit[],
): { readonly text: string; readonly back: (offset: number) => number } {
  const parts: string[] = [];
  /** Where each edit starts in the new text, and how much longer it is there. */
  const moved: { at: number; written: number; size: number; longer: number }[] = [];
  let from = 0;
  let shift = 0;
  for (const edit of edits) {
    parts.push(text.slice(from, edit.at), edit.text);
    const longer = edit.text.length - edit.length;
    moved.push({ at: edit.at, written: edit.at + shift, size: edit.text.length, longer });
    shift += longer;
    from = edit.at + edit.length;
  }
  parts.push(text.slice(from));
  const back = (offset: number): number => {
    let before = 0;
    for (const { at, written, size, longer } of moved) {
      if (written >= offset) break;
      // inside an edit's text: at its start
      if (offset < written + size) return at;
      before += longer;
    }
    return offset - before;
  };
  return { text: parts.join(""), back };
}
