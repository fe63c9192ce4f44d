import { lineIndex } from "../source/locate.ts";
import { goYamlV3Tag } from "./go-yaml-schema.ts";
import { BEFORE_TEMPLATES, shortTag } from "./yaml-to-json.ts";

/**
 * A document that is a list or a scalar, as fly's first read reports it: go-yaml v3 decodes the file into a
 * `map[string]any` before anything else (templatehelpers `Evaluate`), and its `terror` names the root node's tag,
 * its value when it is a scalar (cut to 7 bytes past 10), and its line:
 * `yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]interface {}`. `value` is the document
 * as read (not null, not a mapping); `text` is the document's text (YAML or JSON).
 */
export function rootNotMapping(value: unknown, text: string): { readonly message: string; readonly fly: string } {
  const root = rootStart(text);
  const isList = Array.isArray(value);
  const c = text.charCodeAt(root.content);
  const quoted = c === 0x22 || c === 0x27 || c === 0x7c || c === 0x3e;
  // a scalar's value as go-yaml has it: the decoded string, else the plain scalar's text
  const scalar = typeof value === "string" ? value : plainText(text, root.content);
  const tag =
    root.tag !== undefined && root.tag !== "!"
      ? shortTag(root.tag)
      : isList
        ? "!!seq"
        : quoted
          ? "!!str"
          : goYamlV3Tag(scalar);
  const shown = tag === "!!seq" || tag === "!!map" ? tag : `${tag} \`${isList ? "" : cut(scalar)}\``;
  const line = lineIndex(text)(root.node).line;
  return {
    message: `a pipeline is a mapping of its top-level keys (jobs, resources, ...), not ${kindOf(value)}`,
    fly: `${BEFORE_TEMPLATES}unmarshal errors:\n  line ${line}: cannot unmarshal ${shown} into map[string]interface {}`,
  };
}

/** What a document that is not a mapping is, in a message: `a list`, `a string`, `a number`, `a boolean`. */
export const kindOf = (value: unknown): string =>
  Array.isArray(value) ? "a list" : typeof value === "string" ? "a string" : `a ${typeof value}`;

/**
 * Where the document's root node starts (`node`, at its first property when it has any), its content starts, and
 * its tag: past white space, comments, directives and the `---` marker.
 */
function rootStart(text: string): { readonly node: number; readonly content: number; readonly tag?: string } {
  let i = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    const lineStart = i === 0 || text.charCodeAt(i - 1) === 0x0a;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
    else if (c === 0x23 || (c === 0x25 && lineStart)) {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (lineStart && text.startsWith("---", i) && /^---(\s|$)/.test(text.slice(i, i + 4))) i += 3;
    else break;
  }
  const node = i;
  let tag: string | undefined;
  // properties: `!tag` and `&anchor`, in either order
  for (let c = text.charCodeAt(i); c === 0x21 || c === 0x26; c = text.charCodeAt(i)) {
    const start = i;
    while (i < text.length && !/\s/.test(text.charAt(i))) i++;
    if (c === 0x21) tag = text.slice(start, i);
    while (/\s/.test(text.charAt(i))) i++;
  }
  return { node, content: i, ...(tag !== undefined && { tag }) };
}

/** A plain scalar's text on its line (up to a comment). */
function plainText(text: string, start: number): string {
  const eol = text.indexOf("\n", start);
  const line = text.slice(start, eol === -1 ? text.length : eol);
  const comment = line.search(/\s#/);
  return (comment === -1 ? line : line.slice(0, comment)).trim();
}

/** go-yaml's `terror` cut of a value longer than 10 bytes: its first 7 bytes and `...`. */
function cut(value: string): string {
  const bytes = Buffer.from(value, "utf8");
  return bytes.length > 10 ? `${bytes.subarray(0, 7).toString("utf8")}...` : value;
}
