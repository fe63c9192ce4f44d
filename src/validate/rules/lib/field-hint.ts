/** "Did you mean" for unknown keys reported together at the object holding them (a step, a task config). */

import { cutToken } from "../../../source/diagnostic.ts";
import { didYouMean } from "../../../source/did-you-mean.ts";

/**
 * `did you mean 'fail_fast'?` for one unknown key close to a known one; for several, each with its likely key
 * (`did you mean 'inputs' for "inptus", 'outputs' for "ouputs"?`); undefined when none is close.
 */
export function fieldHint(unknown: readonly string[], known: readonly string[]): string | undefined {
  const pairs = unknown.flatMap((key) => {
    const meant = didYouMean(key, known);
    return meant === undefined ? [] : [[key, meant] as const];
  });
  if (pairs.length === 0) return undefined;
  if (unknown.length === 1) return `did you mean '${pairs[0]?.[1]}'?`;
  return `did you mean ${pairs.map(([key, meant]) => `'${meant}' for ${JSON.stringify(cutToken(key))}`).join(", ")}?`;
}
