import { isObject } from "../model/common.ts";
import { toYaml } from "../render/yaml.ts";
import { printable, withoutBidiControls } from "../source/printable.ts";
import type { PipelineChange } from "./diff.ts";
import { diffLines, formatHunks, type LineEdit, splitLines, toHunks } from "./line-diff.ts";
import { redact, redactPair } from "./redact.ts";

/** Options of {@link formatChanges} and {@link changesToJson}. */
export interface DiffFormatOptions {
  /** Unchanged lines shown around each changed one. @default 3 */
  readonly context?: number;
  /** Show secret values instead of `<redacted>`. @default false */
  readonly showSecrets?: boolean;
  /** ANSI colours (red removed, green added, yellow headings). @default false */
  readonly color?: boolean;
}

/** How Concourse's diff names each section and one of its objects. */
const LABELS: Readonly<Record<string, readonly [section: string, object: string]>> = {
  groups: ["groups", "group"],
  var_sources: ["variable sources", "variable source"],
  resources: ["resources", "resource"],
  resource_types: ["resource types", "resource type"],
  prototypes: ["prototypes", "prototype"],
  jobs: ["jobs", "job"],
  display: ["display", "display configuration"],
};

/**
 * `before` with its keys in `after`'s order where both have them (the others after), at every depth,
 * so that the YAML of the two differs only where the data does.
 */
function alignKeys(before: unknown, after: unknown): unknown {
  if (Array.isArray(before) && Array.isArray(after)) return before.map((item, i) => alignKeys(item, after[i]));
  if (!isObject(before) || !isObject(after)) return before;
  // own keys only: `toString` or `constructor` is a key like any other, not something every object has
  const keys = [
    ...Object.keys(after).filter((k) => Object.hasOwn(before, k)),
    ...Object.keys(before).filter((k) => !Object.hasOwn(after, k)),
  ];
  return Object.fromEntries(keys.map((k) => [k, alignKeys(before[k], after[k])]));
}

/** The values of a change as shown: secrets hidden unless asked, keys aligned. */
function shown(change: PipelineChange, showSecrets: boolean): { before?: unknown; after?: unknown } {
  const { before, after } = change;
  if (showSecrets) return { before, after };
  if (before !== undefined && after !== undefined) {
    const [b, a] = redactPair(before, after);
    return { before: b, after: a };
  }
  return before !== undefined ? { before: redact(before) } : { after: redact(after) };
}

/**
 * A value as YAML lines for reading, written as `hangar render` writes YAML (render/yaml.ts; NaN and the infinities as
 * YAML's `.nan` and `.inf`): multi-line strings (task scripts) as literal blocks, so that a changed script shows line
 * by line; no line folding. Control characters, line breaks among them, are escaped in a double-quoted string; the
 * bidirectional controls a string may hold as they are are escaped here, so that a value cannot reorder what its line
 * shows (`+uri: https://example.com/\u202e...`). Speed: js-yaml's dump took most of the time of showing 100,000 added
 * jobs.
 */
const yamlLines = (value: unknown): string[] =>
  value === undefined ? [] : splitLines(withoutBidiControls(toYaml(value, { nonFinite: true })));

/** The lines of a change's diff in unified form (`@@` headers, then ` `/`-`/`+` lines). */
function changeLines(change: PipelineChange, context: number, showSecrets: boolean): string[] {
  if (change.kind === "moved") return [];
  const { before, after } = shown(change, showSecrets);
  // an added or removed object is shown whole: its lines need no comparing
  if (change.kind === "added") return yamlLines(after).map((line) => `+${line}`);
  if (change.kind === "removed") return yamlLines(before).map((line) => `-${line}`);
  const edits: LineEdit[] = diffLines(yamlLines(alignKeys(before, after)), yamlLines(after));
  return splitLines(formatHunks(toHunks(edits, context)));
}

/**
 * The heading of one change, in Concourse's words (`job build has changed:`); control characters of the names
 * escaped, so that a name cannot rewrite what the terminal shows.
 */
