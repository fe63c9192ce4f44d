/**
 * Pipeline texts opened as the language server opens them, for tests of one editor feature at a time. A
 * `|` in the text marks the cursor: it is taken out, and its position is given as `cursor`.
 */
import type { Position } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { type PipelineDocument, readDocument } from "../../src/lsp/documents.ts";
import { type SchemaDocs, schemaDocs } from "../../src/lsp/schema-docs.ts";
import { loadSchema } from "../../src/schema/schema-file.ts";

export interface Opened {
  readonly text: TextDocument;
  readonly document: PipelineDocument;
  /** Where the `|` was (line 0, character 0 when there was none). */
  readonly cursor: Position;
  /** The position of the `n`th (1-based) occurrence of `needle`, plus `delta` characters. */
  at(needle: string, delta?: number, n?: number): Position;
}

export const URI = "file:///work/ci/pipeline.yml";

export function open(marked: string): Opened {
  const offset = marked.indexOf("|");
  const content = offset === -1 ? marked : marked.slice(0, offset) + marked.slice(offset + 1);
  const text = TextDocument.create(URI, "yaml", 1, content);
  return {
    text,
    document: readDocument(content),
    cursor: text.positionAt(Math.max(offset, 0)),
    at(needle, delta = 0, n = 1) {
      let found = -1;
      for (let i = 0; i < n; i++) found = content.indexOf(needle, found + 1);
      if (found === -1) throw new Error(`'${needle}' (${n}) is not in the text`);
      return text.positionAt(found + delta);
    },
  };
}

/** The documentation read from the built schema (dist/schema.json, written by `npm run build`). */
export function builtSchemaDocs(): SchemaDocs {
  const schema = loadSchema();
  if (schema === undefined) throw new Error("dist/schema.json is missing: run `npm run build` first");
  return schemaDocs(schema);
}
