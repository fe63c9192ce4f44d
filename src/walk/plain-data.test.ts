import { describe, expect, test } from "vitest";
import { copyData, findNotPlainData, sameData } from "./plain-data.ts";

const FLY_REFUSES = "which UTF-8 cannot hold and fly refuses (found invalid Unicode character escape code)";

describe("findNotPlainData", () => {
  test("plain data, shared parts included, has nothing to report", () => {
    const shared = { a: [1, "x", true, null] };
    expect(findNotPlainData({ jobs: [shared, shared], n: 1.5, s: "", u: undefined })).toBeUndefined();
    // a surrogate pair is well-formed text
    expect(findNotPlainData({ "\ud83d\ude00": ["\ud83d\ude00"] })).toBeUndefined();
  });

  test.each([
    [
      { jobs: [{ plan: [{}, { config: { n: 12n } }] }] },
      ["jobs", 0, "plan", 1, "config", "n"],
      "a BigInt (12n), which JSON cannot hold",
    ],
    [
      { resources: [{ source: { token: () => "x" } }] },
      ["resources", 0, "source", "token"],
      "a function, not data (a factory not called?)",
    ],
    [{ params: { s: Symbol("k") } }, ["params", "s"], "a symbol (Symbol(k)), not data"],
    [{ params: { n: Number.NaN } }, ["params", "n"], "NaN, a number JSON cannot hold"],
    [
      { params: { m: new Map([["a", 1]]) } },
      ["params", "m"],
      "a Map, which JSON writes as {}: give a plain object (Object.fromEntries(map))",
    ],
    [{ params: { s: [new Set([1])] } }, ["params", "s", 0], "a Set, which JSON writes as {}: give an array ([...set])"],
    [{ source: { re: /x/ } }, ["source", "re"], "a RegExp, not data"],
    [{ source: { bytes: new Uint8Array(2) } }, ["source", "bytes"], "a Uint8Array, not data"],
    [
      { jobs: [{ name: "a\ud800" }] },
      ["jobs", 0, "name"],
      `a string holding a lone surrogate (\\ud800), ${FLY_REFUSES}`,
    ],
    [{ params: { "k\udc00": 1 } }, ["params", "k\udc00"], `a key holding a lone surrogate (\\udc00), ${FLY_REFUSES}`],
  ])("%# names the path and the problem", (value, path, problem) => {
    expect(findNotPlainData(value)).toEqual({ path, problem });
  });

  test("a circular reference names where it leads back to", () => {
    const job: Record<string, unknown> = { name: "a", plan: [] };
    (job.plan as unknown[]).push({ do: [{ config: job }] });
    expect(findNotPlainData({ jobs: [{}, {}, {}, job] })).toEqual({
      path: ["jobs", 3, "plan", 0, "do", 0, "config"],
      problem: "a circular reference (back to jobs[3])",
    });
    const top: Record<string, unknown> = {};
    top.self = top;
    expect(findNotPlainData(top)).toEqual({ path: ["self"], problem: "a circular reference (back to the top)" });
  });

  test("objects of the user's classes, and objects without a prototype, are data", () => {
    class Resource {
      constructor(readonly name: string) {}
    }
    expect(findNotPlainData({ resources: [new Resource("r"), Object.create(null)] })).toBeUndefined();
  });

  test("a Proxy that refuses to list its keys, or to give its length", () => {
    const refuse = {
      ownKeys: () => {
        throw new Error("sealed");
      },
      get: () => {
        throw new Error("no length");
      },
    };
    expect(findNotPlainData({ params: new Proxy({}, refuse) })).toEqual({
      path: ["params"],
      problem: "an object that cannot be read: Error: sealed",
    });
    expect(findNotPlainData({ args: new Proxy([], refuse) })).toEqual({
      path: ["args"],
      problem: "an object that cannot be read: Error: no length",
    });
  });

  test("a getter that throws", () => {
    const step = {
      get config(): never {
        throw new Error("vault sealed");
      },
    };
    expect(findNotPlainData({ jobs: [{ plan: [step] }] })).toEqual({
      path: ["jobs", 0, "plan", 0, "config"],
      problem: "a getter that throws: Error: vault sealed",
    });
  });
});

test("sameData ignores key order and undefined keys, not array order", () => {
  expect(sameData({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 })).toBe(true);
  expect(sameData({ b: [2, 1] }, { b: [1, 2] })).toBe(false);
  expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  expect(sameData([{ a: 1 }], [{ a: 1 }])).toBe(true);
  expect(sameData({ a: 1 }, [1])).toBe(false);
  expect(sameData(300, 300.0)).toBe(true);
  // only an object's own keys are its data
  expect(sameData(Object.create({ a: 1 }), {})).toBe(true);
  expect(sameData({}, Object.create({ a: 1 }))).toBe(true);
});

test("copyData copies lists and objects at every depth, keeps an own __proto__ key own, and shares a Date", () => {
  const when = new Date(0);
  const value = JSON.parse('{"a": [{"b": 1}], "__proto__": {"x": 1}}') as Record<string, unknown>;
  value.when = when;
  const copy = copyData(value);
  expect(copy).toEqual(value);
  expect(copy).not.toBe(value);
  expect(copy.a).not.toBe(value.a);
  expect((copy.a as unknown[])[0]).not.toBe((value.a as unknown[])[0]);
  expect(Object.hasOwn(copy, "__proto__")).toBe(true);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(copy.when).toBe(when);
});
