import type { Path } from "../model/common.ts";
import { comparePaths, formatPath } from "./path.ts";

/** How bad a finding is. */
export type Severity = "error" | "warning";

/** Whether a check reproduces `fly validate-pipeline` (`concourse`) or is hangar's own (`hangar`). */
export type Parity = "concourse" | "hangar";

/** A position in a source file; lines and columns are 1-based. */
export interface SourceLoc {
  readonly file?: string;
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

/** One finding about a pipeline, as data. Formatting happens elsewhere. */
export interface Diagnostic {
  /** The rule that found it, such as `get-unknown-resource`, or a parser code such as `yaml/DUPLICATE_KEY`. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly parity: Parity;
  /** The message, without Concourse's context prefix (that is derived from `path`). */
  readonly message: string;
  /** The literal path into the pipeline document, such as `["jobs", 2, "plan", 0, "task"]`. */
  readonly path: Path;
  /** Where the path is in the source text, when the pipeline came from text. */
  readonly loc?: SourceLoc;
  /** The key of the rule's message template that produced `message`. */
  readonly messageId?: string;
  /** The values the template was filled with. */
  readonly data?: Readonly<Record<string, string | number>>;
  /**
   * The whole line `fly validate-pipeline` prints for this finding, when it cannot be derived from the
   * path and message (parse errors carry Go's `error unmarshaling JSON: ...` text here).
   */
  readonly fly?: string;
  /**
   * Set when the finding is about a mapping's key itself (a key holding a `((var))` fly refuses), not the value under
   * it: it is located at the key, its path being that of the entry.
   */
  readonly onKey?: true;
}

/** Orders diagnostics by path, then rule id, then message (a total, deterministic order). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    comparePaths(a.path, b.path) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Fills `{{name}}` placeholders of a message template from `data`; unknown placeholders stay as they are. */
export function interpolate(template: string, data: Readonly<Record<string, unknown>> | undefined): string {
  if (data === undefined) return template;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole,
  );
}

/** Orders diagnostics as they appear in their source (line, column), then as {@link compareDiagnostics} does. */
export function compareByLocation(a: Diagnostic, b: Diagnostic): number {
  const la = a.loc;
  const lb = b.loc;
  if (la !== undefined && lb !== undefined) {
    const byPlace = la.line - lb.line || la.col - lb.col;
    if (byPlace !== 0) return byPlace;
  } else if (la !== undefined || lb !== undefined) {
    return la === undefined ? -1 : 1;
  }
  return compareDiagnostics(a, b);
}

/** The longest user token (a name, a key, a value) a message quotes whole; longer ones are cut. */
export const MAX_QUOTED_TOKEN = 60;

/** The longest text made of user tokens (a list of names, a name with spaces) a message quotes whole. */
export const MAX_QUOTED_TEXT = 1000;

/**
 * A user token as a message quotes it: whole when short, else its first `max` characters and `…` (never
 * splitting a surrogate pair), so that megabytes of junk in a file never make megabytes of output.
 * @example cutToken("x".repeat(100)) // the first 60 x, then "…"
 */
export function cutToken(token: string, max = MAX_QUOTED_TOKEN): string {
  if (token.length <= max) return token;
  const end = isHighSurrogate(token.charCodeAt(max - 1)) ? max - 1 : max;
  return `${token.slice(0, end)}…`;
}

/**
 * Text that quotes user tokens (a message, a list of names), with every run of more than
 * {@link MAX_QUOTED_TOKEN} non-space characters cut as {@link cutToken} cuts it, and the whole at most
 * {@link MAX_QUOTED_TEXT} characters.
 */
export function cutLongTokens(text: string): string {
  if (text.length <= MAX_QUOTED_TOKEN) return text;
  return cutToken(
    text.replace(LONG_TOKEN, (token) => cutToken(token)),
    MAX_QUOTED_TEXT,
  );
}

const LONG_TOKEN = new RegExp(`\\S{${MAX_QUOTED_TOKEN + 1},}`, "g");

/** The most segments of a path output shows whole; a deeper path shows its first and last halves of these. */
export const MAX_SHOWN_SEGMENTS = 24;

/**
 * A path as output shows it: each key cut as {@link cutToken} cuts it (junk in a file), and a path deeper than
 * {@link MAX_SHOWN_SEGMENTS} as its first and last segments around `…(n more)…`, so that a value nested a thousand
 * levels deep, or under a key of a megabyte, is not a line of kilobytes or megabytes.
 * @example shownPath(["a", ...Array(100).fill("k"), "z"]) // "a.k.k.k.k.k.k.k.k.k.k.k…(78 more)….k.k.k.k.k.k.k.k.k.k.k.z"
 */
export function shownPath(path: Path): string {
  const cut = path.map((segment) => (typeof segment === "string" ? cutToken(segment) : segment));
  if (cut.length <= MAX_SHOWN_SEGMENTS) return formatPath(cut);
  const half = MAX_SHOWN_SEGMENTS / 2;
  const tail = cut.slice(-half);
  // the tail as it continues a path: formatPath writes a leading key bare, so it is written after a stand-in index
  const rest = formatPath([0, ...tail]).slice("[0]".length);
  return `${formatPath(cut.slice(0, half))}…(${cut.length - MAX_SHOWN_SEGMENTS} more)…${rest}`;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** Whether a finding is about a key rather than its value (an unknown key, a var in a key), so it is located at the key. */
export const isAboutKey = (d: Pick<Diagnostic, "ruleId" | "onKey">): boolean =>
  d.onKey === true || d.ruleId.startsWith("unknown-field");
