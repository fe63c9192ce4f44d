import type { UnknownReference } from "../fragment/pipeline.ts";
import type { Pipeline } from "../model/pipeline.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { formatPath } from "../source/path.ts";
import type { FileValidation } from "../validate/validate-value.ts";

/** The rule id of a name `pipeline()` found undefined (the code of the error it throws). */
export const UNKNOWN_REFERENCE = "pipeline/unknown-reference";

/** What `pipeline()` throws for undefined names: the names, and the pipeline as built. */
export interface UnknownReferences {
  readonly references: readonly UnknownReference[];
  readonly pipeline: Pipeline;
}

/** Whether `error` is `pipeline()`'s unknown-reference error, carrying its pipeline (any copy of hangar). */
export function isUnknownReferences(error: unknown): error is UnknownReferences {
  const e = error as { code?: unknown; references?: unknown; pipeline?: unknown } | null;
  return (
    typeof e === "object" &&
    e !== null &&
    e.code === UNKNOWN_REFERENCE &&
    Array.isArray(e.references) &&
    typeof e.pipeline === "object" &&
    e.pipeline !== null
  );
}

/**
 * A validation result with `pipeline()`'s undefined names as errors in it. The validator's own
 * finding at the same path (its unknown-resource or passed check) is left out: it says the same.
 */
export function withUnknownReferences(
  result: FileValidation,
  references: readonly UnknownReference[] | undefined,
): FileValidation {
  if (references === undefined || references.length === 0) return result;
  const paths = new Set(references.map((r) => formatPath(r.path)));
  const own: Diagnostic[] = references.map((r) => ({
    ruleId: UNKNOWN_REFERENCE,
    severity: "error",
    parity: "hangar",
    message: r.message,
    path: r.path,
  }));
  const others = result.diagnostics.filter((d) => d.severity !== "error" || !paths.has(formatPath(d.path)));
  return { ...result, diagnostics: [...own, ...others] };
}
