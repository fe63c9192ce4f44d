/** A container's limits as Concourse reads them (atc/container_limits.go). */

/**
 * A memory limit written as text: bytes, or a count of KB/MB/GB (`1GB`, `512Mi`, `2g`), all binary units; in any case
 * (Concourse's `(?i)`), spelled out for the JSON Schema, whose patterns have no flags.
 */
export const MEMORY_LIMIT_SYNTAX = "^([0-9]+)(([KMGkmg])([Ii])?[Bb]?)?$";
export const MEMORY_LIMIT = new RegExp(MEMORY_LIMIT_SYNTAX);

const UNIT_BYTES: Readonly<Record<string, number>> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/**
 * The bytes of a memory limit written as text (`ParseMemoryLimit`): `1GB` and `1GiB` are both 2^30; undefined for
 * text Concourse cannot read.
 */
export function parseMemoryLimit(text: string): number | undefined {
  const match = MEMORY_LIMIT.exec(text);
  if (match === null) return undefined;
  const unit = match[3]?.toUpperCase();
  return Number(match[1]) * (unit === undefined ? 1 : (UNIT_BYTES[unit] ?? 1));
}
