import type { GoNumbers } from "../concourse/go-number.ts";
import { hasVar, varReferences } from "../concourse/vars.ts";
import { isObject } from "../model/common.ts";
import { checkShape, quickDataCheck, type ShapeResult } from "../parse/check-shape.ts";
import type { ReadAs } from "../parse/document-kind.ts";
import type { InputFormat } from "../parse/parse-pipeline.ts";
import { interpolate, type TemplateVars, varProblemDiagnostic } from "../parse/vars.ts";
import { compareByLocation, cutLongTokens, cutToken, type Diagnostic, MAX_QUOTED_TOKEN } from "../source/diagnostic.ts";
import { valueAt } from "../source/path.ts";
import { findNotPlainData } from "../walk/plain-data.ts";
import { refusedVarNames, stopAtRefusedNames } from "./refused-var-names.ts";
import { censusOf, newTally, tallyKey, tallyString } from "./rules/lib/string-census.ts";
import { runRules, type ValidateOptions, validate } from "./validate.ts";

// Kept apart from validate-text.ts so that validating a value (what `hangar render` does) does not load
// the YAML parser.

/** The diagnostics of one file (or pipeline module), located and ordered as they appear in it. */
export interface FileValidation {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Set when the file was read as a task config file (see `ValidateTextOptions.as`), not as a pipeline. */
  readonly readAs?: "task";
  /**
   * For a file `as: "auto"` read as a pipeline, the task config keys of its top level, when it has any: a reader may
   * say how it was read, and that it can be read as a task config.
   */
  readonly taskKeys?: readonly string[];
  /**
   * Set for a file `as: "auto"` read as a pipeline that plainly is neither a pipeline nor a task config (another tool's
   * file: a mapping none of whose top-level keys is one of theirs, a list, a scalar): a reader that found it in a
   * folder may pass it by.
   */
  readonly neither?: true;
}

export interface ValidateTextOptions extends ValidateOptions {
  /** The name shown for the file and put in every location. */
  readonly file?: string | undefined;
  /** Default `auto` (JSON when the text starts with `{` or `[`). */
  readonly format?: InputFormat | undefined;
  /** Like `fly validate-pipeline --strict`: every warning (unknown keys included) becomes an error. */
  readonly strict?: boolean | undefined;
  /** fly's template variables (`-v`, `-y`, `-i`, `-l`), put in place before the pipeline is checked. */
  readonly vars?: TemplateVars | undefined;
  /**
   * What to read a text as: a pipeline (the default), a task config file (`task`), or `auto`: a task config when it
   * plainly is one (a mapping with `run` or `platform` and no key of a pipeline's top level), else a pipeline.
   */
  readonly as?: ReadAs | undefined;
}

/**
 * Validates a pipeline value that did not come from text (a pipeline module, once rendered to plain
 * Concourse data with `toConcourse`): the shape check runs on a JSON copy, so the value is not touched.
 * Diagnostics have paths but no locations.
 */
export function validateValue(value: unknown, options: ValidateTextOptions = {}): FileValidation {
  const file = options.file ?? "<pipeline>";
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(value ?? {}));
  } catch (error) {
    const message = `the pipeline is not plain data: ${error instanceof Error ? error.message : String(error)}`;
    return {
      file,
      diagnostics: [{ ruleId: "input/not-data", severity: "error", parity: "hangar", message, path: [] }],
    };
  }
  const asWritten = copy;
  const filled = withVars(copy, options.vars);
  if (!filled.ok) return { file, diagnostics: filled.diagnostics };
  copy = filled.data;
  const all = shapeThenRules(copy, checkShape(copy), options, asWritten);
  return { file, diagnostics: finish(all, options.strict === true) };
}

/**
 * Validates pipeline data as it is written out (what `renderData` or `toConcourse` returns): the
 * rules read `data` in place, without a copy. Where the data holds something JSON would change or
 * refuse (a function, a BigInt, NaN, a cycle, a getter that throws) that is an `input/not-data` error
 * with its path, and the rules are not run. Diagnostics have paths but no locations.
 */
export function validateData(data: unknown, options: ValidateTextOptions = {}): FileValidation {
  const file = options.file ?? "<pipeline>";
  // The common case, plain data with the right shape, is answered by one walk that also takes the rules' census of
  // strings, where three walks did (the plain-data check, the shape check's quick pass, the census): at 10,000 jobs
  // of the bench's workload, 115-175 ms of CPU against 152-218 ms for the three (0.66-0.84x; medians of 16 runs
  // each, same process, 5 processes, load 4.7-5.2); validating the rendered data in bench 1b's order, 704 against
  // 751 ms of CPU, and 1b's ratio 2.37x against 2.51x (medians of 6 rounds alternating with the three walks, load
  // 2.7-4.6).
  if (options.vars === undefined && isObject(data)) {
    const tally = newTally();
    if (quickDataCheck(data, { visit: tallyString, visitKey: tallyKey, state: tally })) {
      const diagnostics = runRules(data as never, options, censusOf(tally));
      return { file, diagnostics: finish(diagnostics, options.strict === true) };
    }
  }
  const odd = findNotPlainData(data);
  if (odd !== undefined) {
    const message = `the pipeline is not plain data: ${odd.problem}`;
    return {
      file,
      diagnostics: [{ ruleId: "input/not-data", severity: "error", parity: "hangar", message, path: odd.path }],
    };
  }
  const filled = withVars(data, options.vars);
  if (!filled.ok) return { file, diagnostics: filled.diagnostics };
  // the whole numbers vars put in place are as fly holds them (a -y integer past 2^53 by its digits)
  const all = shapeThenRules(filled.data, checkShape(filled.data, undefined, filled.numbers), options, data);
  return { file, diagnostics: finish(all, options.strict === true) };
}

