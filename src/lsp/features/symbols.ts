import { type DocumentSymbol, SymbolKind } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { isMap, isScalar, isSeq } from "yaml";
import { LABEL, type NameKind, type PipelineDocument } from "../documents.ts";

const KIND: Readonly<Record<NameKind, SymbolKind>> = {
  job: SymbolKind.Function,
  resource: SymbolKind.Variable,
  resource_type: SymbolKind.Class,
  prototype: SymbolKind.Interface,
};

/** The outline: jobs, resources, resource types, prototypes (each by name) and groups. */
export function documentSymbols(text: TextDocument, document: PipelineDocument): DocumentSymbol[] {
  const range = (start: number, end: number) => ({ start: text.positionAt(start), end: text.positionAt(end) });
  const symbols: DocumentSymbol[] = [];
  for (const site of document.names) {
    if (site.role !== "definition" || site.item === undefined) continue;
    symbols.push({
      name: site.name,
      detail: LABEL[site.kind],
      kind: KIND[site.kind],
      range: range(site.item.start, site.item.end),
      selectionRange: range(site.start, site.end),
    });
  }
  const groups = document.doc.get("groups", true);
  if (isSeq(groups)) {
    for (const group of groups.items) {
      if (!isMap(group) || group.range == null) continue;
      const name = group.get("name", true);
      if (!isScalar(name) || name.range == null) continue;
      symbols.push({
        name: String(name.value),
        detail: "group",
        kind: SymbolKind.Namespace,
        range: range(group.range[0], group.range[1]),
        selectionRange: range(name.range[0], name.range[1]),
      });
    }
  }
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line);
}
