/**
 * Concourse's identifier check (atc/configwarning.go `ValidateIdentifier`): the same regular expressions,
 * the same order of checks and the same reasons.
 */

const LETTERS = "\\p{Ll}\\p{Lt}\\p{Lm}\\p{Lo}";
const JUST_NUMBERS = /^\d+$/;

/**
 * Concourse's Unicode regular expressions, made when an identifier is not plain (see isPlainValid), not when this
 * module loads: making the three took 1.4 to 2 ms, paid by every validation, most of which never needs them. Made
 * again at each such call, they come from V8's cache of regular expressions (1,000 makings and uses: about 4 ms).
 */
const unicodeChecks = () => ({
  VALID: new RegExp(`^[${LETTERS}\\d][${LETTERS}\\d\\-_.]*$`, "u"),
  STARTS_WRONG: new RegExp(`^[^${LETTERS}\\d]`, "u"),
  INVALID_CHARACTER: new RegExp(`[^${LETTERS}\\d\\-_.]`, "u"),
});

/**
 * The common case without a Unicode regular expression: ASCII lowercase letters, digits, `-`, `_` and `.`,
 * starting with a letter or digit, and not all digits (what VALID accepts and JUST_NUMBERS does not).
 */
function isPlainValid(identifier: string): boolean {
  let letters = false;
  for (let i = 0; i < identifier.length; i++) {
    const c = identifier.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) letters = true;
    else if (c >= 0x30 && c <= 0x39) continue;
    else if (i === 0 || (c !== 0x2d && c !== 0x5f && c !== 0x2e)) return false;
  }
  return letters || !JUST_NUMBERS.test(identifier);
}

export type IdentifierProblem = { readonly kind: "empty" } | { readonly kind: "invalid"; readonly reason: string };

export function checkIdentifier(identifier: string): IdentifierProblem | undefined {
  if (identifier === "") return { kind: "empty" };
  if (isPlainValid(identifier)) return undefined;
  if (JUST_NUMBERS.test(identifier)) return { kind: "invalid", reason: "cannot be just numbers" };
  const { VALID, STARTS_WRONG, INVALID_CHARACTER } = unicodeChecks();
  if (VALID.test(identifier)) return undefined;
  if (STARTS_WRONG.test(identifier))
    return { kind: "invalid", reason: "must start with a lowercase letter or a number" };
  // Go searches identifier[1:] by BYTES: after a multi-byte first character it lands inside that character and
  // reports the stray byte; a terminal shows it as U+FFFD.
  const first = identifier.codePointAt(0) ?? 0;
  if (first >= 0x80) return { kind: "invalid", reason: "illegal character '\uFFFD'" };
  const found = INVALID_CHARACTER.exec(identifier.slice(1));
  return { kind: "invalid", reason: found === null ? "" : `illegal character '${found[0]}'` };
}

/**
 * StepValidator skips the check for a task or set_pipeline step directly under `across:` (its name may use the
 * across vars): Go tests `context[-2] == ".across"` and that `context[-1]` CONTAINS "task" or "set_pipeline", so
 * any step under across whose label contains those words is skipped too.
 */
export const acrossExempt = (hasAcross: boolean, label: string): boolean =>
  hasAcross && (label.includes("set_pipeline") || label.includes("task"));
