/** The figures of the bench's printed tables, keyed `section › row › column`. */
export function readTables(text: string): Map<string, number>;

/** Whether a key of {@link readTables} is a ratio column's (a ratio to a floor or phase of the same run). */
export function isRatio(key: string): boolean;

/** One figure's medians and ranges over the rounds of two trees. */
export interface Comparison {
  readonly key: string;
  readonly a: { readonly median: number; readonly min: number; readonly max: number; readonly n: number };
  readonly b: { readonly median: number; readonly min: number; readonly max: number; readonly n: number };
  /** The median of the rounds' ratios `b / a` (rounds where both have the figure), `undefined` when there is none. */
  readonly ratio: number | undefined;
  /** Where the true median of those ratios lies (see {@link medianInterval}). */
  readonly interval: Interval | undefined;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** The interval's own confidence, at least {@link CONFIDENCE}. */
  readonly confidence: number;
}

/** The confidence asked of {@link medianInterval}: 0.9. */
export const CONFIDENCE: number;

/** The sign test's interval of the median of what `xs` were drawn from; `undefined` for fewer than 5 values. */
export function medianInterval(xs: readonly number[]): Interval | undefined;

/** Rows comparing two trees over rounds, for every figure both have. */
export function compareRounds(
  a: readonly ReadonlyMap<string, number>[],
  b: readonly ReadonlyMap<string, number>[],
): Comparison[];
