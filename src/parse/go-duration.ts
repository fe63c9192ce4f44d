/**
 * Go's `time.ParseDuration`, which Concourse uses for `timeout`, `check_every`, cache `ttl` and so on:
 * a sequence of decimal numbers with units (`ns`, `us`/`µs`/`μs`, `ms`, `s`, `m`, `h`), optionally signed.
 * Returns nanoseconds, or the error text Go gives.
 */
export function parseGoDuration(text: string): { ok: true; nanoseconds: number } | { ok: false; error: string } {
  const quoted = JSON.stringify(text);
  const invalid = { ok: false as const, error: `time: invalid duration ${quoted}` };
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return { ok: true, nanoseconds: 0 };
  if (s === "") return invalid;
  let total = 0;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    const whole = m[1] ?? "";
    const frac = m[2];
    if (whole === "" && (frac === undefined || frac === "")) return invalid;
    s = s.slice(m[0].length);
    const unitMatch = /^[^\d.]*/.exec(s) as RegExpExecArray;
    const unit = unitMatch[0];
    if (unit === "") return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const scale = UNITS[unit];
    if (scale === undefined)
      return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    s = s.slice(unit.length);
    total += Number(`${whole || "0"}.${frac ?? "0"}`) * scale;
  }
  if (total > 9.223372036854776e18) return invalid; // beyond int64 nanoseconds
  return { ok: true, nanoseconds: negative ? -total : total };
}

const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
