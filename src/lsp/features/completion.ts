import { type CompletionItem, CompletionItemKind, MarkupKind, type Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Path } from "../../model/common.ts";
import { CORE_RESOURCE_TYPES } from "../../validate/rules/lib/core-resource-types.ts";
import { LABEL, type NameKind, namesOf, type PipelineDocument, placeAt, valueAt } from "../documents.ts";
import { type LineLead, lineLead } from "../line-lead.ts";
import { type FieldDoc, fieldNote, kindsOf, type SchemaDocs } from "../schema-docs.ts";

/** An index past the end of any list: the path of an item being written. */
const NEW_ITEM = Number.MAX_SAFE_INTEGER;

/**
 * Completion: names where a name is expected (`get`/`put`/`resource`: resources; `passed` and a group's
 * `jobs`: jobs; a resource's `type`: resource types; a `run` step's `type`: prototypes), else the keys
 * the mapping at the cursor may still have, with their documentation: in a document that is not yet plainly a
 * pipeline or a task config (an empty file, `image_resource:` alone), those of both (at its top) or of the kind whose
 * key the mapping is under (under `image_resource:`, the task config's), each item saying which kind's it is.
 */
export function completion(
  text: TextDocument,
  document: PipelineDocument,
  docs: SchemaDocs | undefined,
  position: Position,
): CompletionItem[] {
  const before = text.getText({ start: { line: position.line, character: 0 }, end: position });
  const names = nameCompletion(text, document, position, before);
  if (names !== undefined) return names;
  const key = /^(\s*)((?:-\s+)*)([A-Za-z_]*)$/.exec(before);
  if (key === null || docs === undefined) return [];
  const column = (key[1] as string).length + (key[2] as string).length;
  const mapping = mappingPath(text, document, position.line, column, (key[2] as string).length > 0);
  if (mapping === undefined) return [];
  const present = valueAt(document, mapping);
  const taken = new Set(typeof present === "object" && present !== null ? Object.keys(present) : []);
  // in a document that is neither kind yet (an empty file), the keys of both, each saying its kind's
  const kinds = kindsOf(document);
  return kinds.flatMap((kind) =>
    docs
      .fieldsAt(mapping, document.value, kind)
      .filter((f) => !taken.has(f.key))
      .map((f) => keyItem(f, fieldNote(f, kinds.length > 1 ? kind : undefined))),
  );
}

/** The completion item of a key, its `detail` saying of which kind of document it is and whether it is required. */
function keyItem(field: FieldDoc, detail: string): CompletionItem {
  return {
    label: field.key,
    kind: CompletionItemKind.Property,
    insertText: `${field.key}: `,
    ...(detail === "" ? {} : { detail }),
    ...(field.description === undefined
      ? {}
      : { documentation: { kind: MarkupKind.Markdown, value: field.description } }),
  };
}

