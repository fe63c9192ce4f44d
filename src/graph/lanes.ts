/**
 * Rows for the lanes of long edges: each lane runs along a range of columns and takes the first row
 * below everything already in those columns (their nodes, and the lanes placed before it).
 *
 * One range query and one range update per lane, on a segment tree over the columns, so placing
 * `L` lanes over `C` columns costs O(C + L log C), however many columns each lane crosses.
 */

/** A lane's columns, first and last included. */
export interface LaneSpan {
  readonly from: number;
  readonly to: number;
}

/**
 * The row of each lane, in the order given: the lowest row at or below `floors[c]` (the first free
 * row of column `c`) for every column the lane crosses, and below every lane given before it there.
 */
export function stackLanes(floors: readonly number[], lanes: readonly LaneSpan[]): number[] {
  const size = floors.length;
  if (size === 0 || lanes.length === 0) return lanes.map(() => 0);
  // highest[i]: the first free row below everything in node i's columns
  const highest = new Array<number>(4 * size).fill(0);
  // raisedTo[i]: a floor every column under node i was raised to and its children not told yet (-1: none)
  const raisedTo = new Array<number>(4 * size).fill(-1);
  const build = (i: number, lo: number, hi: number): void => {
    if (lo === hi) {
      highest[i] = floors[lo] as number;
      return;
    }
    const mid = (lo + hi) >> 1;
    build(2 * i, lo, mid);
    build(2 * i + 1, mid + 1, hi);
    highest[i] = Math.max(highest[2 * i] as number, highest[2 * i + 1] as number);
  };
  const raise = (i: number, to: number): void => {
    highest[i] = to;
    raisedTo[i] = to;
  };
  const passDown = (i: number): void => {
    const to = raisedTo[i] as number;
    if (to < 0) return;
    raise(2 * i, to);
    raise(2 * i + 1, to);
    raisedTo[i] = -1;
  };
  const floorOf = (i: number, lo: number, hi: number, span: LaneSpan): number => {
    if (span.to < lo || hi < span.from) return 0;
    if (span.from <= lo && hi <= span.to) return highest[i] as number;
    passDown(i);
    const mid = (lo + hi) >> 1;
    return Math.max(floorOf(2 * i, lo, mid, span), floorOf(2 * i + 1, mid + 1, hi, span));
  };
  // every column of the span is at or above `to` (it is one below their highest floor): raising is setting
  const raiseSpan = (i: number, lo: number, hi: number, span: LaneSpan, to: number): void => {
    if (span.to < lo || hi < span.from) return;
    if (span.from <= lo && hi <= span.to) {
      raise(i, to);
      return;
    }
    passDown(i);
    const mid = (lo + hi) >> 1;
    raiseSpan(2 * i, lo, mid, span, to);
    raiseSpan(2 * i + 1, mid + 1, hi, span, to);
    highest[i] = Math.max(highest[2 * i] as number, highest[2 * i + 1] as number);
  };
  build(1, 0, size - 1);
  return lanes.map((span) => {
    const row = floorOf(1, 0, size - 1, span);
    raiseSpan(1, 0, size - 1, span, row + 1);
    return row;
  });
}
