import { describe, expect, test } from "vitest";
import { type LaneSpan, stackLanes } from "./lanes.ts";

/** The rows as the definition reads: column by column, one lane after another. */
function byColumn(floors: readonly number[], lanes: readonly LaneSpan[]): number[] {
  const free = [...floors];
  return lanes.map(({ from, to }) => {
    let row = 0;
    for (let c = from; c <= to; c++) row = Math.max(row, free[c] as number);
    for (let c = from; c <= to; c++) free[c] = row + 1;
    return row;
  });
}

describe("stackLanes", () => {
  test.each([
    { name: "no lane", floors: [1, 2], lanes: [], rows: [] },
    { name: "one lane under its highest column", floors: [1, 3, 2, 0], lanes: [{ from: 0, to: 2 }], rows: [3] },
    {
      name: "side by side lanes share a row; an overlapping one goes below both",
      floors: [0, 0, 0, 0],
      lanes: [
        { from: 0, to: 1 },
        { from: 2, to: 3 },
        { from: 1, to: 2 },
      ],
      rows: [0, 0, 1],
    },
    {
      name: "a lane below a column raised by another, then one beside them",
      floors: [2, 0, 0, 5],
      lanes: [
        { from: 1, to: 2 },
        { from: 0, to: 1 },
        { from: 2, to: 3 },
        { from: 2, to: 2 },
      ],
      rows: [0, 2, 5, 6],
    },
  ])("$name", ({ floors, lanes, rows }) => {
    expect(stackLanes(floors, lanes)).toEqual(rows);
  });

  test("gives the rows the column by column definition gives, for every lane of a few columns", () => {
    const floors = [3, 0, 1, 4, 0, 0, 2, 1, 0, 5, 0];
    const lanes: LaneSpan[] = [];
    for (let from = 0; from < floors.length; from++) {
      for (let to = from; to < floors.length; to++) lanes.push({ from, to });
    }
    // an order that mixes short and long lanes
    const mixed = lanes.map((lane, i) => ({ lane, key: (i * 37) % lanes.length })).sort((a, b) => a.key - b.key);
    const order = mixed.map((m) => m.lane);
    expect(stackLanes(floors, order)).toEqual(byColumn(floors, order));
  });
});
