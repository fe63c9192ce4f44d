/** Concourse's `((var))` syntax (vars/template.go). */

import { goQuote } from "./go-format.ts";

// vars/template.go `interpolationRegex`: `\(\((([-/\.\w\pL]+\:)?[-/\.:@"\w\pL]+)\)\)`
const VAR_REFERENCE_SYNTAX = '\\(\\((([-/.\\w\\p{L}]+:)?[-/.:@"\\w\\p{L}]+)\\)\\)';
const VAR_REFERENCE = new RegExp(VAR_REFERENCE_SYNTAX, "gu");

const WHOLE_VAR_SYNTAX = `^${VAR_REFERENCE_SYNTAX}$`;

/**
 * A var's name as fly reads it (vars/reference.go `ParseReference`), as regular expressions' sources: its double
 * quotes in pairs (inside a pair, `.` and `:` are the name's own), fields split at each `.` outside them, each field
 * not empty once its quotes are dropped and it is cleaned as a path, and no `:` outside quotes but one that ends an
 * empty source (`((:x))`, `(("":x))`: fly's own var x). A field that reads as `.` or `..` is refused; other fields
 * that cleaning empties, with a `/` (`"./"`, `a/".."`), are taken for names, where fly refuses them (`empty field`):
 * counting `..` elements against those before them is beyond a regular expression.
 */
const QUOTED = "[-/.:@\\w\\p{L}]";
const EMPTY_QUOTES = '(?:"")*';
const DOTS_ONLY = `${EMPTY_QUOTES}(?:"\\.\\.?"|"\\."${EMPTY_QUOTES}"\\.")${EMPTY_QUOTES}(?:\\.|\\)\\)$)`;
/** The fields of a path, `unquoted` the characters they hold outside quotes. */
const fields = (unquoted: string): string => {
  const field = `(?!${DOTS_ONLY})(?:"${QUOTED}*")*(?:${unquoted}|"${QUOTED}+")(?:${unquoted}|"${QUOTED}*")*`;
  return `${field}(?:\\.${field})*`;
};
/** A name of no source, or of an empty one: once a source has ended, a `:` outside quotes is the path's own. */
const NAME = `(?:${fields("[-/@\\w\\p{L}]")}|${EMPTY_QUOTES}:${fields("[-/:@\\w\\p{L}]")})`;

/**
 * A string that is exactly one `((var))` that fly can fill, as a regular expression's source read with the `u` flag
 * (as JSON Schema readers read a `pattern`): one var and nothing else (vars/template.go
 * `interpolationAnchoredRegex`), the only string fly puts a value in place of whole, keeping its type (`((a b))` is no
 * var, `((a))((b))` two, put into a string); a name fly reads (`((a..b))` fails it: empty field), of no var source:
 * fly's own vars (`-y`, `-l`) have none, so it leaves `((vault:x))` as it is, for a credential manager to fill in a
 * string when the pipeline runs.
 */
export const FLY_VAR_SYNTAX = `^(?=${WHOLE_VAR_SYNTAX.slice(1)})\\(\\(${NAME}\\)\\)$`;
const WHOLE_VAR = new RegExp(WHOLE_VAR_SYNTAX, "u");

/**
 * Whether a string holds a `((var))`, so its final value is not known before the pipeline is set or the build runs
 * (every var reference has this in it; the cheap test to make before looking for references).
 */
export const hasVar = (s: string): boolean => s.includes("((");

/** Whether a string is exactly one `((var))` (a var standing for a whole value). */
export const isWholeVar = (s: string): boolean => WHOLE_VAR.test(s);

/** Every `((var))` reference in a string, in order: `[0]` is the reference, `[1]` what is inside the parentheses. */
export const varReferences = (s: string): IterableIterator<RegExpMatchArray> => s.matchAll(VAR_REFERENCE);

/**
 * What every `((var))` whose name {@link readReference} refuses leaves in the string around it, given that a name
 * holds only what {@link VAR_REFERENCE} takes (no space, none of `()`): a double quote (unclosed quotes, or a quoted
 * field that cleaning empties, `"."`, `a/".."`), or an empty field, which without quotes is a field with nothing in
 * it (a field of no quote holds no `.`, so cleaning empties none): `..`, a path that starts with `.` (`((.x))`; a
 * name that starts `.:` is a local var's, its path after the colon) or after its source's colon (`:.`), or that ends
 * with `.` or a colon (`.))`, `:))`).
 */
const MAY_BE_REFUSED = /"|\.\.|\(\(\.(?!:)|:\.|[.:]\)\)/;