function nameCompletion(
  text: TextDocument,
  document: PipelineDocument,
  position: Position,
  before: string,
): CompletionItem[] | undefined {
  const offer = (kind: NameKind, extra: readonly string[] = []): CompletionItem[] =>
    [...new Set([...namesOf(document, kind), ...extra])].map((name) => ({
      label: name,
      kind: kind === "job" ? CompletionItemKind.Function : CompletionItemKind.Reference,
      detail: LABEL[kind],
    }));
  const inline = /^(\s*)((?:-\s+)*)([A-Za-z_]+):\s+(?:\[(?:[^\]]*,\s*)?)?["']?[^"'\s,\]]*$/.exec(before);
  if (inline !== null) {
    const keyColumn = (inline[1] as string).length + (inline[2] as string).length;
    const place = placeAt(document, text.offsetAt({ line: position.line, character: keyColumn }));
    const inSteps = place.path[0] === "jobs" && place.path.length > 2;
    switch (inline[3]) {
      case "get":
      case "put":
      case "resource":
        return inSteps ? offer("resource") : undefined;
      case "passed":
        return inSteps ? offer("job") : undefined;
      case "jobs":
        return place.path[0] === "groups" ? offer("job") : undefined;
      case "type":
        return inSteps ? offer("prototype") : offer("resource_type", [...CORE_RESOURCE_TYPES]);
      default:
        return undefined;
    }
  }
  const item = /^(\s*)-\s+["']?[^"'\s:]*$/.exec(before);
  if (item === null) return undefined;
  const parent = parentKey(text, position.line, (item[1] as string).length);
  if (parent === "passed") return offer("job");
  if (topLevelKey(text, position.line) !== "groups") return undefined;
  return parent === "jobs" ? offer("job") : parent === "resources" ? offer("resource") : undefined;
}

/** The top-level section (`jobs`, `groups`, ...) a line is in. */
function topLevelKey(text: TextDocument, line: number): string | undefined {
  for (let l = line; l >= 0; l--) {
    const m = /^([A-Za-z_]+):/.exec(lineText(text, l));
    if (m !== null) return m[1];
  }
  return undefined;
}

/**
 * A line's key, after its indent and list dashes (`  - - name: x`: `name`), as {@link parentKey} reads it (quoted too),
 * matched from the end of the dashes ({@link lineLead}, which reads them by hand once): a key's first character is no
 * dash followed by a blank.
 */
const LIST_ITEM_KEY = /^((?:[^\s#:-]|-(?=\S))[^:]*?):(?:\s|$)/;

/** {@link LIST_ITEM_KEY} as {@link mappingPath} reads it: a plain key only. */
const PLAIN_KEY = /^((?:[^\s#:'"-]|-(?=\S))[^:]*?):(?:\s|$)/;

/** A line's lead ({@link lineLead}) and its key as `pattern` reads it after the lead (undefined when it has none). */
function keyOf(line: string, pattern: RegExp): { lead: LineLead; key: string | undefined } {
  const lead = lineLead(line);
  return { lead, key: pattern.exec(line.slice(lead.indent + lead.dashes))?.[1] };
}

/** The key of the nearest line above `line` indented less than `column` (the key a list item belongs to). */
function parentKey(text: TextDocument, line: number, column: number): string | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const t = lineText(text, l);
    if (t.trim() === "" || t.trimStart().startsWith("#")) continue;
    const { key } = keyOf(t, LIST_ITEM_KEY);
    const indent = t.length - t.trimStart().length;
    if (indent < column || (indent === column && key !== undefined && !t.trimStart().startsWith("-"))) {
      return key;
    }
  }
  return undefined;
}

/**
 * The path of the mapping a key is being written in at `column` of `line`: found from a sibling key above
 * at the same column, else from the parent key above it. With `newItem`, the mapping is a new list item.
 */
function mappingPath(
  text: TextDocument,
  document: PipelineDocument,
  line: number,
  column: number,
  newItem: boolean,
): Path | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const t = lineText(text, l);
    if (t.trim() === "" || t.trimStart().startsWith("#")) continue;
    const { lead, key } = keyOf(t, PLAIN_KEY);
    const indent = key === undefined ? t.length - t.trimStart().length : lead.indent + lead.dashes;
    if (key !== undefined && indent === column) {
      const place = placeAt(document, text.offsetAt({ line: l, character: indent }));
      if (!place.onKey) return undefined;
      const sibling = place.path.slice(0, -1);
      return newItem ? [...sibling.slice(0, -1), NEW_ITEM] : sibling;
    }
    if (indent < column) {
      if (key === undefined) return undefined;
      const place = placeAt(document, text.offsetAt({ line: l, character: indent }));
      if (!place.onKey) return undefined;
      return newItem ? [...place.path, NEW_ITEM] : place.path;
    }
  }
  return column === 0 ? [] : undefined;
}

const lineText = (text: TextDocument, line: number): string =>
  text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
