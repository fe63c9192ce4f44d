/** What the shape check reports, in Go's words (`json: cannot unmarshal ...`) and with fly's whole line. */
import { goJsonKind } from "../concourse/go-format.ts";
import type { GoNumbers } from "../concourse/go-number.ts";
import { isWholeVar } from "../concourse/vars.ts";
import type { Path } from "../model/common.ts";
import type { Diagnostic, Parity, Severity } from "../source/diagnostic.ts";
import type { KnownMappings } from "./known-mappings.ts";
import { type At, fieldsOf, pathOf } from "./shape-position.ts";

/** Concourse's prefix for every error of `yaml.Unmarshal` into `atc.Config`. */
export const FLY_UNMARSHAL_PREFIX = "error unmarshaling JSON: while decoding JSON: ";

/** What a check found so far. */
export interface State {
  readonly diagnostics: Diagnostic[];
  wellFormed: boolean;
  /** Whether a value was converted in place (a number given for a string written as a string). */
  changed?: boolean;
  /** What the reader recorded of the large mappings it built (see known-mappings.ts). */
  readonly known?: KnownMappings | undefined;
  /**
   * How go-yaml read the whole numbers JavaScript cannot tell apart (digits past 2^53, floats), when the value was read
   * from a text (see go-numbers.ts).
   */
  readonly numbers?: GoNumbers | undefined;
}

export function typeError(state: State, value: unknown, goType: string, here: At, withNumber = false): void {
  state.wellFormed = false;
  // a float JSON cannot hold fails sigs.k8s.io/yaml's json.Marshal before anything is decoded: the parser reports
  // that instead (parse-pipeline.ts `unsupportedValues`)
  if (typeof value === "number" && !Number.isFinite(value)) return;
  const number = withNumber && typeof value === "number" ? state.numbers?.(pathOf(here), value) : undefined;
  // json writes a float as JavaScript does, an integer past 2^53 by its digits
  const kind = goJsonKind(value, withNumber, typeof number === "bigint" ? number : undefined);
  const where =
    here.struct !== undefined && here.fields !== undefined
      ? `Go struct field ${here.struct}.${fieldsOf(here).join(".")}`
      : "Go value";
  const message = `json: cannot unmarshal ${kind} into ${where} of type ${goType}`;
  state.diagnostics.push({
    ...diagnostic("type-mismatch", "error", "concourse", message + missingVarHint(value), pathOf(here)),
    fly: `${FLY_UNMARSHAL_PREFIX}${here.prefix}${message}`,
  });
}

/**
 * A `((var))` left in place where a bool, number, list or map is required: fly decodes it as the string it is
 * (and fails); the hint names the var and how to give it a value.
 */
export function missingVarHint(value: unknown): string {
  if (typeof value !== "string" || !isWholeVar(value)) return "";
  const name = value.slice(2, -2);
  if (name.includes(":")) return `; the var ${value} is resolved only when the pipeline runs, too late for this field`;
  return `; the var ${value} has no value: pass it with -y ${name}=<yaml>, -v ${name}=<string> or -l <vars file>`;
}

export function valueError(state: State, here: At, message: string, ruleId = "value-invalid", hint = ""): void {
  state.wellFormed = false;
  state.diagnostics.push({
    ...diagnostic(ruleId, "error", "concourse", message + hint, pathOf(here)),
    fly: `${FLY_UNMARSHAL_PREFIX}${here.prefix}${message}`,
  });
}

/** A value nested too deeply to read further (hangar's own limit, so that no reader can overflow its stack). */
export function tooDeep(state: State, message: string, here: At): void {
  state.wellFormed = false;
  state.diagnostics.push(diagnostic("input/too-deep", "error", "hangar", message, pathOf(here)));
}

export function unknownField(state: State, here: At, key: string, strict: boolean): void {
  const message = `unknown field ${JSON.stringify(key)}`;
  state.diagnostics.push(
    strict
      ? {
          ...diagnostic("unknown-field", "warning", "concourse", message, pathOf(here)),
          fly: `${FLY_UNMARSHAL_PREFIX}json: ${message}`,
        }
      : diagnostic("unknown-field-ignored", "warning", "hangar", `${message} (Concourse ignores it)`, pathOf(here)),
  );
}

export function diagnostic(
  ruleId: string,
  severity: Severity,
  parity: Parity,
  message: string,
  path: Path,
): Diagnostic {
  return { ruleId, severity, parity, message, path };
}
