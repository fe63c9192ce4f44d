/**
 * Mending a pipeline text that cannot be read as YAML, for the editor: a text being typed is often not YAML yet, and
 * its names (definitions, references) should not all go with the one line being typed.
 *
 * A text is mended by reading parts of it as blank (spaces, so that every offset stays) and reading it again. At each
 * problem, the ways of mending it ({@link waysToMend}) are tried, the least blanked first: the first that reads is
 * taken, else the one that reads furthest, and the text is mended again from there; the readings of one text are
 * bounded ({@link readingsFor}).
 */
import { readYaml, type YamlProblem, type YamlRead } from "../parse/read-yaml.ts";
import { lineLead } from "./line-lead.ts";

/** A part of a text (offsets, start inclusive, end exclusive). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A text mended until it reads, its reading, and the parts of it read as blank (or as nothing). */
export interface MendedText {
  readonly text: string;
  readonly read: YamlRead & { readonly ok: true };
  readonly mended: readonly Span[];
}

/** Readings of a text being mended after its first (each way of mending tried costs one). */
const MAX_READINGS = 20;

/**
 * The characters the mending of one text may read, all its readings together: a large text is mended fewer times
 * (a 5 MB text being typed, read ten times, held the server about 9 s after each change; now at most twice).
 */
const MEND_BUDGET = 10_000_000;

/** How many times a text of `length` characters is read again, mended, before it is given up on. */
export const readingsFor = (length: number): number =>
  Math.max(0, Math.min(MAX_READINGS, Math.floor(MEND_BUDGET / Math.max(length, 1)) - 1));

/**
 * The problems a text is mended at: a syntax error, and a key fly cannot convert to JSON (a null, uint64 or complex key,
 * which js-yaml reads), so that one such key does not take every name of the text away.
 */
const MENDABLE: ReadonlySet<YamlProblem["kind"]> = new Set(["syntax", "null-key", "uint64-key", "complex-key"]);

/** The editor's reading: a key repeated in a mapping is read (the last one wins) rather than refused. */
const EDITOR = { repeatsAllowed: true } as const;

/**
 * Reads a text the editor's way, mending it until it reads ({@link waysToMend}), within {@link readingsFor} its length
 * readings. Undefined when it cannot be made to read.
 */
export function mendText(text: string): MendedText | undefined {
  let current = text;
  let read = readYaml(current, EDITOR);
  const mended: Span[] = [];
  let readings = readingsFor(text.length);
  while (!read.ok) {
    const problem = read.problems.find((p) => MENDABLE.has(p.kind));
    if (problem === undefined) return undefined;
    let best: { text: string; read: YamlRead; reach: number } | undefined;
    for (const option of waysToMend(current, problem)) {
      if (readings === 0) break;
      readings--;
      const tried = readYaml(option, EDITOR);
      const reach = reachOf(option, tried);
      if (best === undefined || reach > best.reach) best = { text: option, read: tried, reach };
      if (tried.ok) break;
    }
    if (best === undefined) return undefined;
    mended.push(changed(current, best.text));
    current = best.text;
    read = best.read;
  }
  return { text: current, read, mended };
}

/** How far a text reads: to its end, or to where the node its first problem is in starts. */
function reachOf(text: string, read: YamlRead): number {
  if (read.ok) return Number.POSITIVE_INFINITY;
  const problem = read.problems[0];
  return problem === undefined ? -1 : culprit(text, problem);
}

/** js-yaml's errors in a quoted scalar (an unclosed quote: found at the end of the text, or at the next quote). */
const QUOTED = /(double|single) quoted scalar/;

/** js-yaml's errors found where the block structure stops making sense, often lines after the one that broke it. */
const STRUCTURAL = /bad indentation|multiline key|end of the stream or a document separator|colon is missed/;

/**
 * The ways of mending a text at a problem (each a whole text, offsets kept): first those aimed at its kind (an alias
 * to no anchor read as nothing; an unclosed quote taken out, so that the scalar being typed reads as a plain one,
 * `name: "my-jo` as `name:  my-jo`), then the others, the fewest characters changed first. The line of the problem
 * ({@link culprit}) after its key, whole (with or without its entry's dash), or with the lines written under it. For
 * an error found where the structure stops making sense, the lines that may have broken it as well: the line before,
 * the nearest less indented one and a line at the left margin that is not a key (with what broke off with them), a
 * line that opens a quote it does not close, and the lines right before that are more indented than the error's.
 */
