import type { Path } from "../model/common.ts";
import { type Diagnostic, shownPath } from "../source/diagnostic.ts";
import { comparePaths } from "../source/path.ts";
import { printable, printableJson } from "../source/printable.ts";
import type { FileValidation } from "./validate-text.ts";

/** The output formats of `hangar validate`. */
export const OUTPUT_FORMATS = ["text", "json", "fly"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatOptions {
  /** Colour the text format with ANSI escapes (only for terminals, never with NO_COLOR). */
  readonly color?: boolean | undefined;
}

/** One diagnostic in `hangar validate --format json`. */
export interface JsonDiagnostic {
  readonly rule: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  /** hangar's path form: `jobs[1].plan[2].task`. */
  readonly path: string;
  readonly file: string;
  readonly line: number | null;
  readonly col: number | null;
  /** The line `fly validate-pipeline` prints, context included, for Concourse-parity findings and read errors; null for hangar's own. */
  readonly fly: string | null;
}

/** One file in `hangar validate --format json`. */
export interface JsonFileResult {
  readonly file: string;
  readonly errors: readonly JsonDiagnostic[];
  readonly warnings: readonly JsonDiagnostic[];
}

/** Formats validation results for output; every format ends with a newline (or is empty). */
export function formatResults(
  results: readonly FileValidation[],
  format: OutputFormat,
  options: FormatOptions = {},
): string {
  switch (format) {
    case "json":
      return `${printableJson(JSON.stringify(toJson(results), null, 2))}\n`;
    case "fly":
      return results.map(formatFly).join("");
    case "text":
      return results.map((r) => formatText(r, options.color === true)).join("");
  }
}

/** The JSON contract: one object per file, errors and warnings apart. */
export function toJson(results: readonly FileValidation[]): JsonFileResult[] {
  return results.map((r) => ({
    file: r.file,
    errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => jsonDiagnostic(d, r.file)),
    warnings: r.diagnostics.filter((d) => d.severity === "warning").map((d) => jsonDiagnostic(d, r.file)),
  }));
}

function jsonDiagnostic(d: Diagnostic, file: string): JsonDiagnostic {
  return {
    rule: d.ruleId,
    severity: d.severity,
    message: d.message,
    path: shownPath(d.path),
    file: d.loc?.file ?? file,
    line: d.loc?.line ?? null,
    col: d.loc?.col ?? null,
    fly: flyOf(d),
  };
}

/**
 * The fly line of a diagnostic: what the rule or parser recorded (a read error fly also stops at, in fly's words),
 * else the message of a parity finding; null for hangar's own.
 */
export const flyOf = (d: Diagnostic): string | null => d.fly ?? (d.parity === "concourse" ? d.message : null);

/**
 * A diagnostic's fly line (its message when it has none), each of its lines {@link printable}: fly's own line breaks
 * (a go-yaml error's list) are kept, a name's control characters are escapes.
 */
