import {
  choice,
  type Doc,
  group,
  hardline,
  hasHardline,
  ifBreak,
  indent,
  join,
  line,
  shapeOf,
  softline,
} from "./print.ts";

/**
 * Builders for the JavaScript the importer writes, laid out as Biome's formatter lays them out:
 * double quotes unless the text has more of them than single quotes, trailing commas when broken,
 * a call's last object or array argument hugging the parentheses.
 */

/**
 * What a literal writes as a `\\u` escape: control characters (C0, DEL, C1), the two Unicode line separators, the bidi
 * controls that make a line read other than it runs (Trojan Source), a BOM, and a lone surrogate, which a UTF-8 file
 * cannot hold (it would be read back as U+FFFD).
 */
const ESCAPED = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;

const escapeCode = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** A string literal, in the quotes that need fewer escapes (double when even). */
export function stringLiteral(text: string): string {
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  const json = JSON.stringify(text).replace(ESCAPED, escapeCode);
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** What {@link ESCAPED} matches but tab and line feed, as `\\u` escapes. */
const escapeControls = (text: string): string =>
  text.replace(ESCAPED, (c) => (c === "\t" || c === "\n" ? c : escapeCode(c)));

/**
 * A template literal of a multi-line text: backslashes, backticks and `${` escaped; carriage returns and
 * the rest of {@link ESCAPED} but tab and line feed written as escapes (a template would turn a literal
 * CR into LF).
 */
export function templateLiteral(text: string): string {
  const body = text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
  return `\`${escapeControls(body)}\``;
}

/** Whether a string is best written as a template literal: text of several lines. */
export const isMultiline = (text: string): boolean => /\n./.test(text);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A property key: bare when it is an identifier name, else quoted; `__proto__` computed (`["__proto__"]`), since
 * written bare or quoted it would set the object's prototype rather than make a key.
 */
export const propertyKey = (key: string): string =>
  key === "__proto__" ? `[${stringLiteral(key)}]` : IDENTIFIER.test(key) ? key : stringLiteral(key);

/** JavaScript's line terminators: each ends a `//` comment, whatever YAML made of it (YAML breaks at CR and LF only). */
const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029]/;

/**
 * Comment lines as `//` comments, each on its own line. A line holding a JavaScript line terminator (U+2028 in a YAML
 * comment, a line break in a key named in a note) is cut there, so that no text of the input ends up as code.
 */
export const commentDocs = (lines: readonly string[]): Doc[] =>
  lines.flatMap((text) => text.split(LINE_TERMINATOR)).flatMap((text) => [`//${text.trimEnd()}`, hardline]);

/** A key named in a comment or a note: between backticks when it is a plain word, else as a string literal. */
export const keyInText = (key: string): string => (/^[\w.-]+$/.test(key) ? `\`${key}\`` : stringLiteral(key));

/** One entry of an object literal or array: comments before it, then the entry. */
export interface Entry {
  readonly comments: readonly string[];
  readonly doc: Doc;
}

/**
 * A `key: value` property. As in Biome (and Prettier), a string value moves to the next line when the
 * line is too long, unless the key is shorter than five characters.
 */
export function property(key: string, value: Doc, valueIsString: boolean): Doc {
  const printed = propertyKey(key);
  if (leadsWithComment(value)) return [printed, ":", indent([hardline, value])];
  return valueIsString && printed.length >= 5 ? [printed, ":", group(indent([line, value]))] : [printed, ": ", value];
}

/**
 * Whether a value's document begins with a `//` comment (a note on a value kept as written): after `key:` or `=` it
 * starts on a line of its own, indented, as Biome lays it out, not on the line of the key.
 */
export function leadsWithComment(doc: Doc): boolean {
  let first: Doc | undefined = doc;
  while (Array.isArray(first)) first = first[0];
  return typeof first === "string" && first.startsWith("//");
}

function entries(items: readonly Entry[], trailing: readonly string[]): Doc[] {
  const docs = items.map((item) => [...commentDocs(item.comments), item.doc]);
  const body: Doc[] = join([",", line], docs);
  if (trailing.length === 0) return [...body, items.length > 0 ? ifBreak(",") : ""];
  return [
    ...body,
    items.length > 0 ? "," : "",
    items.length > 0 ? hardline : "",
    ...commentDocs(trailing).slice(0, -1),
  ];
}

/** An object literal; `expand` keeps it on several lines even when it would fit on one. */
export function objectLiteral(
  items: readonly Entry[],
  options: { expand?: boolean; trailing?: readonly string[] } = {},
): Doc {
  const trailing = options.trailing ?? [];
  if (items.length === 0 && trailing.length === 0) return "{}";
  return group(["{", indent([line, ...entries(items, trailing)]), line, "}"], options.expand === true, {
    kind: "object",
    size: items.length,
  });
}

/**
 * An array literal. Like Biome, an array of two or more objects (or arrays) that each have more than one
 * entry is always broken, one element per line.
 */
export function arrayLiteral(items: readonly Entry[], options: { trailing?: readonly string[] } = {}): Doc {
  const trailing = options.trailing ?? [];
  if (items.length === 0 && trailing.length === 0) return "[]";
  const shapes = items.map((item) => shapeOf(item.doc));
  const first = shapes[0];
  const shouldBreak =
    items.length > 1 &&
    first !== undefined &&
    shapes.every((s) => s !== undefined && s.kind === first.kind && s.size > 1);
  return group(["[", indent([softline, ...entries(items, trailing)]), softline, "]"], shouldBreak, {
    kind: "array",
    size: items.length,
  });
}

/**
 * A call `callee(args)`. Like Biome, a last argument that is an object or array literal with entries hugs
 * the parentheses (`get(src, {` ... `})`) when the arguments do not fit on one line.
 */
export function call(callee: string, args: readonly Doc[]): Doc {
  if (args.length === 0) return `${callee}()`;
  const allBroken = group([`${callee}(`, indent([line, join([",", line], args)]), ",", line, ")"], true);
  const last = shapeOf(args.at(-1) as Doc);
  const penultimate = args.length > 1 ? shapeOf(args.at(-2) as Doc) : undefined;
  const hug = last !== undefined && last.size > 0 && (penultimate === undefined || penultimate.kind !== last.kind);
  if (!hug) {
    return group([`${callee}(`, indent([softline, join([",", line], args)]), ifBreak(","), softline, ")"]);
  }
  if (args.slice(0, -1).some((d) => hasHardline(d))) return allBroken;
  const flat = [`${callee}(`, join(", ", args), ")"];
  const hugged = [`${callee}(`, ...join(", ", [...args.slice(0, -1), group(args.at(-1) as Doc, true)]), ")"];
  return choice([flat, hugged, allBroken]);
}