function waysToMend(text: string, problem: YamlProblem): string[] {
  const at = culprit(text, problem);
  const aimed: (string | undefined)[] = [];
  if (problem.message.startsWith("unidentified alias")) aimed.push(nullUndefinedAliases(text));
  if (QUOTED.test(problem.message)) aimed.push(blank(text, at, at + 1));
  const others: (string | undefined)[] = [mendLine(text, at)];
  const lines = [lineStartOf(text, at)];
  if (STRUCTURAL.test(problem.message)) {
    const lessIndented = lessIndentedBefore(text, at);
    const stray = strayMarginLine(text, at);
    for (const start of [previousContentLine(text, lineStartOf(text, at)), lessIndented, stray]) {
      if (start !== undefined) lines.push(start);
    }
    for (const start of [lessIndented, stray]) {
      if (start !== undefined) others.push(blank(text, start, brokenOffEnd(text, start)));
    }
    for (const quote of ['"', "'"]) {
      const open = unclosedQuote(text, at, quote);
      if (open === undefined) continue;
      others.push(blank(text, open, open + 1));
      lines.push(lineStartOf(text, open));
    }
    const run = moreIndentedBefore(text, at);
    if (run !== undefined) others.push(blank(text, run.start, run.end));
  }
  for (const start of lines) {
    const line = lineFrom(text, start);
    others.push(blank(text, start + entryDashes(line), start + line.length));
    others.push(blank(text, start, start + line.length));
    others.push(mendBlock(text, start));
  }
  // each once (by the part it changes), ranked: the aimed first, in order, then by the characters they change
  const seen = new Set<string>();
  const ways: { text: string; rank: number }[] = [];
  for (const [i, way] of [...aimed, ...others].entries()) {
    if (way === undefined) continue;
    const { start, end } = changed(text, way);
    if (start === end || seen.has(`${start}:${end}`)) continue;
    seen.add(`${start}:${end}`);
    let rank = -1;
    if (i >= aimed.length) {
      rank = 0;
      for (let c = start; c < end; c++) if (text.charCodeAt(c) !== way.charCodeAt(c)) rank++;
    }
    ways.push({ text: way, rank });
  }
  return ways.sort((a, b) => a.rank - b.rank).map((w) => w.text);
}

/**
 * Where the node a syntax error is in starts, when the error is found past the line that broke it: an unclosed
 * `[` or `{` (the error comes where a flow collection's entries stop making sense, or at the end), an unclosed
 * quote (the error is at the end), or a key read over several lines (the line before the error's). Else the
 * error's own offset.
 */
function culprit(text: string, problem: YamlProblem): number {
  const { message, offset } = problem;
  if (message.includes("double quoted scalar")) return Math.max(text.lastIndexOf('"', offset - 1), 0);
  if (message.includes("single quoted scalar")) return Math.max(text.lastIndexOf("'", offset - 1), 0);
  // a key read over several lines, which started on a line before the error's, less indented (a value broken by a
  // line break, its end at the start of the next line)
  if (message.includes("multiline key")) return multilineKeyStart(text, offset);
  if (!message.includes("flow collection")) return offset;
  // the last `[` or `{` before the error that no `]` or `}` after it closes (in a comment or a quote, they are text)
  let depth = 0;
  for (let end = Math.min(offset, text.length), start = lineStartOf(text, end); ; ) {
    const brackets = bracketsIn(text, start, end);
    for (let k = brackets.length - 1; k >= 0; k--) {
      const c = text.charCodeAt(brackets[k] as number);
      if (c === 0x5d || c === 0x7d) depth++;
      else if (depth === 0) return brackets[k] as number;
      else depth--;
    }
    if (start === 0) return offset;
    end = start - 1;
    start = lineStartOf(text, end);
  }
}

