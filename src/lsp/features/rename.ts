import { type Position, type Range, ResponseError, TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { checkIdentifier } from "../../concourse/go-identifier.ts";
import { DEFAULT_MAX_BYTES } from "../../parse/parse-pipeline.ts";
import { yamlString } from "../../render/yaml.ts";
import { cutToken } from "../../source/diagnostic.ts";
import {
  aliasesTo,
  LABEL,
  type NameSite,
  nameAt,
  namesOf,
  nodeAt,
  type PipelineDocument,
  pairOf,
  type ShadowedPair,
  shadowedPairs,
  sitesOf,
} from "../documents.ts";

/**
 * The range of the name that would be renamed, or null where there is no name to rename; refused (with the reason)
 * under a key written again later in its mapping, which is not read.
 */
export function prepareRename(
  text: TextDocument,
  document: PipelineDocument,
  position: Position,
): Range | ResponseError | null {
  const offset = text.offsetAt(position);
  const site = nameAt(document, offset);
  if (site !== undefined) return { start: text.positionAt(site.start), end: text.positionAt(site.end) };
  const shadowed = shadowedPairs(document).find((p) => p.start <= offset && offset <= p.end);
  return shadowed === undefined
    ? null
    : new ResponseError(-32602, `${repeated(text, shadowed)}: fix it before renaming`);
}

/** Where a key is written twice in a mapping, in a message. */
function repeated(text: TextDocument, pair: ShadowedPair): string {
  const first = text.positionAt(pair.start);
  const last = text.positionAt(pair.readAt);
  return `the key '${pair.key}' at ${first.line + 1}:${first.character + 1} is written again at ${last.line + 1}:${last.character + 1}, and only the last one is read`;
}

/** The most characters of new names a rename writes (its places times the new name's length): 64 Mi. */
export const MAX_RENAME_WRITES = 2 * DEFAULT_MAX_BYTES;

/**
 * Renames a resource, resource type, prototype or job: its definition and every reference in the file
 * (`get`, `put`, `resource`, `passed`, `type`, group entries). A name Concourse would not accept, or one
 * already defined, is refused; so is a rename that would miss a place of the name, one written where the text is
 * not read: a broken line read as blank, or the value of a key written again later in its mapping (a first `jobs:`,
 * which fly refuses as a repeated key and the editor does not read); so is one whose answer would write more than
 * {@link MAX_RENAME_WRITES} characters of the new name.
 *
 * A `get: x` or `put: x` without `resource:` names both the resource and the artifact the step makes, which
 * later steps of the job use by that name (task inputs, `input_mapping`, a put's `inputs`, paths such as
 * `file: x/task.yml`, a task file's own inputs). Renaming every use of the artifact cannot be done safely
 * (paths and task files are free text or other files), so the step keeps its name and is given
 * `resource: <new name>`: the file means what it meant, with the resource renamed.
 *
 * A name written through a YAML alias or merge key (`name: *build`, `<<: *base_job`) is renamed at the scalar
 * the anchor holds, so the alias keeps standing for it; a `get`/`put` step named through an alias is refused, and so
 * is one whose name is the anchored scalar of an alias (the step keeps that name: the alias would name the old
 * resource).
 */
export function rename(
  text: TextDocument,
  document: PipelineDocument,
  position: Position,
  newName: string,
): WorkspaceEdit | ResponseError {
  const site = nameAt(document, text.offsetAt(position));
  if (site === undefined) {
    const refused = prepareRename(text, document, position);
    return refused instanceof ResponseError ? refused : new ResponseError(-32602, "nothing to rename here");
  }
  if (newName === site.name) return { changes: { [text.uri]: [] } };
  const problem = checkIdentifier(newName);
  if (problem !== undefined) {
    const reason = problem.kind === "empty" ? "a name cannot be empty" : problem.reason;
    return new ResponseError(-32602, `'${cutToken(newName)}' is not a valid name: ${reason}`);
  }
  if (namesOf(document, site.kind).includes(newName)) {
    return new ResponseError(-32602, `there is already a ${LABEL[site.kind]} named '${newName}'`);
  }
  // a part of the text read as blank may hold the name: its edits would be missing from the rename
  const unread = document.blanked.find(({ start, end }) => writtenIn(document.text, start, end, site.name) !== -1);
  if (unread !== undefined) {
    const { line, character } = text.positionAt(unread.start);
    return new ResponseError(
      -32602,
      `the text cannot be read at ${line + 1}:${character + 1}, where '${site.name}' may be written: fix it before renaming`,
    );
  }
  // so may the value of a key written again later in its mapping (a first `jobs:`), which is not read
  for (const pair of shadowedPairs(document)) {
    const at = writtenIn(document.text, pair.start, pair.end, site.name);
    if (at === -1) continue;
    const { line, character } = text.positionAt(at);
    return new ResponseError(
      -32602,
      `${repeated(text, pair)}, so '${site.name}' at ${line + 1}:${character + 1} would not be renamed: fix the repeated key before renaming`,
    );
  }
  const sites = sitesOf(document, site.kind, site.name);
  // the answer writes the name at each place: a long name at many places made an answer of gigabytes, and the server
  // ran out of memory writing it
  const writes = sites.length * newName.length;
  if (writes > MAX_RENAME_WRITES) {
    return new ResponseError(
      -32602,
      `renaming '${site.name}' at ${sites.length} places to a name of ${newName.length} characters would write ${writes} characters, more than the ${MAX_RENAME_WRITES} a rename writes`,
    );
  }
  const aliasedStep = sites.find((s) => namesStep(s) && s.anchored !== undefined);
  if (aliasedStep !== undefined) {
    const { line, character } = text.positionAt(aliasedStep.start);
    return new ResponseError(
      -32602,
      `'${site.name}' names a step through a YAML alias at ${line + 1}:${character + 1}: rename it by hand`,
    );
  }
  // a get/put named by the anchored scalar keeps it (the step's name), so an alias to it would name the old resource
  const anchoredStep = sites.find((s) => namesStep(s) && sites.some((o) => o.anchored?.start === s.start));
  if (anchoredStep !== undefined) {
    const alias = sites.find((o) => o.anchored?.start === anchoredStep.start) as NameSite;
    const step = text.positionAt(anchoredStep.start);
    const at = text.positionAt(alias.start);
    return new ResponseError(
      -32602,
      `'${site.name}' names a step at ${step.line + 1}:${step.character + 1} whose anchor a YAML alias uses at ${at.line + 1}:${at.character + 1}: rename it by hand`,
    );
  }
  // an anchored scalar renamed changes every alias to it: one that is not a place of this name (a job named by the
  // resource's anchor, a param) would change with it
  const renamedAliases = new Set(sites.filter((s) => s.anchored !== undefined).map((s) => s.start));
  const anchoredScalars = new Set(sites.map((s) => (s.anchored ?? s).start));
  const foreign = aliasesTo(document, anchoredScalars).find((alias) => !renamedAliases.has(alias.start));
  if (foreign !== undefined) {
    const { line, character } = text.positionAt(foreign.start);
    return new ResponseError(
      -32602,
      `the YAML alias at ${line + 1}:${character + 1} stands for '${site.name}' too, where it is not that ${LABEL[site.kind]}: rename it by hand`,
    );
  }
  // a name written through an alias or merge key is renamed where it is anchored, once, and the alias kept
  const edits = new Map<number, TextEdit>();
  for (const s of sites) {
    const { start, end } = s.anchored ?? s;
    if (edits.has(start)) continue;
    edits.set(
      start,
      namesStep(s)
        ? addResource(text, document, s, newName)
        : TextEdit.replace({ start: text.positionAt(start), end: text.positionAt(end) }, written(newName, text, start)),
    );
  }
  return { changes: { [text.uri]: [...edits.values()] } };
}

/**
 * Where `name` is first written as a whole word (not as part of a longer name or key) in the part of `text` from
 * `start` to `end`; -1 if it is not.
 */
function writtenIn(text: string, start: number, end: number, name: string): number {
  const part = text.slice(start, end);
  const isNameChar = (c: string) => /[\w.-]/.test(c);
  for (let at = part.indexOf(name); at !== -1; at = part.indexOf(name, at + 1)) {
    if (!isNameChar(part.charAt(at - 1)) && !isNameChar(part.charAt(at + name.length))) return start + at;
  }
  return -1;
}

/** A `get: x` or `put: x` with no `resource:`: the name is the step's (and its artifact's) as well. */
const namesStep = (site: NameSite): boolean =>
  site.kind === "resource" && site.role === "reference" && (site.path.at(-1) === "get" || site.path.at(-1) === "put");

/** Adds `resource: <name>` to the step of a `get: x` or `put: x`, in the style the step is written in. */
function addResource(text: TextDocument, document: PipelineDocument, site: NameSite, name: string): TextEdit {
  const value = yamlString(name);
  const step = nodeAt(document, site.path.slice(0, -1));
  if (step?.kind === "mapping" && document.text.charCodeAt(step.start) === 0x7b) {
    return TextEdit.insert(text.positionAt(site.end), `, resource: ${value}`);
  }
  const key = step === undefined ? undefined : pairOf(step, String(site.path.at(-1)))?.key;
  const keyStart = key?.kind === "scalar" ? key.start : site.start;
  // the column of the step's keys: where the key's line starts, past dashes (an anchor or tag before the key is
  // the step's: `- &s get: x` has its keys at the anchor's column)
  const lineStart = text.offsetAt({ line: text.positionAt(keyStart).line, character: 0 });
  const lead = /^[ \t]*(?:-[ \t]+)*/.exec(document.text.slice(lineStart, keyStart))?.[0] ?? "";
  const indent = " ".repeat(lead.length);
  const eol = text.getText().includes("\r\n") ? "\r\n" : "\n";
  const line = text.positionAt(site.end).line;
  if (line + 1 < text.lineCount)
    return TextEdit.insert({ line: line + 1, character: 0 }, `${indent}resource: ${value}${eol}`);
  return TextEdit.insert(text.positionAt(text.getText().length), `${eol}${indent}resource: ${value}`);
}

/** The new name as a YAML scalar: in the quotes the old one was written with, else quoted only if it must be. */
function written(name: string, text: TextDocument, start: number): string {
  const first = text.getText().charAt(start);
  return first === '"' || first === "'" ? `${first}${name}${first}` : yamlString(name);
}
