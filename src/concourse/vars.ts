/** Concourse's `((var))` syntax (vars/template.go). */

// vars/template.go `interpolationRegex`: `\(\((([-/\.\w\pL]+\:)?[-/\.:@"\w\pL]+)\)\)`
const VAR_REFERENCE = /\(\((([-/.\w\p{L}]+:)?[-/.:@"\w\p{L}]+)\)\)/gu;
const WHOLE_VAR = /^\(\((([-/.\w\p{L}]+:)?[-/.:@"\w\p{L}]+)\)\)$/u;

/**
 * Whether a string holds a `((var))`, so its final value is not known before the pipeline is set or the build runs
 * (every var reference has this in it; the cheap test to make before looking for references).
 */
export const hasVar = (s: string): boolean => s.includes("((");

/** Whether a string is exactly one `((var))` (a var standing for a whole value). */
export const isWholeVar = (s: string): boolean => WHOLE_VAR.test(s);

/** Every `((var))` reference in a string, in order: `[0]` is the reference, `[1]` what is inside the parentheses. */
export const varReferences = (s: string): IterableIterator<RegExpMatchArray> => s.matchAll(VAR_REFERENCE);
