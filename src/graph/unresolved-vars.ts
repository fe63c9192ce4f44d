/**
 * Drawing a pipeline whose only faults are `((vars))` with no value in typed fields (`trigger: ((auto))`):
 * fly refuses to set it until the vars have values, but such a field seldom changes the picture, so the
 * graph draws the pipeline as if the field were absent and says so.
 */
import { isWholeVar } from "../concourse/vars.ts";
import type { Path } from "../model/common.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { checkShape } from "../parse/check-shape.ts";
import type { Diagnostic } from "../source/diagnostic.ts";

/** A drawable pipeline and the diagnostics of the fields left out of it. */
export interface WithoutUnresolvedVars {
  readonly pipeline: Pipeline;
  readonly left: readonly Diagnostic[];
}

/**
 * The pipeline without the fields whose value is a bare `((var))` where a bool, number, list or map is
 * required, when those are its only errors and what remains has the shape Concourse expects; otherwise
 * undefined. `value` is the parsed (not well-formed) document; `diagnostics` its parse diagnostics.
 */
export function withoutUnresolvedVars(
  value: unknown,
  diagnostics: readonly Diagnostic[],
): WithoutUnresolvedVars | undefined {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return undefined;
  let pipeline = value;
  for (const d of errors) {
    const at = d.path.at(-1);
    if (d.ruleId !== "type-mismatch" || typeof at !== "string") return undefined;
    const found = valueAt(pipeline, d.path);
    if (typeof found !== "string" || !isWholeVar(found)) return undefined;
    pipeline = withoutKey(pipeline, d.path);
  }
  if (!checkShape(pipeline).wellFormed) return undefined;
  return { pipeline: pipeline as Pipeline, left: errors };
}

function valueAt(value: unknown, path: Path): unknown {
  let here = value;
  for (const segment of path) {
    if (typeof here !== "object" || here === null) return undefined;
    here = (here as Record<string | number, unknown>)[segment];
  }
  return here;
}

/** A copy of `value` without the key at the end of `path` (the objects on the way copied, nothing mutated). */
function withoutKey(value: unknown, path: Path): unknown {
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => (i === head ? withoutKey(item, rest) : item));
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== head || rest.length > 0)
      .map(([key, item]) => [key, key === head ? withoutKey(item, rest) : item]),
  );
}
