import { expect, test } from "vitest";
import { recentlyUsed } from "./recently-used.ts";

const kept = (max: number, maxSize: number) => recentlyUsed<string>({ max, maxSize, sizeOf: (v) => v.length });

test("past `max` entries, the least recently used are let go; a get makes an entry the one used last", () => {
  const map = kept(2, 100);
  map.set("a", "1");
  map.set("b", "2");
  expect(map.get("a")).toBe("1");
  map.set("c", "3");
  expect([map.get("a"), map.get("b"), map.get("c")]).toEqual(["1", undefined, "3"]);
  expect(map.held()).toEqual({ entries: 2, size: 2 });
});

test("past `maxSize`, the least recently used are let go, but the one used last whatever its size", () => {
  const map = kept(10, 5);
  map.set("a", "12");
  map.set("b", "34");
  map.set("c", "56");
  expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([undefined, "34", "56"]);
  map.set("d", "123456789");
  expect([map.get("b"), map.get("c"), map.get("d")]).toEqual([undefined, undefined, "123456789"]);
  expect(map.held()).toEqual({ entries: 1, size: 9 });
});

test("set again replaces the entry and its size; delete lets it go", () => {
  const map = kept(10, 100);
  map.set("a", "1234");
  map.set("a", "1");
  map.set("b", "22");
  expect(map.held()).toEqual({ entries: 2, size: 3 });
  map.delete("a");
  map.delete("nothing");
  expect(map.get("a")).toBeUndefined();
  expect(map.held()).toEqual({ entries: 1, size: 2 });
});
