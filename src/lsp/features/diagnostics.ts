import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Range,
  TextEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { missingVarHint } from "../../parse/shape-report.ts";
import { compareByLocation, type Diagnostic } from "../../source/diagnostic.ts";
import { didYouMean } from "../../source/did-you-mean.ts";
import { valueAt } from "../../source/path.ts";
import { definedNames, type NameKind } from "../documents.ts";

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
 * The most findings published for a document: those first in the text, and one more saying how many were left out
 * ({@link TOO_MANY}). A text with 100,000 faults had them all sent (17 MB of JSON for 100,000 steps), each given a
 * range and a suggestion first; an editor shows a few hundred at most.
 */
export const MAX_PUBLISHED = 1000;

/** The code of the finding that says how many findings of a document are not published ({@link MAX_PUBLISHED}). */
export const TOO_MANY = "lsp/too-many-findings";

/**
 * hangar's findings as LSP diagnostics: the range from the finding's location, the severity, the rule id
 * as `code`; a finding that names something undefined carries the closest defined name as a fix, taken
 * from `pipeline`, the value the validator parsed (so publishing never reads the text a second time). Only the first
 * {@link MAX_PUBLISHED} in the text are given, then one at the first left out saying how many more there are.
 */
export function toLspDiagnostics(found: readonly Diagnostic[], text: TextDocument, pipeline: unknown): LspDiagnostic[] {
  // the validator gives them in this order already: sorting sorted findings costs a pass
  const ordered = [...found].sort(compareByLocation);
  const shown = ordered.slice(0, MAX_PUBLISHED);
  // the names of each kind the pipeline defines, read once, where each finding read its section again
  const defined = new Map<NameKind, readonly string[]>();
  const namesOf = (kind: NameKind): readonly string[] => {
    const names = defined.get(kind) ?? definedNames(pipeline, kind);
    defined.set(kind, names);
    return names;
  };
  const published: LspDiagnostic[] = shown.map((d) => {
    const range = rangeOf(d, text);
    const replacement = suggestionFor(d, namesOf);
    return {
      range,
      severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: d.ruleId,
      source: "hangar",
      message:
        replacement === undefined || /did you mean/i.test(d.message)
          ? editorWords(d, pipeline)
          : `${d.message}; did you mean '${replacement}'?`,
      ...(replacement === undefined ? {} : { data: { replacement } satisfies FixData }),
    };
  });
  const first = ordered[MAX_PUBLISHED];
  if (first === undefined) return published;
  const more = ordered.length - MAX_PUBLISHED;
  published.push({
    range: rangeOf(first, text),
    severity: DiagnosticSeverity.Information,
    code: TOO_MANY,
    source: "hangar",
    message: `${more} more finding${more === 1 ? "" : "s"} from here on not shown: hangar shows the first ${MAX_PUBLISHED} of a document (\`hangar validate\` lists them all)`,
  });
  return published;
}

/**
 * A finding's words in the editor: a `((var))` with no value in a typed field is told to be given in the settings
 * (`hangar.vars`, `hangar.varsFiles`), where the validator's hint names the CLI's flags (pass it with -y ...), which
 * an editor has none of.
 */
function editorWords(d: Diagnostic, pipeline: unknown): string {
  const value = valueAt(pipeline, d.path);
  // a var of a credential manager (((vault:x))) is not the settings' to give: its hint says so
  if (typeof value !== "string" || value.includes(":")) return d.message;
  const hint = missingVarHint(value);
  if (hint === "" || !d.message.endsWith(hint)) return d.message;
  const name = JSON.stringify(value.slice(2, -2));
  return `${d.message.slice(0, -hint.length)}; the var ${value} has no value: give it in the setting hangar.vars ({ ${name}: <value> }) or in a file of hangar.varsFiles`;
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
function suggestionFor(d: Diagnostic, namesOf: (kind: NameKind) => readonly string[]): string | undefined {
  const given = d.data?.didYouMean ?? d.data?.suggestion;
  if (typeof given === "string") return given;
  const rule = UNKNOWN_NAME[d.ruleId];
  const name = rule === undefined ? undefined : d.data?.[rule.data];
  if (rule === undefined || typeof name !== "string") return undefined;
  return didYouMean(name, namesOf(rule.kind));
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
