import { type DocumentSymbol, SymbolKind } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { everyName, itemRange, LABEL, type NameKind, type PipelineDocument, pairOf, valueAt } from "../documents.ts";

const KIND: Readonly<Record<NameKind, SymbolKind>> = {
  job: SymbolKind.Function,
  resource: SymbolKind.Variable,
  resource_type: SymbolKind.Class,
  prototype: SymbolKind.Interface,
};

/**
 * The outline: jobs, resources, resource types, prototypes (each by name, under every copy of a key written more than
 * once in a mapping too) and groups.
 */
export function documentSymbols(text: TextDocument, document: PipelineDocument): DocumentSymbol[] {
  const range = (start: number, end: number) => ({ start: text.positionAt(start), end: text.positionAt(end) });
  const symbols: DocumentSymbol[] = [];
  for (const site of everyName(document)) {
    if (site.role !== "definition" || site.item === undefined) continue;
    symbols.push({
      name: site.name,
      detail: LABEL[site.kind],
      kind: KIND[site.kind],
      range: range(site.item.start, site.item.end),
      selectionRange: range(site.start, site.end),
    });
  }
  const groups = document.tree?.root.kind === "mapping" ? pairOf(document.tree.root, "groups") : undefined;
  if (groups?.value?.kind === "sequence") {
    groups.value.items.forEach((group, i) => {
      const name = group.kind === "mapping" ? pairOf(group, "name") : undefined;
      const value = valueAt(document, ["groups", i, "name"]);
      if (name?.key.kind !== "scalar" || name.value?.kind !== "scalar" || value === undefined) return;
      const { start, end } = itemRange(document.text, group);
      symbols.push({
        name: String(value),
        detail: "group",
        kind: SymbolKind.Namespace,
        range: range(start, end),
        selectionRange: range(name.value.start, name.value.end),
      });
    });
  }
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line);
}
