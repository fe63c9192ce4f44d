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
 * The most places find references gives: the first in the text. A name written 100,000 times had every place sent,
 * each turned into a line and character first; an editor lists a few hundred at most (clangd's default limit is the
 * same; a location has no room to say how many more there are).
 */
export const MAX_REFERENCES = 1000;

/**
 * Find references: every place the name at the position is written (its definition when asked), under each copy of a
 * key written more than once in a mapping too; the first {@link MAX_REFERENCES} in the text.
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
    .slice(0, MAX_REFERENCES)
    .map((s) => locationOf(text, s));
}
