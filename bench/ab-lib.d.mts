/** The figures of the bench's printed tables, keyed `section › row › column`. */
export function readTables(text: string): Map<string, number>;

/** Whether a key of {@link readTables} is a ratio column's (a ratio to a floor or phase of the same run). */
export function isRatio(key: string): boolean;

/** One figure's medians and ranges over the rounds of two trees. */
export interface Comparison {
  readonly key: string;
  readonly a: { readonly median: number; readonly min: number; readonly max: number; readonly n: number };
  readonly b: { readonly median: number; readonly min: number; readonly max: number; readonly n: number };
  /** `b`'s median over `a`'s, `undefined` when `a`'s is 0. */
  readonly ratio: number | undefined;
}

/** Rows comparing two trees over rounds, for every figure both have. */
export function compareRounds(
  a: readonly ReadonlyMap<string, number>[],
  b: readonly ReadonlyMap<string, number>[],
): Comparison[];