/**
 * The shape check's findings on `data`, then the rules' when it is a well-formed pipeline. On one that is not, with no
 * vars given, the var names fly refuses are looked for too, as the text path looks for them (fly reads every name
 * before it decodes the pipeline; {@link finish} keeps them alone); with vars given, they were read as vars were put
 * in place. `asWritten`: the document before vars were put in place (see {@link ruleFindings}).
 */
function shapeThenRules(
  data: unknown,
  shape: ShapeResult,
  options: ValidateTextOptions,
  asWritten: unknown,
): Diagnostic[] {
  const found: Diagnostic[] = [...shape.diagnostics];
  // concat, not a spread into push: a spread of some 150,000 findings overflows the call stack
  if (shape.wellFormed && shape.isMapping) return found.concat(ruleFindings(shape.value, options, asWritten));
  // a value that is no mapping fails fly's first read, before vars are put in place
  if (!shape.isMapping || options.vars !== undefined) return found;
  return found.concat(refusedVarNames(data as never, undefined, undefined));
}

/**
 * A secret the vars given put in place (`private_key: ((git-key))` with `-l vars.yml`) is one fly set-pipeline stores
 * in the pipeline's config, as it stores one written in the file: its `secret-literal` finding names the var and says
 * so, where it told to use the ((var)) the file holds. `asWritten`: the document before the vars were put in place.
 */
export function secretsFromVars(diagnostics: readonly Diagnostic[], asWritten: unknown): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.ruleId !== "secret-literal") return d;
    const written = valueAt(asWritten, d.path);
    if (typeof written !== "string" || !hasVar(written)) return d;
    const vars = [...new Set(Array.from(varReferences(written), (m) => cutToken(m[0])))];
    if (vars.length === 0) return d;
    const key = d.path.at(-1);
    const what = typeof key === "string" ? `'${cutToken(key)}' gets its secret` : "this secret comes";
    const list = vars.join(", ");
    const message =
      `${what} from ${vars.length === 1 ? "a var" : "vars"} given, ${list}, and fly set-pipeline stores the values of ` +
      `vars given with -v, -y, -l or -i in the pipeline's config; leave ${list} to a credential manager instead`;
    return { ...d, message };
  });
}

/** The options the rules run with: when vars were put in place, their names were read then. */
export const ruleOptions = (options: ValidateTextOptions): ValidateTextOptions =>
  options.vars === undefined ? options : { ...options, varsPutInPlace: true };

/** The rules' findings on a well-formed pipeline, those of a secret the vars given put in place saying so. */
function ruleFindings(pipeline: unknown, options: ValidateTextOptions, asWritten: unknown): Diagnostic[] {
  const found = validate((pipeline ?? {}) as never, ruleOptions(options));
  return options.vars === undefined ? found : secretsFromVars(found, asWritten);
}

/** The data with fly's vars put in place (a new value), or the vars that could not be, as fly reports them. */
function withVars(
  data: unknown,
  vars: TemplateVars | undefined,
):
  | { readonly ok: true; readonly data: unknown; readonly numbers?: GoNumbers }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] } {
  if (vars === undefined) return { ok: true, data };
  const interpolated = interpolate(data, vars);
  if (interpolated.problems.length === 0) return { ok: true, data: interpolated.value, numbers: interpolated.numbers };
  return { ok: false, diagnostics: interpolated.problems.map((p) => varProblemDiagnostic(p)) };
}

/**
 * The unknown keys of strictly decoded structs are told as Concourse treats them: without `--strict`, by what
 * set-pipeline does with them (hangar's `unknown-field-rejected` and `unknown-field-dropped`), since
 * `fly validate-pipeline` is silent; with `--strict`, by fly's own error (the shape check's `unknown-field`).
 */
const UNKNOWN_KEY_RULES = { strict: "unknown-field", setPipeline: ["unknown-field-rejected", "unknown-field-dropped"] };

/**
 * Keeps a var name fly refuses alone, as fly stops at it ({@link stopAtRefusedNames}); applies `--strict` (warnings
 * become errors; see {@link UNKNOWN_KEY_RULES}), cuts long user tokens in the messages
 * of the parser and the shape check (rules' messages are cut from their data) and orders by location.
 */
export function finish(found: Diagnostic[], strict: boolean): Diagnostic[] {
  const diagnostics = stopAtRefusedNames(found).map(cutMessage);
  const out = strict
    ? diagnostics
        .filter((d) => !UNKNOWN_KEY_RULES.setPipeline.includes(d.ruleId))
        .map((d) => (d.severity === "warning" ? { ...d, severity: "error" as const } : d))
    : diagnostics.filter((d) => d.ruleId !== UNKNOWN_KEY_RULES.strict);
  return out.sort(compareByLocation);
}

/** A parse or shape finding with long user tokens (a key, a value) cut in its message and fly line. */
function cutMessage(d: Diagnostic): Diagnostic {
  if (d.messageId !== undefined) return d;
  const long = d.message.length > MAX_QUOTED_TOKEN || (d.fly !== undefined && d.fly.length > MAX_QUOTED_TOKEN);
  if (!long) return d;
  return { ...d, message: cutLongTokens(d.message), ...(d.fly !== undefined && { fly: cutLongTokens(d.fly) }) };
}

/** Whether any of the results has an error. */
export const hasErrors = (results: readonly FileValidation[]): boolean =>
  results.some((r) => r.diagnostics.some((d) => d.severity === "error"));
