import type { Rule } from "../define-rule.ts";

/** Every rule `validate()` runs, as an explicit list (one import per rule file). */
export const rules: readonly Rule[] = [];
