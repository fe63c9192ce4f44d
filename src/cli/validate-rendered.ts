import type { Pipeline } from "../model/pipeline.ts";
import { toConcourse } from "../render/to-concourse.ts";
import { formatText } from "../validate/format.ts";
import { hasErrors, validateValue } from "../validate/validate-value.ts";
import type { Io } from "./io.ts";

/**
 * Validates a pipeline before it is written: prints its diagnostics on stderr and returns whether it
 * may be written (no errors; warnings are shown but do not block).
 */
export function validateRendered(pipeline: Pipeline, entry: string, io: Io): boolean {
  const result = validateValue(toConcourse(pipeline), { file: entry });
  if (result.diagnostics.length === 0) return true;
  const color = io.isTTY.stderr && (io.env.NO_COLOR ?? "") === "";
  io.stderr(formatText(result, color));
  const ok = !hasErrors([result]);
  if (!ok) io.stderr(`hangar: ${entry} has errors; nothing was written (--no-validate writes it anyway)\n`);
  return ok;
}
