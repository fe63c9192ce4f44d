/** Extremes of long lists of numbers, for the layout's columns and edges. */

/**
 * The least of `values`, or undefined when there is none. A loop: spreading ~100k values into `Math.min`
 * overflows the stack, and a column, or a resource feeding every job, can hold that many.
 */
export function minOf(values: readonly number[]): number | undefined {
  let least: number | undefined;
  for (const v of values) if (least === undefined || v < least) least = v;
  return least;
}
/** The greatest of `values` and `floor` (a loop, as {@link minOf}). */
export function maxOf(values: readonly number[], floor: number): number {
  let most = floor;
  for (const v of values) if (v > most) most = v;
  return most;
}
