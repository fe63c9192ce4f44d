import { type Hover, MarkupKind, type Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentKind } from "../../parse/document-kind.ts";
import { cutToken } from "../../source/diagnostic.ts";
import { definitionFor, LABEL, nameAt, type PipelineDocument, placeAt, readingAt } from "../documents.ts";
import { type FieldDoc, fieldNote, kindsOf, type SchemaDocs } from "../schema-docs.ts";

/** A definition longer than this is cut in a hover. */
const MAX_LINES = 20;

/** A line of a definition longer than this is cut in a hover. */
const MAX_LINE = 200;

/**
 * Hover: on a resource, resource type, prototype or job name, its definition; on a key, the field's
 * documentation (the generated schema's description, i.e. the model's doc comment). In a document that is not yet
 * plainly a pipeline or a task config (`inputs:` alone), the key's in each kind that has it, saying which kind
 * (`inputs`, or `type` under `image_resource:`: the task config's); a key of both, both, briefly (each description's
 * first paragraph).
 */
export function hover(
  text: TextDocument,
  read: PipelineDocument,
  docs: SchemaDocs | undefined,
  position: Position,
): Hover | null {
  const offset = text.offsetAt(position);
  // under a first `jobs:` (a key written again later in its mapping), as if it were the one written
  const document = readingAt(read, offset);
  const site = nameAt(document, offset);
  const range = (start: number, end: number) => ({ start: text.positionAt(start), end: text.positionAt(end) });
  if (site !== undefined) {
    // in a text with a key written more than once, a name defined under any copy of it is defined
    const target = definitionFor(read, document, site.kind, site.name);
    const heading = `**${LABEL[site.kind]}** \`${site.name}\``;
    const body =
      target?.item === undefined
        ? site.kind === "resource_type"
          ? "a resource type of Concourse's own (not defined in this pipeline)"
          : "not defined in this pipeline"
        : `\`\`\`yaml\n${excerpt(text, target.item.start, target.item.end)}\n\`\`\``;
    return {
      contents: { kind: MarkupKind.Markdown, value: `${heading}\n\n${body}` },
      range: range(site.start, site.end),
    };
  }
  if (docs === undefined) return null;
  const { path } = placeAt(document, offset);
  if (typeof path.at(-1) !== "string") return null;
  const kinds = kindsOf(document);
  const shown = kinds.flatMap((kind) => {
    const field = docs.fieldAt(path, document.value, kind);
    return field?.description === undefined ? [] : [{ kind, field, description: field.description }];
  });
  if (shown.length === 0) return null;
  const value = shown
    .map(({ kind, field, description }) => {
      const about = fieldDoc(field, kinds.length > 1 ? kind : undefined);
      return `${about}\n\n${shown.length > 1 ? (description.split(/\n\s*\n/)[0] as string) : description}`;
    })
    .join("\n\n---\n\n");
  return { contents: { kind: MarkupKind.Markdown, value } };
}

/** A field's heading in a hover: its key, and what {@link fieldNote} says of it (`**inputs** (task config)`). */
function fieldDoc(field: FieldDoc, of: DocumentKind | undefined): string {
  const note = fieldNote(field, of);
  return `**${field.key}**${note === "" ? "" : ` (${note})`}`;
}

/**
 * The text of a definition, dedented to its first line's column, cut at {@link MAX_LINES} lines and each line at
 * {@link MAX_LINE} characters; only those lines are read (a job of 300,000 lines was split whole at each hover, and a
 * line of 3 MB was shown whole).
 */
function excerpt(text: TextDocument, start: number, end: number): string {
  const column = text.positionAt(start).character;
  const lines = text
    .getText({ start: text.positionAt(start), end: text.positionAt(end) })
    .trimEnd()
    .split("\n", MAX_LINES + 1);
  const dedented = lines.map((line, i) =>
    cutToken(i === 0 ? line : line.slice(Math.min(column, indentOf(line))), MAX_LINE),
  );
  return dedented.length > MAX_LINES ? [...dedented.slice(0, MAX_LINES), "# ..."].join("\n") : dedented.join("\n");
}

const indentOf = (line: string): number => line.length - line.trimStart().length;
