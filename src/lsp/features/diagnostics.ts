import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Range,
  TextEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../../source/diagnostic.ts";
import { didYouMean } from "../../source/did-you-mean.ts";
import { type NameKind, namesOf, type PipelineDocument } from "../documents.ts";

/** What a quick fix needs, carried in the LSP diagnostic's `data`. */
export interface FixData {
  /** The name to write instead of the diagnostic's range. */
  readonly replacement: string;
}

/** Rules that report a name that is not defined, with the kind of name and the template value holding it. */
const UNKNOWN_NAME: Readonly<Record<string, { kind: NameKind; data: string }>> = {
  "get-unknown-resource": { kind: "resource", data: "resource" },
  "put-unknown-resource": { kind: "resource", data: "resource" },
  "group-unknown-resource": { kind: "resource", data: "resource" },
  "passed-no-matching-job": { kind: "job", data: "job" },
  "run-unknown-prototype": { kind: "prototype", data: "prototype" },
};

/**
 * hangar's findings as LSP diagnostics: the range from the finding's location, the severity, the rule id
 * as `code`; a finding that names something undefined carries the closest defined name as a fix (the
 * document is asked for only then).
 */
export function toLspDiagnostics(
  found: readonly Diagnostic[],
  text: TextDocument,
  document: () => PipelineDocument,
): LspDiagnostic[] {
  return found.map((d) => {
    const range = rangeOf(d, text);
    const replacement = suggestionFor(d, document);
    return {
      range,
      severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: d.ruleId,
      source: "hangar",
      message:
        replacement === undefined || d.message.includes(`did you mean '${replacement}'`)
          ? d.message
          : `${d.message}; did you mean '${replacement}'?`,
      ...(replacement === undefined ? {} : { data: { replacement } satisfies FixData }),
    };
  });
}

function rangeOf(d: Diagnostic, text: TextDocument): Range {
  const loc = d.loc;
  if (loc === undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = { line: loc.line - 1, character: loc.col - 1 };
  const end =
    loc.endLine === undefined || loc.endCol === undefined
      ? text.positionAt(text.offsetAt(start) + 1)
      : { line: loc.endLine - 1, character: loc.endCol - 1 };
  return { start, end };
}

/** The name a finding probably meant: from the finding's own data when it has one, else computed here. */
function suggestionFor(d: Diagnostic, document: () => PipelineDocument): string | undefined {
  const given = d.data?.didYouMean ?? d.data?.suggestion;
  if (typeof given === "string") return given;
  const rule = UNKNOWN_NAME[d.ruleId];
  const name = rule === undefined ? undefined : d.data?.[rule.data];
  if (rule === undefined || typeof name !== "string") return undefined;
  return didYouMean(name, namesOf(document(), rule.kind));
}

/** Quick fixes for the diagnostics of a code-action request that carry a replacement. */
export function quickFixes(uri: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const fixes: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as Partial<FixData> | undefined;
    if (typeof data?.replacement !== "string") continue;
    const fix = CodeAction.create(
      `Change to '${data.replacement}'`,
      { changes: { [uri]: [TextEdit.replace(d.range, data.replacement)] } },
      CodeActionKind.QuickFix,
    );
    fix.diagnostics = [d];
    fix.isPreferred = true;
    fixes.push(fix);
  }
  return fixes;
}