/** Where the brackets of a line are, from `start` to `end`, but for those in a quoted scalar or a comment. */
function bracketsIn(text: string, start: number, end: number): number[] {
  const found: number[] = [];
  let quote = "";
  for (let i = start; i < end; i++) {
    const c = text.charAt(i);
    const before = i === start ? " " : text.charAt(i - 1);
    if (quote !== "") {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(before)) quote = c;
    else if (c === "#" && /[\s[{,]/.test(before)) break;
    else if ("[]{}".includes(c)) found.push(i);
  }
  return found;
}

/** Where a key read over several lines starts: the line before the error's when it is less indented, else the error. */
function multilineKeyStart(text: string, offset: number): number {
  const start = lineStartOf(text, offset);
  const before = previousContentLine(text, start);
  return before !== undefined && indentOf(lineFrom(text, before)) < indentOf(lineFrom(text, start)) ? before : offset;
}

/**
 * The text with the line of a syntax error at `offset` blanked (with spaces, so that every offset stays): after
 * its key's colon when the line has a key and something after it, else the whole line but for its entry's dash
 * (what is written under it stays an entry of its own). An error on a blank or comment line (the end of the text,
 * an unclosed `[`) is the last line written before it. Undefined when no line is left to blank.
 */
export function mendLine(text: string, offset: number): string | undefined {
  const start = writtenLineAt(text, offset);
  if (start === undefined) return undefined;
  const line = lineFrom(text, start);
  // the indentation and dashes read by hand, once (line-lead.ts); a key starts with no dash followed by a blank
  const { indent, dashes } = lineLead(line);
  const key = /^(?:[^\s#:-]|-(?=\S))[^:]*?:(?=\s)/.exec(line.slice(indent + dashes));
  const keyEnd = key === null ? 0 : indent + dashes + key[0].length;
  const from = key !== null && line.slice(keyEnd).trim() !== "" ? keyEnd : entryDashes(line);
  return blank(text, start + from, start + line.length);
}

/**
 * The text with the line at `offset` blanked whole (with spaces, offsets kept), and the lines after it that are
 * blank, comments or written under it: more indented, or a list at its indentation after a line that is not an entry
 * (`key:` with its `- x` below it). An error on a blank or comment line is the last line written before it.
 * Undefined when no line is left to blank.
 */
export function mendBlock(text: string, offset: number): string | undefined {
  const start = writtenLineAt(text, offset);
  if (start === undefined) return undefined;
  const first = lineFrom(text, start);
  return blank(text, start, endOfLinesUnder(text, start, indentOf(first), !isEntry(first.trimStart())));
}

/**
 * The end of the line at `start` and of the lines after it written under an indentation: blank lines, comments, lines
 * more indented than `indent`, and with `lists`, list entries at it (`key:` with its `- x` below it).
 */
function endOfLinesUnder(text: string, start: number, indent: number, lists: boolean): number {
  let end = start + lineFrom(text, start).length;
  for (
    let next = text.indexOf("\n", start) + 1;
    next !== 0 && next < text.length;
    next = text.indexOf("\n", next) + 1
  ) {
    const line = lineFrom(text, next);
    const under = indentOf(line) > indent || (lists && indentOf(line) === indent && isEntry(line.trimStart()));
    if (!isBlankLine(line) && !under) break;
    end = next + line.length;
  }
  return end;
}

/** The nearest content line before the line of `offset` that is less indented than it, if any. */
function lessIndentedBefore(text: string, offset: number): number | undefined {
  const indent = indentOf(lineFrom(text, lineStartOf(text, offset)));
  let start = previousContentLine(text, lineStartOf(text, offset));
  while (start !== undefined && indentOf(lineFrom(text, start)) >= indent) start = previousContentLine(text, start);
  return start;
}

/**
 * The nearest line before the line of `offset` at the left margin that is neither a key, a list entry, a comment nor
 * a document marker: in a pipeline (a mapping), a line broken off from what it was written in (`-concourse/x.tgz`,
 * `t: 6h` after `- timeou`, `!  config:`).
 */
function strayMarginLine(text: string, offset: number): number | undefined {
  for (let start = previousContentLine(text, lineStartOf(text, offset)); start !== undefined; ) {
    const line = lineFrom(text, start);
    const entryOrMarker = /^(?:-(?:\s|$)|---|\.\.\.|%)/.test(line);
    if (!/^\s/.test(line) && !entryOrMarker && !MARGIN_KEY.test(line)) return start;
    start = previousContentLine(text, start);
  }
  return undefined;
}

/**
 * The end of what was broken off with a line at the left margin: the lines after it more indented than the line
 * before it (`- tas`, `k: t`, `    file: t.yml`: the rest of the entry whose key was split).
 */
function brokenOffEnd(text: string, start: number): number {
  const before = previousContentLine(text, start);
  return endOfLinesUnder(text, start, before === undefined ? 0 : indentOf(lineFrom(text, before)), false);
}

/** A key at the left margin: quoted, or plain (not starting with an indicator but `-` before a non-space). */
const MARGIN_KEY = /^(?:"[^"]*"|'[^']*'|[^\s"'?!&*|>@`%,[\]{}#-][^:]*?|-\S[^:]*?):(?:\s|$)/;

/**
 * The nearest quote before the line of `offset` that opens a quoted scalar not closed on its line (the last quote of
 * a line with an odd number of them, comment lines aside): a quote typed, the scalar running on to the next one.
 */
function unclosedQuote(text: string, offset: number, quote: string): number | undefined {
  for (let start = previousContentLine(text, lineStartOf(text, offset)); start !== undefined; ) {
    const line = lineFrom(text, start);
    let count = 0;
    let last = -1;
    for (let i = line.indexOf(quote); i !== -1; i = line.indexOf(quote, i + 1)) {
      if (quote === '"' && line.charAt(i - 1) === "\\") continue;
      count++;
      last = i;
    }
    if (count % 2 === 1) return start + last;
    start = previousContentLine(text, start);
  }
  return undefined;
}

/**
 * The lines right before the line of `offset` that are more indented than it, back to the nearest that is not (or
 * the start of the text): what took over the structure the error's line should have continued (a key that went into
 * a comment, `# notes resources:`, leaves its list at the top).
 */
function moreIndentedBefore(text: string, offset: number): Span | undefined {
  const end = lineStartOf(text, offset);
  const indent = indentOf(lineFrom(text, end));
  let first = end;
  for (let start = previousContentLine(text, end); start !== undefined; start = previousContentLine(text, start)) {
    if (indentOf(lineFrom(text, start)) <= indent) break;
    first = start;
  }
  return first === end ? undefined : { start: first, end };
}

/**
 * The text with every alias to an anchor it does not define read as nothing, in its place: a null (`~`), or for a
 * merge key's, an empty mapping (`<<: {}`), so that an anchor being renamed does not leave every alias to it broken.
 */
function nullUndefinedAliases(text: string): string {
  const anchors = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s[{,])&([^\s,[\]{}]+)/g)) anchors.add(m[1] as string);
  const parts: string[] = [];
  let done = 0;
  for (const m of text.matchAll(/(^|[\s[{,])(<<:[ \t]+)?\*([^\s,[\]{}]+)/g)) {
    const [whole, before, merge, name] = m as unknown as [string, string, string | undefined, string];
    if (anchors.has(name)) continue;
    const start = m.index + before.length + (merge?.length ?? 0);
    const end = m.index + whole.length;
    parts.push(text.slice(done, start), (merge === undefined ? "~" : "{}").padEnd(end - start));
    done = end;
  }
  parts.push(text.slice(done));
  return parts.join("");
}

/** The text with a part of it blanked: spaces for all but its line breaks. */
const blank = (text: string, start: number, end: number): string =>
  text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, " ") + text.slice(end);

/** Where two texts of one length differ: from the first to the last character that differs. */
function changed(before: string, after: string): Span {
  let start = 0;
  while (start < before.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = before.length;
  while (end > start && before.charCodeAt(end - 1) === after.charCodeAt(end - 1)) end--;
  return { start, end };
}

/** The start of the line `offset` is on. */
const lineStartOf = (text: string, offset: number): number =>
  offset <= 0 ? 0 : text.lastIndexOf("\n", offset - 1) + 1;

/** The start of the line before the line starting at `start` that is neither blank nor a comment, if any. */
function previousContentLine(text: string, start: number): number | undefined {
  for (let at = start; at > 0; ) {
    at = lineStartOf(text, at - 1);
    if (!isBlankLine(lineFrom(text, at))) return at;
  }
  return undefined;
}

/** The line of `offset`, or when it is blank or a comment, the last line written before it; undefined if none. */
function writtenLineAt(text: string, offset: number): number | undefined {
  const start = lineStartOf(text, offset);
  return isBlankLine(lineFrom(text, start)) ? previousContentLine(text, start) : start;
}

/** How much of a line its entries' dashes take (`  - - `). */
const entryDashes = (line: string): number => {
  const { indent, dashes } = lineLead(line);
  const end = indent + dashes;
  // a dash that ends the line is an entry's too
  return end === line.length - 1 && line.charCodeAt(end) === 0x2d ? line.length : end;
};

/** Whether a line's content (past its indentation) is a list entry. */
const isEntry = (content: string): boolean => content === "-" || /^-\s/.test(content);

const isBlankLine = (line: string): boolean => {
  const content = line.trimStart();
  return content === "" || content.startsWith("#");
};

/** The indentation of a line: its leading spaces and tabs. */
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The line starting at `start`, without its line break. */
function lineFrom(text: string, start: number): string {
  const eol = text.indexOf("\n", start);
  return text.slice(start, eol === -1 ? text.length : eol).replace(/\r$/, "");
}
