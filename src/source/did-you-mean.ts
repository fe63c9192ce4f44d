/**
 * The edit distance between `a` and `b`: insertions, deletions, substitutions and swaps of two
 * neighbouring characters (`biuld` is one edit from `build`), or `limit + 1` as soon as it is known
 * to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Names longer than this get no suggestion and are no suggestion (the distance costs the product of the lengths). */
export const MAX_SUGGESTED_NAME = 100;

/**
 * The known name closest to `name`, when it is close enough to be a likely typo: at most a third of
 * the name's length in edits (at least one), or the same name in other letter case. Ties go to the
 * name listed first. Names longer than {@link MAX_SUGGESTED_NAME} are left out, so junk costs nothing.
 * @example didYouMean("sorce", ["source", "image"]) // "source"
 */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME) return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    if (candidate === name || candidate.length > MAX_SUGGESTED_NAME) continue;
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * `; did you mean 'x'?` when there is a likely intended name, else "": the words the validator adds to its messages
 * (validate.ts), so that render's undefined names and validate's findings read alike.
 */
export const didYouMeanSuffix = (name: string, known: Iterable<string>): string => {
  const suggestion = didYouMean(name, known);
  return suggestion === undefined ? "" : `; did you mean '${suggestion}'?`;
};
