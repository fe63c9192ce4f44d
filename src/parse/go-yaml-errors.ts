import { contentStart } from "./yaml-to-json.ts";

/**
 * go-yaml's syntax errors as fly prints them: go-yaml's words, and the line its `parser.fail` (decode.go) gives them.
 *
 * fly's first read of a pipeline is go-yaml v3's (templatehelpers `Evaluate(true)`), whose line is that of the error's
 * context mark (where the construct in error starts) when that mark is past the first line, else that of its problem
 * mark (where the error was found), else none; an error of the scanner's is given 1-based, one of the parser's (the
 * marks of tokens) as go-yaml holds it, 0-based. go-yaml counts a line at each CR, LF, CRLF, NEL, LS and PS.
 *
 * js-yaml, the reader, words the same errors otherwise and finds some elsewhere: {@link goYamlSyntaxError} tells which
 * go-yaml error a js-yaml one is where that is plain from its words and the text around it; the others keep js-yaml's
 * words, at js-yaml's line.
 */
export interface GoYamlError {
  /** go-yaml's words. */
  readonly message: string;
  /** Which of go-yaml's stages finds it: the scanner's lines are given 1-based, the parser's 0-based. */
  readonly stage: "scanner" | "parser";
  /** The offset of its context mark. */
  readonly context: number;
  /** The offset of its problem mark; the text's length for the end of the stream. */
  readonly problem: number;
}

/** What js-yaml's reader was reading when it stopped: the nodes open then, and the last one it finished. */
export interface ReaderPlace {
  /** Where the innermost node still open starts (its properties first), if any. */
  readonly open: number | undefined;
  /** Where the last node finished starts, if any. */
  readonly closed: number | undefined;
}

/** js-yaml's words for a quoted scalar the text ends in (or a document marker ends: the reader reads one document). */
const UNCLOSED_QUOTE = /^unexpected end of the (?:stream|document) within a (?:double|single) quoted scalar$/;

/**
 * The go-yaml error a js-yaml error (`reason`, at `offset`) is, where that is plain; `place`: what the reader was
 * reading then (undefined when not known).
 */
export function goYamlSyntaxError(
  text: string,
  reason: string,
  offset: number,
  place: ReaderPlace | undefined,
): GoYamlError | undefined {
  // js-yaml reads the text with a line break put after it when it has none
  const end = Math.min(offset, text.length);
  const at = (message: string): GoYamlError => ({ message, stage: "scanner", context: end, problem: end });
  const c = text[offset];
  // a character no token starts with (`@` and `` ` `` are reserved; `%` starts a directive at the start of a line
  // only), at the start of a token
  if (c === "@" || c === "`" || (c === "%" && !lineStart(text, offset))) return at(CANNOT_START);
  // scannerc.go `yaml_parser_scan_anchor` (the anchor's or alias's name is empty) and `yaml_parser_scan_block_scalar`
  // (something other than a comment after the header), each with its context on the same line
  if (reason.startsWith("name of an a")) return at("did not find expected alphabetic or numeric character");
  if (reason === "a line break is expected") return at("did not find expected comment or line break");
  if (UNCLOSED_QUOTE.test(reason)) return unclosedQuote(text, end, place);
  if (reason === "unexpected end of the stream within a flow collection") return unclosedFlow(text, end, place);
  if (reason === "missed comma between flow collection entries") return missedComma(text, end, place);
  if (reason === "tab characters must not be used in indentation") return tabIndent(text, end, place);
  if (reason.startsWith("bad indentation of a ") && c === ":") return plainGoesOn(text, end, place);
  if (reason === "unexpected end of the stream within a verbatim tag") return unclosedVerbatim(text, end);
  if (reason === "can not read a block mapping entry; a multiline key may not be an implicit key") {
    // a key over more than one line, among the keys of a block mapping: its start is go-yaml's context
    const key = place?.closed;
    if (key === undefined) return undefined;
    const context = contentStart(text, key, end);
    return {
      message: "could not find expected ':'",
      stage: "scanner",
      context,
      problem: plainScalarStop(text, context),
    };
  }
  if (reason === "end of the stream or a document separator is expected") return afterRoot(text, offset);
  return undefined;
}

