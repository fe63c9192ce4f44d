import { resolve } from "node:path";
import type { UnknownReference } from "../fragment/pipeline.ts";
import type { TemplateVars } from "../parse/vars.ts";
import { formatText } from "../validate/format.ts";
import { cacheDirFor } from "./cache-dir.ts";
import { reportError } from "./define-command.ts";
import type { Io } from "./io.ts";
import { withUnknownReferences } from "./unknown-references.ts";
import { type KeptValidation, validationCache } from "./validation-cache.ts";

/** The pipeline about to be written: its data (the one conversion render made) and the text written. */
export interface RenderedPipeline {
  readonly data: unknown;
  readonly text: string;
  readonly format: "json" | "yaml";
}

/** What a validation of rendered data takes besides the data: the names `pipeline()` found undefined, fly's vars. */
export interface ValidationExtras {
  readonly unknownReferences?: readonly UnknownReference[] | undefined;
  readonly vars?: TemplateVars | undefined;
  /** The pipeline is one of a batch, which cleans up the kept validations once, after it. */
  readonly inBatch?: boolean | undefined;
}

/** Whose refusal it is, and what the refused module was not: `hangar <command>: <entry> ...; nothing was <done>`. */
export interface Refusal {
  readonly command: string;
  readonly done: string;
}

/** What a refused pipeline was not: written to a file (render) or set on a Concourse (apply). */
export type Refused = "written" | "set";

/** What `--no-validate` does instead, for each {@link Refused}. */
const FORCED: Readonly<Record<Refused, string>> = {
  written: "--no-validate writes it anyway",
  set: "--no-validate sets it anyway",
};

/**
 * Validates a pipeline's data as it is about to be written (or set), with the names `pipeline()` found undefined and
 * fly's vars filled in (the data itself is not touched): prints the diagnostics on stderr and returns whether it
 * may be written (no errors; warnings are shown but do not block), refused as an error of `command` otherwise
 * (`<entry> has errors; nothing was <done>`). The diagnostics of the same text (and vars,
 * names, hangar) as a previous run are reused from hangar's cache folder without loading the validator (see
 * validation-cache.ts).
 */
export async function validateRendered(
  rendered: RenderedPipeline,
  entry: string,
  io: Io,
  more: ValidationExtras & { readonly command: string; readonly done: Refused },
): Promise<boolean> {
  const path = resolve(io.cwd(), entry);
  const { text, format } = rendered;
  const { unknownReferences, vars, inBatch } = more;
  const cache = validationCache(
    { path, file: entry, text, format, unknownReferences, vars, inBatch },
    cacheDirFor(path),
  );
  let validation = cache?.read(rendered.data);
  if (validation === undefined) {
    validation = await validate(rendered.data, entry, more);
    cache?.write(validation);
  }
  const { result, errors } = validation;
  if (result.diagnostics.length === 0) return true;
  io.stderr(formatText(result, colorOn(io)));
  // --no-validate cannot write a module that pipeline() stopped (see refuseUnknownReferences)
  const forced = unknownReferences === undefined || unknownReferences.length === 0 ? ` (${FORCED[more.done]})` : "";
  if (errors) reportError(io, more.command, `${entry} has errors; nothing was ${more.done}${forced}`);
  return !errors;
}

/** Whether findings printed on stderr are coloured: on a terminal, without NO_COLOR. */
export const colorOn = (io: Io): boolean => io.isTTY.stderr && (io.env.NO_COLOR ?? "") === "";

/**
 * Refuses a module in which `pipeline()` found names it does not define (true when there are none): such a module
 * stopped at that call, so its default export, and the name, target and team it gives, are unknown, and Concourse
 * rejects a name that points nowhere anyway. Prints the names as findings and `hangar <command>: <entry>: ...;
 * nothing was <done>`. For what needs the module's definition even without validation: `render --no-validate`,
 * `apply`.
 */
export function refuseUnknownReferences(
  entry: string,
  references: readonly UnknownReference[] | undefined,
  io: Io,
  { command, done }: Refusal,
): boolean {
  if (references === undefined || references.length === 0) return true;
  io.stderr(formatText(withUnknownReferences({ file: entry, diagnostics: [] }, references), colorOn(io)));
  reportError(
    io,
    command,
    `${entry}: pipeline() stopped the module at names it does not define, so its default export (name, target, team) is unknown; nothing was ${done}`,
  );
  return false;
}

/** The validator's findings, loaded only when they are not kept. */
async function validate(data: unknown, entry: string, more: ValidationExtras): Promise<KeptValidation> {
  const { hasErrors, validateData } = await import("../validate/validate-value.ts");
  const options = { file: entry, ...(more.vars !== undefined && { vars: more.vars }) };
  const result = withUnknownReferences(validateData(data, options), more.unknownReferences);
  return { result, errors: hasErrors([result]) };
}
