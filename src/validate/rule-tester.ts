import { describe, expect, it } from "vitest";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { type Diagnostic, isAboutKey } from "../source/diagnostic.ts";
import { formatPath } from "../source/path.ts";
import type { Rule } from "./define-rule.ts";
import { type RuleSetting, validate } from "./validate.ts";

/** One expected finding: the message id and path always; line, column and message when given. */
export interface ExpectedError<M extends string = string> {
  readonly messageId: M;
  /** In hangar's string form: `jobs[0].plan[0].get`. */
  readonly path: string;
  readonly line?: number;
  readonly col?: number;
  /** The full rendered message. */
  readonly message?: string;
  readonly severity?: "error" | "warning";
}

export interface InvalidCase<M extends string = string> {
  /** The pipeline, as YAML (or JSON) text. */
  readonly code: string;
  readonly errors: readonly ExpectedError<M>[];
  /** A name for the test; defaults to the first line of `code`. */
  readonly name?: string;
  readonly setting?: RuleSetting;
}

export interface ValidCase {
  readonly code: string;
  readonly name?: string;
}

export interface RuleTests<M extends string = string> {
  readonly valid: readonly (string | ValidCase)[];
  readonly invalid: readonly InvalidCase<M>[];
}

/**
 * Runs a rule over YAML sources with vitest: `valid` sources must produce no finding from the rule,
 * `invalid` ones exactly the listed findings (in validate()'s order: by path, then message).
 * Sources must parse cleanly, so a typo in a test's YAML fails loudly instead of passing silently.
 */
export function testRule<M extends string>(rule: Rule<M>, tests: RuleTests<M>): void {
  describe(rule.id, () => {
    tests.valid.forEach((test, i) => {
      const { code, name } = typeof test === "string" ? { code: test, name: undefined } : test;
      it(`valid #${i}: ${name ?? firstLine(code)}`, () => {
        expect(run(rule, code)).toEqual([]);
      });
    });
    tests.invalid.forEach((test, i) => {
      it(`invalid #${i}: ${test.name ?? firstLine(test.code)}`, () => {
        const actual = run(rule, test.code, test.setting);
        expect(actual.map((d, j) => pick(d, test.errors[j]))).toEqual(test.errors.map((e) => ({ ...e })));
      });
    });
  });
}

function run(rule: Rule, code: string, setting?: RuleSetting): Diagnostic[] {
  const parsed = parsePipeline(code);
  const problems = parsed.diagnostics.filter((d) => d.severity === "error");
  if (!parsed.wellFormed || parsed.pipeline === undefined || problems.length > 0) {
    throw new Error(
      `test source does not parse cleanly:\n${problems.map((d) => `  ${formatPath(d.path)}: ${d.message}`).join("\n")}`,
    );
  }
  const diagnostics = validate(parsed.pipeline, {
    registry: [rule],
    ...(setting === undefined ? {} : { rules: { [rule.id]: setting } }),
  });
  return diagnostics.map((d) => {
    const loc = parsed.locate(d.path, isAboutKey(d) ? "key" : "value");
    return loc === undefined ? d : { ...d, loc };
  });
}

/** The fields of a diagnostic that the expectation names (all of them when there is no expectation). */
function pick(d: Diagnostic, expected: ExpectedError | undefined): Record<string, unknown> {
  const full: Record<string, unknown> = {
    messageId: d.messageId ?? d.ruleId,
    path: formatPath(d.path),
    line: d.loc?.line,
    col: d.loc?.col,
    message: d.message,
    severity: d.severity,
  };
  if (expected === undefined) return full;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) out[key] = full[key];
  return out;
}

const firstLine = (code: string): string => {
  const line = code.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
};

/**
 * A template tag for YAML sources in tests: removes the common indentation and the first and last
 * blank lines, so sources can be indented with the surrounding code.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) text += String(values[i]) + (strings[i + 1] ?? "");
  return dedent(text);
}

/** Removes common leading indentation, a leading blank line and trailing blank space. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^[ \t]*\r?\n/, "")
    .replace(/\s+$/, "")
    .split(/\r?\n/);
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === "") continue;
    indent = Math.min(indent, (/^[ \t]*/.exec(line) as RegExpExecArray)[0].length);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return `${lines.map((l) => l.slice(indent)).join("\n")}\n`;
}