const CANNOT_START = "found character that cannot start any token";
const END_OF_STREAM = "found unexpected end of stream";

/**
 * Where go-yaml's scanner stops a plain scalar starting at `start` in a block mapping (`yaml_parser_scan_plain_scalar`),
 * to find the key it began stale: at a `: ` on a line it went on to, or at the start of the first line that is no
 * more indented than the scalar's start or holds only a comment (blank lines are read through), or at the end.
 */
function plainScalarStop(text: string, start: number): number {
  const column = start - (text.lastIndexOf("\n", start - 1) + 1);
  const value = /:(?:[ \t]|\r?$)/;
  const first = text.indexOf("\n", start);
  const colon = text.slice(start, first === -1 ? text.length : first).search(value);
  if (colon !== -1) return start + colon;
  for (let at = first === -1 ? text.length : first + 1; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const line = text.slice(at, next === -1 ? text.length : next);
    const indent = /^[ ]*/.exec(line)?.[0].length ?? 0;
    const rest = line.slice(indent).trimEnd();
    if (rest !== "") {
      if (indent <= column || rest.startsWith("#")) return at;
      const within = rest.search(value);
      if (within !== -1) return at + indent + within;
    }
    if (next === -1) break;
    at = next + 1;
  }
  return text.length;
}

/** A quoted scalar that does not end: the text's end, or a document marker, found at `offset` inside it. */
function unclosedQuote(text: string, offset: number, place: ReaderPlace | undefined): GoYamlError | undefined {
  if (place?.open === undefined) return undefined;
  const context = contentStart(text, place.open, offset);
  const quote = text[context];
  if (quote !== '"' && quote !== "'") return undefined;
  return { message: END_OF_STREAM, stage: "scanner", context, problem: offset };
}

/**
 * A tab that indents a line (at `offset`): go-yaml takes it for the blanks ending a plain scalar the content before
 * ends in, too little indented for it (its context the scalar's start), or else for a character that starts no token.
 */