const flyText = (d: Diagnostic): string => (flyOf(d) ?? d.message).split("\n").map(printable).join("\n");

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", dim: "\u001b[2m", bold: "\u001b[1m", reset: "\u001b[0m" };

/**
 * `file:line:col severity rule message`, one per line (path instead of line and column when there is no location,
 * `file:` alone when there is no path either: a file that cannot be read); the
 * place and the message {@link printable}, so a name's control characters and line breaks are shown as escapes.
 */
export function formatText(result: FileValidation, color = false): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  let out = "";
  for (const d of result.diagnostics) {
    const where = d.loc
      ? `${d.loc.file ?? result.file}:${d.loc.line}:${d.loc.col}`
      : `${result.file}:${shownPath(d.path)}`;
    const severity = d.severity === "error" ? paint(ANSI.red, "error") : paint(ANSI.yellow, "warning");
    out += `${paint(ANSI.bold, printable(where))} ${severity} ${paint(ANSI.dim, d.ruleId)} ${printable(d.message)}\n`;
  }
  return out;
}

/** The sections fly groups its errors under (atc/configvalidate `Validate`), by the path's first key. */
const FLY_SECTIONS: readonly [string, string][] = [
  ["groups", "groups"],
  ["resources", "resources"],
  ["resource_types", "resource types"],
  ["prototypes", "prototypes"],
  ["var_sources", "variable sources"],
  ["jobs", "jobs"],
  ["display", "display config"],
];

/** hangar's findings that stop a read before fly's checks: the file, its YAML, its vars. */
const READ_RULE = /^(input|yaml|vars)\//;

/**
 * Whether a finding stops fly before configvalidate runs, so that fly prints it alone: a decoding error (its fly
 * line is fly's `error ...`) or a reason the file cannot be read at all.
 */
const stopsFly = (d: Diagnostic): boolean =>
  d.severity === "error" &&
  (READ_RULE.test(d.ruleId) || (d.parity === "concourse" && d.fly?.startsWith("error ") === true));

/**
 * What `fly validate-pipeline` prints for one file (after a `file:` header line): the first error that stops
 * the read alone when there is one, a reading error (of the file, its YAML, its vars, its conversion to JSON) before
 * a decoding one (fly stops there; fly's words where it has them, hangar's where fly's cannot be told), else the warnings and the errors grouped by section, then fly's last line `error: configuration
 * invalid` (main.go `handleError` on validate's error) when the file has any error, or `looks good` when it has
 * none. hangar's own findings are not listed.
 */
export function formatFly(result: FileValidation): string {
  let out = `${printable(result.file)}:\n`;
  if (result.readAs === "task") return out + formatFlyExecute(result.diagnostics);
  // fly reads the file (YAML, vars, the conversion to JSON) before it decodes any field
  const stop = readStop(result.diagnostics) ?? result.diagnostics.find(stopsFly);
  if (stop !== undefined) return `${out}error: ${flyText(stop)}\n`;
  const parity = result.diagnostics.filter((d) => d.parity === "concourse");
  const warnings = parity.filter((d) => d.severity === "warning");
  const errors = parity.filter((d) => d.severity === "error");
  if (warnings.length > 0) {
    out += "\nDEPRECATION WARNING:\n";
    for (const w of warnings) out += `  - ${flyText(w)}\n`;
    out += "\n";
    if (warnings.some((w) => w.ruleId.startsWith("identifier-"))) {
      out += "identifier schema documentation: https://concourse-ci.org/config-basics.html#schema.identifier\n\n";
    }
  }
  if (errors.length > 0) {
    out += "\nWARNING:\nError loading existing config:\n";
    const cycles = errors.filter((e) => e.ruleId === "job-cycle");
    const rest = errors.filter((e) => e.ruleId !== "job-cycle");
    const groups: [string, Diagnostic[]][] = FLY_SECTIONS.map(([key, title]) => [
      title,
      rest.filter(
        (e) => (e.path[0] ?? "jobs") === key || (key === "jobs" && !FLY_SECTIONS.some(([k]) => k === e.path[0])),
      ),
    ]);
    if (cycles.length > 0) groups.push(["jobs", cycles]);
    for (const [title, list] of groups) {
      if (list.length === 0) continue;
      out += `  - invalid ${title}:\n${list.map((e) => `\t${flyText(e)}`).join("\n")}\n\n`;
    }
    out += "\n";
  }
  // hangar's own errors (not listed) fail the file too: the output never says `looks good` when the exit code is 1
  if (result.diagnostics.some((d) => d.severity === "error")) return `${out}error: configuration invalid\n`;
  return `${out}looks good\n`;
}

/**
 * The errors of a file that `--format fly` does not list ({@link formatFly}): hangar's own (fly has no such check),
 * when no error that stops fly is printed in their place. They fail the file all the same (`error: configuration
 * invalid`), so a reader may say how many there are and where to see them.
 */
export function unlistedByFly(result: FileValidation): number {
  const { diagnostics } = result;
  const stop =
    readStop(diagnostics) ??
    diagnostics.find(stopsFly) ??
    (result.readAs === "task"
      ? diagnostics.find((d) => d.ruleId === "task-config-unknown-fields" && d.severity === "error")
      : undefined);
  if (stop !== undefined) return 0;
  return diagnostics.filter((d) => d.severity === "error" && d.parity !== "concourse").length;
}

const NO_PLATFORM = "task-config-no-platform";

/**
 * What `fly execute -c` prints for a task config file (after the `file:` header line): the first error that stops the
 * read alone (of the file, its YAML, its vars, a decoding error, then its unknown keys, which end `atc.NewTaskConfig`),
 * else `TaskConfig.Validate`'s errors under `invalid task configuration:`; `looks good` when Concourse would run it
 * (fly execute prints no such line: it goes on and runs the task). hangar's own errors fail the file, as for a pipeline.
 */
function formatFlyExecute(diagnostics: readonly Diagnostic[]): string {
  const stop =
    readStop(diagnostics) ??
    diagnostics.find(stopsFly) ??
    diagnostics.find((d) => d.ruleId === "task-config-unknown-fields" && d.severity === "error");
  if (stop !== undefined) return `error: ${flyText(stop)}\n`;
  // in Validate's order: the platform, then the inputs and the outputs by position
  const errors = diagnostics
    .filter((d) => d.parity === "concourse" && d.severity === "error")
    .sort(
      (a, b) => Number(b.ruleId === NO_PLATFORM) - Number(a.ruleId === NO_PLATFORM) || comparePaths(a.path, b.path),
    );
  if (errors.length > 0) return `error: invalid task configuration:\n${errors.map(flyText).join("\n")}\n`;
  if (diagnostics.some((d) => d.severity === "error")) return "error: configuration invalid\n";
  return "looks good\n";
}

/**
 * The reading error fly stops at: the first by position of those of the file, its YAML and its vars, which fly reads
 * before the conversion to JSON (a bad var name beside a float JSON cannot hold is the only pair a file can have:
 * the others leave no pipeline to read names in); else, of the floats JSON cannot hold (`.inf`, `.nan`), the one
 * `json.Marshal` meets first in sigs.k8s.io/yaml's converted document, whose mappings it writes in sorted key order.
 */
function readStop(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  let stop: Diagnostic | undefined;
  for (const d of diagnostics) {
    if (!stopsFly(d) || !READ_RULE.test(d.ruleId)) continue;
    if (d.ruleId !== UNSUPPORTED_VALUE) return d;
    if (stop === undefined || compareMarshalOrder(d.path, stop.path) < 0) stop = d;
  }
  return stop;
}

const UNSUPPORTED_VALUE = "yaml/UNSUPPORTED_VALUE";

/**
 * The order encoding/json writes two values of one document in: a list's items by index, a mapping's keys sorted as
 * Go compares strings (by UTF-8 bytes, which is by code point, not by JavaScript's UTF-16 units).
 */
function compareMarshalOrder(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return compareCodePoints(String(x), String(y));
  }
  return a.length - b.length;
}

function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}
