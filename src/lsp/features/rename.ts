import { type Position, type Range, ResponseError, TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { checkIdentifier } from "../../concourse/go-identifier.ts";
import { nameAt, type PipelineDocument, sitesOf } from "../documents.ts";

/** The range of the name that would be renamed, or null where there is no name to rename. */
export function prepareRename(text: TextDocument, document: PipelineDocument, position: Position): Range | null {
  const site = nameAt(document, text.offsetAt(position));
  return site === undefined ? null : { start: text.positionAt(site.start), end: text.positionAt(site.end) };
}

/**
 * Renames a resource, resource type, prototype or job: its definition and every reference in the file
 * (`get`, `put`, `resource`, `passed`, `type`, group entries). A name Concourse would not accept is refused.
 */
export function rename(
  text: TextDocument,
  document: PipelineDocument,
  position: Position,
  newName: string,
): WorkspaceEdit | ResponseError {
  const site = nameAt(document, text.offsetAt(position));
  if (site === undefined) return new ResponseError(-32602, "nothing to rename here");
  const problem = checkIdentifier(newName);
  if (problem !== undefined) {
    const reason = problem.kind === "empty" ? "a name cannot be empty" : problem.reason;
    return new ResponseError(-32602, `'${newName}' is not a valid name: ${reason}`);
  }
  const edits = sitesOf(document, site.kind, site.name).map((s) =>
    TextEdit.replace(
      { start: text.positionAt(s.start), end: text.positionAt(s.end) },
      quoteIfNeeded(newName, text, s.start),
    ),
  );
  return { changes: { [text.uri]: edits } };
}

/** Keeps the quotes a name was written with (the new name is written in the same style). */
function quoteIfNeeded(name: string, text: TextDocument, start: number): string {
  const first = text.getText().charAt(start);
  return first === '"' || first === "'" ? `${first}${name}${first}` : name;
}