function tabIndent(text: string, offset: number, place: ReaderPlace | undefined): GoYamlError | undefined {
  if (!lineStart(text, offset)) return undefined;
  const cannotStart: GoYamlError = { message: CANNOT_START, stage: "scanner", context: offset, problem: offset };
  // the last line with content before it, as far back as a scalar may be looked for
  let last = offset - 1;
  while (last >= 0 && /[ \t\r\n]/.test(text[last] as string)) last--;
  const from = text.lastIndexOf("\n", last) + 1;
  const line = text.slice(from, last + 1);
  // a comment, a key's or an entry's indicator, a quoted scalar or a flow collection ends no plain scalar there
  if (line === "" || /(?:^|[ \t])#/.test(line) || /[:\-"'\]}|>]$/.test(line)) return cannotStart;
  if (place?.closed === undefined) return undefined;
  const scalar = contentStart(text, place.closed, offset);
  if (scalar > last || /["'[\]{}|>*]/.test(text[scalar] ?? "")) return undefined;
  return {
    message: "found a tab character that violates indentation",
    stage: "scanner",
    context: scalar,
    problem: offset,
  };
}

/** Where the flow collection the reader was reading starts (its `[` or `{`), if it was reading one. */
function openFlow(text: string, offset: number, place: ReaderPlace | undefined): number | undefined {
  if (place?.open === undefined) return undefined;
  const context = contentStart(text, place.open, offset);
  return text[context] === "[" || text[context] === "{" ? context : undefined;
}

/** go-yaml's parser's words for a flow collection's entry followed by neither a `,` nor the collection's end. */
const noCommaOrEnd = (open: string | undefined): string => `did not find expected ',' or '${open === "[" ? "]" : "}"}'`;

/**
 * An entry of a flow collection followed by something else than a `,` or the collection's end (`{uri: x` with the
 * next key of the block mapping on the next line, `["a" b]`): go-yaml's parser wants one of them there, its context
 * the collection's start and its problem the token found (parserc.go `yaml_parser_parse_flow_sequence_entry`,
 * `yaml_parser_parse_flow_mapping_key`), where js-yaml says a comma was missed. A `-` and a blank where an entry
 * starts (after a `,` or the collection's start, `[a, - b]`) is go-yaml's "did not find expected node content", not told
 * here; after an entry (`[{g: x}` and `- g: y` on the next line) it is the token found.
 */
function missedComma(text: string, offset: number, place: ReaderPlace | undefined): GoYamlError | undefined {
  const entryStart = /[,[{]$/.test(text.slice(Math.max(0, offset - 1024), offset).trimEnd());
  if (entryStart && /^-(?:[ \t\r\n]|$)/.test(text.slice(offset, offset + 2))) return undefined;
  const context = openFlow(text, offset, place);
  if (context === undefined) return undefined;
  return { message: noCommaOrEnd(text[context]), stage: "parser", context, problem: offset };
}

/** A flow collection that does not end: go-yaml's parser wants its next entry, or its end, at the end of the stream. */
function unclosedFlow(text: string, offset: number, place: ReaderPlace | undefined): GoYamlError | undefined {
  if (offset < text.length) return undefined;
  const context = openFlow(text, offset, place);
  if (context === undefined) return undefined;
  // after the collection's start, an entry's `,` or a key's `:`, the parser wants a node: the end of the stream is none
  if (/[[{,:]\s*$/.test(text.slice(Math.max(context, text.length - 1024)).replace(/(?:^|[ \t])#[^\n]*/g, ""))) {
    const end = text.length;
    return { message: "did not find expected node content", stage: "parser", context: end, problem: end };
  }
  return { message: noCommaOrEnd(text[context]), stage: "parser", context, problem: text.length };
}

/**
 * A `key: value` line more indented than the block collection of the plain scalar that ends the content before it: go-yaml
 * reads the line on as the scalar's (its key is no key then), and the `:` is a value where none may start.
 */
function plainGoesOn(text: string, offset: number, place: ReaderPlace | undefined): GoYamlError | undefined {
  if (place?.closed === undefined) return undefined;
  const scalar = contentStart(text, place.closed, offset);
  if (/["'[\]{}|>*&!]/.test(text[scalar] ?? "")) return undefined;
  const line = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(line, offset);
  // the scalar ends a line before this one, and no comment stands between
  const between = text.slice(scalar, line);
  if (!between.includes("\n") || between.includes("#") || /["'#]|^\s*-(?:\s|$)/.test(before)) return undefined;
  // its block collection's column: that of the key or `-` its line starts with
  const own = text.lastIndexOf("\n", scalar - 1) + 1;
  const parent = /^[ ]*/.exec(text.slice(own, scalar))?.[0].length ?? 0;
  if ((/^[ ]*/.exec(before)?.[0].length ?? 0) <= parent) return undefined;
  return {
    message: "mapping values are not allowed in this context",
    stage: "scanner",
    context: offset,
    problem: offset,
  };
}

/** A verbatim tag (`!<...>`) the text ends in: go-yaml wants its `>` after the characters of a URI, its context the tag. */
function unclosedVerbatim(text: string, offset: number): GoYamlError | undefined {
  const tag = text.lastIndexOf("!<", offset);
  if (tag === -1) return undefined;
  const uri = /^[^\s>[\]{},]*/.exec(text.slice(tag + 2, tag + 1026))?.[0].length ?? 0;
  return { message: "did not find the expected '>'", stage: "scanner", context: tag, problem: tag + 2 + uri };
}

/**
 * Something at the start of a line after the document's root, a block mapping or sequence, that is no entry of it:
 * go-yaml's parser wants a key, or a `-`, there (its context the root's start). Only for what plainly starts no entry
 * (a `-` entry after a mapping, a flow collection's end or entry, `:`), where a scalar may be a key over lines.
 */
function afterRoot(text: string, offset: number): GoYamlError | undefined {
  const c = text[offset];
  // a `:` whose key went on over lines where no mapping was open yet (the root's first key): go-yaml's scanner
  if (c === ":") return { message: "mapping values are not allowed in this context", ...atOffset(offset) };
  if (!lineStart(text, offset)) return undefined;
  const root = rootStart(text);
  if (root === undefined) return undefined;
  const sequence = /^-(?:[ \t\r\n]|$)/.test(text.slice(root, root + 2));
  // after a sequence anything but a `-` entry; after a mapping, what is no key
  const notKey = (c === "-" && /^-(?:[ \t\r\n]|$)/.test(text.slice(offset, offset + 2))) || /^[\]},]/.test(c ?? "");
  if (!sequence && !(notKey && /^[\w"'][^\n#]*?:(?:[ \t\r\n]|$)/.test(text.slice(root, root + 1024)))) return undefined;
  const message = sequence ? "did not find expected '-' indicator" : "did not find expected key";
  return { message, stage: "parser", context: root, problem: offset };
}

const atOffset = (offset: number) => ({ stage: "scanner" as const, context: offset, problem: offset });

const lineStart = (text: string, offset: number): boolean =>
  offset === 0 || text[offset - 1] === "\n" || text[offset - 1] === "\r";

/** Where the document's root starts: past comments, blank lines, directives and a `---` (with nothing after it). */
function rootStart(text: string): number | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    i = contentStart(text, i, text.length);
    if (i >= text.length) return undefined;
    if (lineStart(text, i) && text[i] === "%") {
      const eol = text.indexOf("\n", i);
      if (eol === -1) return undefined;
      i = eol + 1;
    } else if (lineStart(text, i) && /^---(?:[ \t]*(?:#[^\n]*)?\r?\n)/.test(text.slice(i, i + 1024))) {
      i = text.indexOf("\n", i) + 1;
    } else return i;
  }
}

/** The line fly prints for a go-yaml error (go-yaml v3, fly's first read of a pipeline): none on the first line. */
export function goYamlV3ErrorLine(text: string, error: GoYamlError): number | undefined {
  const shown = (line: number): number => (error.stage === "scanner" ? line + 1 : line);
  const context = markLine(text, error, error.context);
  if (context !== 0) return shown(context);
  // the parser's end of the stream is on a line of its own (scannerc.go `yaml_parser_fetch_stream_end`)
  const problem = markLine(text, error, error.problem);
  return problem === 0 ? undefined : shown(problem);
}

/** The 0-based line of a mark: the parser's end of the stream is on a line of its own (`yaml_parser_fetch_stream_end`). */
function markLine(text: string, error: GoYamlError, offset: number): number {
  const ended = error.stage === "parser" && offset === text.length && !endsInBreak(text);
  return goYamlLine(text, offset) + (ended ? 1 : 0);
}

/**
 * The line go-yaml v2 gives an error (fly execute's read of a task config file, sigs.k8s.io/yaml's of a text by itself):
 * that of its problem mark when past the first line, 1-based for the scanner, 0-based for the parser, else that of its
 * context mark as go-yaml holds it (0-based), else none.
 */
export function goYamlV2ErrorLine(text: string, error: GoYamlError): number | undefined {
  const problem = markLine(text, error, error.problem);
  if (problem !== 0) return error.stage === "scanner" ? problem + 1 : problem;
  const context = markLine(text, error, error.context);
  return context === 0 ? undefined : context;
}

/** The go-yaml error as go-yaml v2 words it (`yaml: ...`), for a text read whole as `text`. */
export function goYamlV2ErrorText(text: string, error: GoYamlError): string {
  return errorText(text, error, goYamlV2ErrorLine(text, error));
}

/** The go-yaml error as fly's first read of a pipeline prints it (after its `yaml: `). */
export function goYamlV3ErrorText(text: string, error: GoYamlError): string {
  return errorText(text, error, goYamlV3ErrorLine(text, error)).slice("yaml: ".length);
}

function errorText(text: string, error: GoYamlError, line: number | undefined): string {
  // a quoted scalar ended by the end of the first document (the reader reads it alone): by its marker
  const message =
    error.message === END_OF_STREAM && error.problem < text.length
      ? "found unexpected document indicator"
      : error.message;
  return `yaml: ${line === undefined ? "" : `line ${line}: `}${message}`;
}

/** The 0-based line go-yaml's marks give an offset: a line at each CR, LF, CRLF (one), NEL, LS and PS before it. */
export function goYamlLine(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      line++;
    } else if (c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029) line++;
  }
  return line;
}

function endsInBreak(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}
