import type { UnknownReference } from "../fragment/pipeline.ts";
import type { TemplateVars } from "../parse/vars.ts";
import { formatText } from "../validate/format.ts";
import { hasErrors, validateData } from "../validate/validate-value.ts";
import type { Io } from "./io.ts";
import { withUnknownReferences } from "./unknown-references.ts";

/**
 * Validates a pipeline's data as it is about to be written (the one conversion render made), with the
 * names `pipeline()` found undefined and fly's vars filled in (the data itself is not touched): prints the
 * diagnostics on stderr and returns whether it may be written (no errors; warnings are shown but do not block).
 */
export function validateRendered(
  data: unknown,
  entry: string,
  io: Io,
  more: {
    readonly unknownReferences?: readonly UnknownReference[] | undefined;
    readonly vars?: TemplateVars | undefined;
  } = {},
): boolean {
  const options = { file: entry, ...(more.vars !== undefined && { vars: more.vars }) };
  const result = withUnknownReferences(validateData(data, options), more.unknownReferences);
  if (result.diagnostics.length === 0) return true;
  const color = io.isTTY.stderr && (io.env.NO_COLOR ?? "") === "";
  io.stderr(formatText(result, color));
  const ok = !hasErrors([result]);
  if (!ok) io.stderr(`hangar: ${entry} has errors; nothing was written (--no-validate writes it anyway)\n`);
  return ok;
}
