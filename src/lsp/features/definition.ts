import type { Location, Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { definitionFor, type NameSite, nameAt, type PipelineDocument, readingAt, sitesOf } from "../documents.ts";

const locationOf = (text: TextDocument, site: NameSite): Location => ({
  uri: text.uri,
  range: { start: text.positionAt(site.start), end: text.positionAt(site.end) },
});

/**
 * Go to definition: from a resource, resource type, prototype or job name to where it is defined (under a first
 * `jobs:`, a key written again later in its mapping, as if it were the one written: see {@link readingAt}); in such a
 * text, a name defined under another copy of the key only is defined there ({@link definitionFor}).
 */
export function definition(text: TextDocument, read: PipelineDocument, position: Position): Location | null {
  const document = readingAt(read, text.offsetAt(position));
  const site = nameAt(document, text.offsetAt(position));
  if (site === undefined) return null;
  const target = definitionFor(read, document, site.kind, site.name);
  return target === undefined ? null : locationOf(text, target);
}

/**
 * Find references: every place the name at the position is written (its definition when asked), under each copy of a
 * key written more than once in a mapping too.
 */
export function references(
  text: TextDocument,
  read: PipelineDocument,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const document = readingAt(read, text.offsetAt(position));
  const site = nameAt(document, text.offsetAt(position));
  if (site === undefined) return [];
  return sitesOf(read, site.kind, site.name)
    .filter((s) => includeDeclaration || s.role === "reference")
    .map((s) => locationOf(text, s));
}
