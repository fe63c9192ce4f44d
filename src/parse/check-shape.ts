import type { Diagnostic } from "../validate/diagnostic.ts";

export interface ShapeResult {
  readonly isMapping: boolean;
  readonly wellFormed: boolean;
  readonly diagnostics: Diagnostic[];
}

/** Checks that a parsed value has the types Concourse expects (placeholder: mapping check only). */
export function checkShape(value: unknown): ShapeResult {
  const isMapping = typeof value === "object" && value !== null && !Array.isArray(value);
  return { isMapping, wellFormed: isMapping, diagnostics: [] };
}
