import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  GO_DURATION_AT_LEAST_1S_SYNTAX,
  GO_DURATION_OF_PARTS_SYNTAX,
  GO_DURATION_SYNTAX,
  goDurationError,
  goDurationString,
  goParseDuration,
} from "./go-duration.ts";

describe("goParseDuration (Go's time.ParseDuration)", () => {
  test.each([
    ["0", 0n],
    ["1h30m", 5_400_000_000_000n],
    ["1.5s", 1_500_000_000n],
    [".5ms", 500_000n],
    ["-2m", -120_000_000_000n],
    ["+3us", 3_000n],
    ["7µs", 7_000n],
    ["10ns", 10n],
  ])("%j is %s ns", (text, ns) => {
    expect(goParseDuration(text)).toEqual({ ok: true, ns });
  });

  // what Go's time.ParseDuration returns for them (run with Go 1.19): it reckons a fraction's share as float64(f) *
  // (unit / scale), which rounds, up or down, where the fraction has 16 digits or more
  test.each([
    ["0.9999999999999999s", 1_000_000_000n],
    ["0.99999999999999999s", 1_000_000_000n],
    ["999.9999999999999999999ms", 1_000_000_000n],
    ["0.999999999999999999998us", 1_000n],
    [".3333333333333333333h", 1_200_000_000_000n],
    ["0.0166666666666666669m", 999_999_999n],
  ])("%j is %s ns, its fraction's share reckoned in float64 as Go reckons it", (text, ns) => {
    expect(goParseDuration(text)).toEqual({ ok: true, ns });
  });

  test.each([
    ["500ms500ms", 1_000_000_000n],
    ["999ms1ms", 1_000_000_000n],
    ["1ms1ms", 2_000_000n],
    ["0.5ns0.5ns", 0n],
  ])("%j, its parts added up, is %s ns", (text, ns) => {
    expect(goParseDuration(text)).toEqual({ ok: true, ns });
  });

  test.each([
    ["", 'time: invalid duration ""'],
    ["10", 'time: missing unit in duration "10"'],
    ["5 minutes", 'time: unknown unit " minutes" in duration "5 minutes"'],
    ["1d", 'time: unknown unit "d" in duration "1d"'],
    [".s", 'time: invalid duration ".s"'],
    ["((timeout))", 'time: invalid duration "((timeout))"'],
    ["9999999999h", 'time: invalid duration "9999999999h"'],
  ])("%j fails with Go's text", (text, error) => {
    expect(goDurationError(text)).toBe(error);
  });

  test("a whole number of one unit is read as the full parse reads it, up to the largest hours and past them", () => {
    const texts = ["10m", "1h", "0s", "500ms", "007s", "999999h", "2562047h", "2562048h", "9999999h", "10M", "10mm"];
    for (const text of texts) {
      const parsed = goParseDuration(text);
      expect([text, goDurationError(text)]).toEqual([text, parsed.ok ? undefined : parsed.error]);
    }
    expect(goDurationError("2562048h")).toBe('time: invalid duration "2562048h"');
  });
});

test("GO_DURATION_SYNTAX matches exactly the texts Go reads, but for the range", () => {
  const syntax = new RegExp(GO_DURATION_SYNTAX, "u");
  const texts = [
    ...["0", "-0", "+0", "0s", "1h30m", "1.5s", ".5ms", "1.s", "-2m", "+3us", "7\u00b5s", "7\u03bcs", "10ns", "1h1h"],
    ...["2h45m30.5s", "007s", "0.000001ns", "1ms1m1s"],
    ...["", "00", "10", "1d", "5 minutes", ".s", "1.5", "s", "1m ", " 1m", "1hm", "1mss", "1M", "--1s", "1s-1s"],
    ...["((timeout))", "never", "1_000s", "1e3s", "0x10s", "1.2.3s", "1h.", "0h0", "+-1s"],
  ];
  for (const text of texts) expect([text, syntax.test(text)]).toEqual([text, goParseDuration(text).ok]);
  // the range is left to Go: past 2^63-1 ns the syntax matches a duration Go rejects
  expect([syntax.test("9999999999h"), goParseDuration("9999999999h").ok]).toEqual([true, false]);
});

