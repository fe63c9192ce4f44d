/** A container's limits as Concourse reads them (atc/container_limits.go). */
import { decimalsUpTo } from "./decimal-syntax.ts";
import { goQuote } from "./go-format.ts";

/** The largest uint64, the largest count `strconv.ParseUint(s, 10, 64)` reads. */
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A memory limit written as text: bytes, or a count of KB/MB/GB (`1GB`, `512Mi`, `2g`), all binary units; in any case
 * (Concourse's `(?i)`), spelled out for the JSON Schema, whose patterns have no flags. The count is a uint64 (up to
 * 18446744073709551615, leading zeros aside): `strconv.ParseUint` refuses a larger one.
 */
export const MEMORY_LIMIT_SYNTAX = `^0*(${uint64Digits()})(([KMGkmg])([Ii])?[Bb]?)?$`;

/** The form `ParseMemoryLimit` reads (its `memoryRegex`), digits of any length. */
const MEMORY_LIMIT = /^([0-9]+)(([KMGkmg])([Ii])?[Bb]?)?$/;

const UNIT_BYTES: Readonly<Record<string, number>> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/**
 * What Concourse says of a memory limit written as text (`ParseMemoryLimit`), or undefined when it reads it: text of
 * another form is `could not parse container memory limit`, a count past 64 bits `strconv.ParseUint`'s error.
 */
export function memoryLimitError(text: string): string | undefined {
  const match = MEMORY_LIMIT.exec(text);
  if (match === null) return "could not parse container memory limit";
  const count = match[1] as string;
  return BigInt(count) > UINT64_MAX ? `strconv.ParseUint: parsing ${goQuote(count)}: value out of range` : undefined;
}

/**
 * The bytes of a memory limit written as text (`ParseMemoryLimit`): `1GB` and `1GiB` are both 2^30; undefined for
 * text Concourse cannot read.
 */
export function parseMemoryLimit(text: string): number | undefined {
  const match = MEMORY_LIMIT.exec(text);
  if (match === null || memoryLimitError(text) !== undefined) return undefined;
  const unit = match[3]?.toUpperCase();
  return Number(match[1]) * (unit === undefined ? 1 : (UNIT_BYTES[unit] ?? 1));
}

/** The counts from 0 to 18446744073709551615 without leading zeros, as a regular expression's source. */
function uint64Digits(): string {
  const max = String(UINT64_MAX);
  return ["0", `[1-9][0-9]{0,${max.length - 2}}`, decimalsUpTo(max)].join("|");
}
