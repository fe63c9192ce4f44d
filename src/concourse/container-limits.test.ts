import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MEMORY_LIMIT_SYNTAX, memoryLimitError, parseMemoryLimit } from "./container-limits.ts";

describe("a memory limit written as text, as ParseMemoryLimit reads it", () => {
  test.each([
    ["512", undefined, 512],
    ["1GB", undefined, 2 ** 30],
    ["1gib", undefined, 2 ** 30],
    ["2m", undefined, 2 * 2 ** 20],
    ["18446744073709551615", undefined, 2 ** 64],
    ["0018446744073709551615K", undefined, 2 ** 64 * 1024],
    ["18446744073709551616", 'strconv.ParseUint: parsing "18446744073709551616": value out of range', undefined],
    ["99999999999999999999GB", 'strconv.ParseUint: parsing "99999999999999999999": value out of range', undefined],
    ["1.5GB", "could not parse container memory limit", undefined],
    ["1 GB", "could not parse container memory limit", undefined],
    ["1TB", "could not parse container memory limit", undefined],
    ["", "could not parse container memory limit", undefined],
  ])("%j: %s", (text, error, bytes) => {
    expect(memoryLimitError(text)).toBe(error);
    expect(parseMemoryLimit(text)).toBe(bytes);
  });

  test("MEMORY_LIMIT_SYNTAX, the schema's, matches exactly the text ParseMemoryLimit reads", () => {
    const syntax = new RegExp(MEMORY_LIMIT_SYNTAX);
    const limit = fc
      .record({
        zeros: fc.nat({ max: 3 }),
        near: fc.constantFrom(undefined, 2n ** 64n - 2n, 2n ** 64n - 1n, 2n ** 64n, 10n ** 19n, 10n ** 20n - 1n),
        digits: fc.stringMatching(/^[0-9]{1,21}$/),
        unit: fc.constantFrom("", "K", "m", "Gi", "GiB", "kb", "B", "T", " G"),
      })
      .map(({ zeros, near, digits, unit }) => `${"0".repeat(zeros)}${near ?? digits}${unit}`);
    fc.assert(
      fc.property(limit, (text) => {
        expect([text, syntax.test(text)]).toEqual([text, memoryLimitError(text) === undefined]);
      }),
      { numRuns: 3000, seed: 30 },
    );
  });
});