test("GO_DURATION_AT_LEAST_1S_SYNTAX matches a duration of one part exactly when Go reads it as 1s or more", () => {
  const atLeast1s = new RegExp(GO_DURATION_AT_LEAST_1S_SYNTAX, "u");
  const goAtLeast1s = (text: string) => {
    const parsed = goParseDuration(text);
    return parsed.ok && parsed.ns >= 1_000_000_000n;
  };
  const texts = [
    ...["1s", "1.s", "01s", "+1s", "0.5m", "1.5m", "1h", "1000ms", "1000000us", "1000000µs", "1000000000ns"],
    ...[".0167m", "0.016667m", "0.0003h", ".000278h", "1ms1s", "1s1ms", "1h30m"],
    // under a second, negative, zero
    ...["500ms", "999ms", "999.999ms", "0.9999s", "0s", "0", "-1s", "-1h", "0.01666m", ".016m", ".000277h", "999999us"],
    ...["999999999ns", "", "1", "1d", "1s-1s"],
  ];
  for (const text of texts) expect([text, atLeast1s.test(text)]).toEqual([text, goAtLeast1s(text)]);
  const part = fc
    .record({
      whole: fc.constantFrom("", "0", "00", "1", "9", "16", "59", "999", "1000", "999999", "1000000", "999999999"),
      fraction: fc.constantFrom(undefined, "", "0", "5", "016", "0166", "0167", "01666667", "00027", "00028", "9999"),
      unit: fc.constantFrom("ns", "us", "µs", "ms", "s", "m", "h"),
      sign: fc.constantFrom("", "", "+", "-"),
    })
    .filter(({ whole, fraction }) => whole !== "" || (fraction !== undefined && fraction !== ""))
    .map(({ whole, fraction, unit, sign }) => `${sign}${whole}${fraction === undefined ? "" : `.${fraction}`}${unit}`);
  // the range is left to Go, as GO_DURATION_SYNTAX leaves it (999999999h)
  const inRange = (text: string) => goParseDuration(text).ok || !new RegExp(GO_DURATION_SYNTAX, "u").test(text);
  fc.assert(
    fc.property(part.filter(inRange), (text) => {
      expect([text, atLeast1s.test(text)]).toEqual([text, goAtLeast1s(text)]);
    }),
    { numRuns: 2000, seed: 31 },
  );
  // parts that add up to a second, each under one: Go's 1s, which the syntax cannot add up
  expect([atLeast1s.test("500ms500ms"), goAtLeast1s("500ms500ms")]).toEqual([false, true]);
  // a fraction of 16 digits or more is judged at its exact value, which Go's float64 share may round up or down
  expect([atLeast1s.test("0.99999999999999999s"), goAtLeast1s("0.99999999999999999s")]).toEqual([false, true]);
  expect([atLeast1s.test("0.0166666666666666669m"), goAtLeast1s("0.0166666666666666669m")]).toEqual([true, false]);
});

test("GO_DURATION_OF_PARTS_SYNTAX matches the durations of two parts or more, not negative, not all zero, whatever they add up to", () => {
  const ofParts = new RegExp(GO_DURATION_OF_PARTS_SYNTAX, "u");
  const matched = ["500ms500ms", "999ms1ms", "0.5s0.5s", "+250ms750ms", "1h30m", "0s1ns", "1ms1ms", "0.5ns0.5ns"];
  const unmatched = [
    ...["1s", "500ms", "0", "0s", "-500ms500ms", "-1h30m", "0s0ms", "+0.0s.0ms00h", "1s-1s", "1ms1", "1ms 1ms"],
    ...["", "1d1h", "((ttl))"],
  ];
  for (const text of matched) expect([text, ofParts.test(text), goParseDuration(text).ok]).toEqual([text, true, true]);
  for (const text of unmatched) expect([text, ofParts.test(text)]).toEqual([text, false]);
  // what a schema can say of a lower bound: of two parts or more, every duration Go reads as 1s or more matches
  const parts = fc
    .array(
      fc
        .record({
          whole: fc.constantFrom("", "0", "1", "250", "500", "999", "1000"),
          fraction: fc.constantFrom(undefined, "", "0", "5", "25", "999"),
          unit: fc.constantFrom("ns", "us", "µs", "ms", "s", "m", "h"),
        })
        .filter(({ whole, fraction }) => whole !== "" || (fraction !== undefined && fraction !== ""))
        .map(({ whole, fraction, unit }) => `${whole}${fraction === undefined ? "" : `.${fraction}`}${unit}`),
      { minLength: 2, maxLength: 4 },
    )
    .map((list) => list.join(""));
  fc.assert(
    fc.property(parts, (text) => {
      const parsed = goParseDuration(text);
      expect([text, parsed.ok]).toEqual([text, true]);
      if (parsed.ok && parsed.ns >= 1_000_000_000n) expect([text, ofParts.test(text)]).toEqual([text, true]);
      if (parsed.ok && parsed.ns === 0n && !/[1-9]/.test(text))
        expect([text, ofParts.test(text)]).toEqual([text, false]);
    }),
    { numRuns: 1000, seed: 31 },
  );
});

describe("goDurationString", () => {
  test.each([
    ["1m", "1m0s"],
    ["60s", "1m0s"],
    ["1h", "1h0m0s"],
    ["90m", "1h30m0s"],
    ["1.5s", "1.5s"],
    ["250ms", "250ms"],
    ["1500us", "1.5ms"],
    ["42ns", "42ns"],
    ["0s", "0s"],
    ["-2m3s", "-2m3s"],
  ])("%s → %s", (text, shown) => {
    const parsed = goParseDuration(text);
    expect(parsed.ok && goDurationString(parsed.ns)).toBe(shown);
  });
});
