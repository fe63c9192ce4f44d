/**
 * Go's `time.ParseDuration`, which Concourse uses for `timeout`, `check_every`, cache `ttl` and so on: int64
 * nanoseconds as a bigint, with Go's overflow checks, a fraction's share reckoned in float64 as Go reckons it, and Go's
 * error texts.
 */
import { goQuote } from "./go-format.ts";

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n,
  "\u03bcs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX = 1n << 63n;

/** A part of a duration, a number (`1`, `1.5`, `.5`, `1.`) and its unit, as a regular expression's source. */
const PART = String.raw`(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:${Object.keys(UNITS).join("|")}))`;

/**
 * The text Go's `time.ParseDuration` reads, as a regular expression's source (for the JSON Schema): `0`, or numbers
 * (`1`, `1.5`, `.5`, `1.`) each with a unit, after an optional sign. It leaves out the one other check, the range:
 * Go rejects a duration past 2^63-1 nanoseconds (about 292 years).
 */
export const GO_DURATION_SYNTAX = `^[-+]?(?:0|${PART}+)$`;

/**
 * The durations of at least 1s (a task cache's `ttl`, atc/task.go) among {@link GO_DURATION_SYNTAX}'s, as a regular
 * expression's source: no sign `-`, and one part that is a second or more by itself: a whole number of seconds,
 * minutes or hours (`1s`, `1.5m`); a fraction of a minute over 1/60 or of an hour over 1/3600 (`0.5m`, `.0003h`;
 * `0.0166m` is 0.996s); 1000ms, 10^6us or 10^9ns or more. A sum of parts each under a second (`500ms500ms`), which Go
 * reads as 1s, does not match: no regular expression of a useful size adds parts up ({@link
 * GO_DURATION_OF_PARTS_SYNTAX} is what a schema can say of them). A part is judged by its exact value, which Go's
 * float64 share of a fraction of 16 digits or more may round up or down (`0.99999999999999999s` is 1s to Go,
 * `0.0166666666666666669m` 999999999ns).
 */
export const GO_DURATION_AT_LEAST_1S_SYNTAX = (() => {
  const whole = String.raw`0*[1-9][0-9]*(?:\.[0-9]*)?`;
  const atLeast = (digits: number) => String.raw`0*[1-9][0-9]{${digits},}(?:\.[0-9]*)?`;
  const fraction = String.raw`0*\.`;
  const micro = Object.keys(UNITS)
    .filter((unit) => UNITS[unit] === 1_000n)
    .join("|");
  const secondOrMore = [
    `${whole}(?:s|m(?!s)|h)`,
    // over 1/60 = 0.01666...: a fraction that leaves the sixes for a higher digit
    `${fraction}(?:[1-9]|0[2-9]|01[7-9]|016+[7-9])[0-9]*m(?!s)`,
    // over 1/3600 = 0.0002777...
    `${fraction}(?:[1-9]|0[1-9]|00[1-9]|000[3-9]|0002[89]|00027+[89])[0-9]*h`,
    `${atLeast(3)}ms`,
    `${atLeast(6)}(?:${micro})`,
    `${atLeast(9)}ns`,
  ].join("|");
  return `^(?=[+]?${PART}*?(?:${secondOrMore}))${GO_DURATION_SYNTAX.slice(1)}`;
})();

/**
 * The durations of two parts or more, no sign `-`, not all of them zero (`500ms500ms`, `1ms1ms`; not `0s0ms`), as a
 * regular expression's source: Go adds the parts up (`500ms500ms` is 1s, `1ms1ms` 2ms), which no regular expression of
 * a useful size does, so where a duration has a lower bound ({@link GO_DURATION_AT_LEAST_1S_SYNTAX}) a schema can only
 * take all of these or none.
 */