function heading(change: PipelineChange): string {
  const labels = LABELS[change.section];
  // a named section that is not a list is compared whole (`jobs has changed:`); display is one object
  const whole = change.section === "display" ? labels?.[1] : labels?.[0];
  const what = isObjectChange(change)
    ? `${labels?.[1] ?? printable(change.section)} ${objectName(change)}`
    : (whole ?? printable(change.section));
  if (change.kind === "moved") {
    const [from, to] = change.positions ?? [0, 0];
    return `${what} has moved from position ${from + 1} to ${to + 1}`;
  }
  return `${what} has ${change.kind === "changed" ? "changed" : `been ${change.kind}`}:`;
}

/** Whether a change is of one object of a named section (else of a whole top-level value). */
const isObjectChange = (change: PipelineChange): boolean => change.name !== undefined || change.index !== undefined;

/** Names shown as they are; any other is quoted, so that `#1`, `a b`, `a.b` or `x"` reads as one name and nothing else. */
const BARE_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * How a heading names an object: its name, bare or quoted (see {@link BARE_NAME}), with which occurrence of a repeated
 * name it is, or the position of an object without a name (`at position 2, without a name`), which no name can read as.
 */
function objectName(change: PipelineChange): string {
  if (change.name === undefined) return `at position ${(change.index ?? 0) + 1}, without a name`;
  // quoted with its quotes and backslashes escaped, then its controls as printable escapes them (\x1b, \u202e)
  const name = BARE_NAME.test(change.name) ? change.name : `"${printable(change.name.replace(/["\\]/g, "\\$&"))}"`;
  return change.occurrence === undefined ? name : `${name} (occurrence ${change.occurrence} of that name)`;
}

const ANSI = { red: "\u001b[31m", green: "\u001b[32m", yellow: "\u001b[33m", cyan: "\u001b[36m", reset: "\u001b[0m" };

/**
 * The changes as text, like `fly set-pipeline` shows them but trimmed: per section, a heading per
 * object, then only its changed lines of YAML with `context` lines around them (`@@` marks where in the
 * object's YAML); added and removed objects in full. Empty when there are no changes.
 */
export function formatChanges(changes: readonly PipelineChange[], options: DiffFormatOptions = {}): string {
  const { context = 3, showSecrets = false, color = false } = options;
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const paintLine = (line: string) =>
    line.startsWith("+")
      ? paint(ANSI.green, line)
      : line.startsWith("-")
        ? paint(ANSI.red, line)
        : line.startsWith("@@")
          ? paint(ANSI.cyan, line)
          : line;
  // the lines of each change joined, then all of them once: a text of many small pieces kept until the end is mostly
  // work for the garbage collector
  const parts: string[] = [];
  let section: string | undefined;
  for (const change of changes) {
    const named = isObjectChange(change);
    if (named && change.section !== section)
      parts.push(`${LABELS[change.section]?.[0] ?? printable(change.section)}:\n`);
    section = named ? change.section : undefined;
    const indent = named ? "  " : "";
    const lines = [paint(ANSI.yellow, heading(change)), ...changeLines(change, context, showSecrets).map(paintLine)];
    parts.push(`${indent}${lines.join(`\n${indent}`)}\n`);
  }
  return parts.join("");
}

/** One change as JSON data: what {@link formatChanges} shows, with the values (redacted unless asked). */
export interface JsonChange {
  readonly section: string;
  readonly name?: string;
  readonly occurrence?: number;
  readonly index?: number;
  readonly change: PipelineChange["kind"];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly positions?: readonly [number, number];
  /** The diff's lines, as in the text form. */
  readonly diff: readonly string[];
}

/**
 * The changes as data: `{ equal, changes: [{ section, name?, occurrence?, index?, change, before?, after?, diff }] }`;
 * an object is named by `name` (with `occurrence` from 2 for a repeated name) or, without a name, by its `index`.
 */
export function changesToJson(
  changes: readonly PipelineChange[],
  options: DiffFormatOptions = {},
): { equal: boolean; changes: JsonChange[] } {
  const { context = 3, showSecrets = false } = options;
  return {
    equal: changes.length === 0,
    changes: changes.map((change) => ({
      section: change.section,
      ...(change.name !== undefined && { name: change.name }),
      ...(change.occurrence !== undefined && { occurrence: change.occurrence }),
      ...(change.index !== undefined && { index: change.index }),
      change: change.kind,
      ...shown(change, showSecrets),
      ...(change.positions !== undefined && { positions: change.positions }),
      diff: changeLines(change, context, showSecrets),
    })),
  };
}