/**
 * Whether a string may hold a `((var))` whose name Concourse refuses: false means none of its references is refused
 * (the cheap test to make before reading their names with {@link refusedVar}).
 */
export const mayRefuseVar = (s: string): boolean => s.includes("((") && MAY_BE_REFUSED.test(s);

/**
 * Concourse's error for the first `((var))` of a string whose name it refuses (see {@link readReference}), or
 * undefined: what fly's templating fails on, vars given or not, as it reads every name it finds.
 */
export function refusedVar(s: string): string | undefined {
  for (const match of varReferences(s)) {
    const read = readReference(match[1] as string);
    if ("error" in read) return read.error;
  }
  return undefined;
}

/**
 * One segment of a var's path as Concourse writes it (vars/reference.go `refSegmentString`, used for fly's `-p
 * name/key:value` and for the `vars.<path>` query parameters of an instance): quoted as Go's `%q` quotes when it holds
 * `,.:/` or a space, else as it is.
 */
export const varSegment = (segment: string): string => (/[,.:/ ]/.test(segment) ? goQuote(segment) : segment);

/** What Go's `strings.TrimSpace` trims: `unicode.IsSpace`, the Latin-1 spaces and the separators (category Z). */
const GO_SPACE_AT_ENDS = /^[\t\n\v\f\r \u0085\p{Z}]+|[\t\n\v\f\r \u0085\p{Z}]+$/gu;

/** Go's `strings.TrimSpace`. */
const goTrimSpace = (s: string): string => s.replace(GO_SPACE_AT_ENDS, "");

/** The index of the first `c` outside double quotes, or -1 (vars/reference.go `findUnquoted`). */
function findUnquoted(s: string, c: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === c && !quoted) return i;
    if (s[i] === '"') quoted = !quoted;
  }
  return -1;
}

/** Go's `path.Clean` of a path that starts with `/`: no empty or `.` element, `..` taking away the one before it. */
function cleanRooted(path: string): string {
  const kept: string[] = [];
  for (const element of path.split("/")) {
    if (element === "..") kept.pop();
    else if (element !== "" && element !== ".") kept.push(element);
  }
  return `/${kept.join("/")}`;
}

/**
 * The name fly and Concourse read from one field of a var's path as written (vars/reference.go `ParseReference`, whose
 * reading of a field this is): its spaces at both ends trimmed, every double quote dropped, and cleaned as a path
 * (`a/` is `a`, `a//b` is `a/b`, `.` and `..` are empty). "" is a field they refuse (`empty field`). What
 * {@link varSegment} writes reads back as the same name unless the name holds a quote, a backslash or a control
 * character beside a character that makes it quoted, spaces at its ends other than ` `, or a path to clean.
 */
export function readVarField(written: string): string {
  const field = goTrimSpace(written).replaceAll('"', "");
  return field.startsWith("/") ? cleanRooted(field) : cleanRooted(`/${field}`).slice(1);
}

/** A var reference: `source:name.field` (quoted segments keep their dots). */
export interface Reference {
  readonly source: string | undefined;
  readonly path: readonly string[];
}

/**
 * Reads a var reference as fly and Concourse do (vars/reference.go `ParseReference`), or gives their error for one they
 * refuse. An odd number of double quotes is refused; the source is what comes before the first `:` outside quotes,
 * its quotes dropped and its spaces trimmed (none when that leaves nothing); the rest is split at each `.` outside
 * quotes into fields read by {@link readVarField} (trimmed, quotes dropped, cleaned as a path), none of which may be
 * empty.
 */
export function readReference(name: string): Reference | { readonly error: string } {
  // an odd number of quotes splits the name into an even number of parts
  if (name.split('"').length % 2 === 0) return { error: `invalid var '${name}': contains unclosed quotes` };
  const colon = findUnquoted(name, ":");
  // an empty source is none: `((:x))` is fly's own var x
  const source = colon === -1 ? "" : goTrimSpace(name.slice(0, colon).replaceAll('"', ""));
  let rest = colon === -1 ? name : name.slice(colon + 1);
  const path: string[] = [];
  for (;;) {
    const dot = findUnquoted(rest, ".");
    const field = readVarField(dot === -1 ? rest : rest.slice(0, dot));
    if (field === "") return { error: `invalid var '${name}': empty field` };
    path.push(field);
    if (dot === -1) break;
    rest = rest.slice(dot + 1);
  }
  return { source: source === "" ? undefined : source, path };
}