export const GO_DURATION_OF_PARTS_SYNTAX = (() => {
  const zeroPart = String.raw`(?:(?:0+(?:\.0*)?|\.0+)(?:${Object.keys(UNITS).join("|")}))`;
  return `^[+]?(?!${zeroPart}+$)${PART}{2,}$`;
})();

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * A whole number of one unit, of at most six digits (`10m`, `1h`, `500ms`): Go reads it (no unit can overflow under a
 * million), so it is not parsed. The bench's workload has 5,000 `check_every: 10m`, checked once per validation: in a
 * fresh process, 5,000 parses took 15-18 ms of CPU (bigint arithmetic, run before it is optimized), this test 1-2.
 */
const PLAIN_DURATION = /^\d{1,6}(?:ns|us|ms|s|m|h)$/;

/** Go's error for a duration, or undefined when Go reads it. */
export function goDurationError(orig: string): string | undefined {
  if (PLAIN_DURATION.test(orig)) return undefined;
  const parsed = goParseDuration(orig);
  return parsed.ok ? undefined : parsed.error;
}

/** Go's `time.ParseDuration`: nanoseconds, or Go's error text. */
export function goParseDuration(orig: string): { ok: true; ns: bigint } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  // made only when the duration is invalid: most are valid, and the text quotes the whole input
  const invalid = () => fail(`time: invalid duration ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return { ok: true, ns: 0n };
  if (s === "") return invalid();
  let total = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return invalid();
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      v = v * 10n + BigInt(Number(s[i]));
      if (v > MAX) return invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    let frac = 0n;
    // a float64 in Go, as is the fraction's share below: 10^n, exact for the 19 digits at most that are taken
    let scale = 1;
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const next = frac * 10n + BigInt(Number(s[j]));
          if (next > MAX) overflow = true;
          else {
            frac = next;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let u = 0;
    while (u < s.length && !(s[u] === "." || isDigit(s[u]))) u++;
    if (u === 0) return fail(`time: missing unit in duration ${goQuote(orig)}`);
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS[unitName];
    if (unit === undefined) return fail(`time: unknown unit ${goQuote(unitName)} in duration ${goQuote(orig)}`);
    if (v > MAX / unit) return invalid();
    v *= unit;
    if (frac > 0n) {
      // Go's float64(f) * (float64(unit) / scale), truncated: a fraction of 16 digits or more may round up to the
      // next nanosecond, or whole unit (`0.99999999999999999s` is 1s), where the exact share stays under it
      v += BigInt(Math.trunc(Number(frac) * (Number(unit) / scale)));
      if (v > MAX) return invalid();
    }
    total += v;
    if (total > MAX) return invalid();
  }
  if (!neg && total > MAX - 1n) return invalid();
  return { ok: true, ns: neg ? -total : total };
}

/** Go's `time.Duration.String()`: `1m0s`, `1h30m0s`, `1.5s`, `250ms`, `0s`. */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return "0s";
  const sign = ns < 0n ? "-" : "";
  let rest = ns < 0n ? -ns : ns;
  if (rest < 1_000n) return `${sign}${rest}ns`;
  if (rest < 1_000_000n) return `${sign}${decimal(rest, 1_000n, 3)}\u00b5s`;
  if (rest < 1_000_000_000n) return `${sign}${decimal(rest, 1_000_000n, 6)}ms`;
  const hours = rest / UNITS_H;
  rest %= UNITS_H;
  const minutes = rest / UNITS_M;
  rest %= UNITS_M;
  const seconds = `${decimal(rest, 1_000_000_000n, 9)}s`;
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}`;
  return minutes > 0n ? `${sign}${minutes}m${seconds}` : `${sign}${seconds}`;
}

const UNITS_H = 3_600_000_000_000n;
const UNITS_M = 60_000_000_000n;

/** `value / unit` with its fraction's `digits` digits, trailing zeros (and a bare point) left out. */
function decimal(value: bigint, unit: bigint, digits: number): string {
  const fraction = (value % unit).toString().padStart(digits, "0").replace(/0+$/, "");
  return fraction === "" ? `${value / unit}` : `${value / unit}.${fraction}`;
}
