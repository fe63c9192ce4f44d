// Kept apart from go-yaml-schema.ts, which loads js-yaml: validating a rendered pipeline reads exact integers
// (go-numbers.ts) without loading the YAML reader.

/** An integer as Go's `strconv.ParseInt(s, 0, 64)` reads one (with a leading `0` for octal, as go-yaml adds). */
export const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;

/**
 * The plain scalars go-yaml v2 reads as an int, as a regular expression's source (for the JSON Schema): a sign or
 * digit first (resolve.go's hint), then {@link GO_INT} with `_` anywhere after (go-yaml drops them). It leaves out
 * the range: past 64 bits go-yaml reads a float.
 */
export const GO_YAML_INT_SYNTAX =
  "^(?=[-+0-9])[-+]?_*(?:0_*[xX]_*[0-9a-fA-F][0-9a-fA-F_]*|0_*[oO]_*[0-7][0-7_]*|0_*[bB]_*[01][01_]*|0[0-7_]*|[1-9][0-9_]*)$";

/**
 * The exact integer go-yaml v2 reads a plain scalar as (resolve.go: `strconv.ParseInt(plain, 0, 64)`, then
 * `ParseUint`), where JavaScript's number holds it rounded past 2^53; undefined for any scalar go-yaml reads as
 * something else (beyond 64 bits it is a float).
 */
export function goYamlInteger(text: string): bigint | undefined {
  const plain = text.includes("_") ? text.replace(/_/g, "") : text;
  const int = GO_INT.exec(plain);
  if (int === null) return undefined;
  const [, sign, hex, oct, bin, leadingZero, dec] = int;
  const magnitude = BigInt(
    hex !== undefined
      ? `0x${hex}`
      : oct !== undefined
        ? `0o${oct}`
        : bin !== undefined
          ? `0b${bin}`
          : leadingZero !== undefined
            ? `0o${leadingZero}`
            : (dec as string),
  );
  const n = sign === "-" ? -magnitude : magnitude;
  if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  // ParseUint takes no sign
  return sign === "" && n < 2n ** 64n ? n : undefined;
}

/** go-yaml v2's reading of a plain scalar that starts like a number: an int, a float, or the string itself. */
export function goYamlNumber(text: string): number | string {
  const plain = text.includes("_") ? text.replace(/_/g, "") : text;
  const int = GO_INT.exec(plain);
  if (int !== null) {
    const [, sign, hex, oct, bin, leadingZero, dec] = int;
    const n =
      hex !== undefined
        ? Number.parseInt(hex, 16)
        : oct !== undefined
          ? Number.parseInt(oct, 8)
          : bin !== undefined
            ? Number.parseInt(bin, 2)
            : leadingZero !== undefined
              ? Number.parseInt(leadingZero, 8)
              : Number(dec);
    return sign === "-" ? -n : n;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) {
    // strconv.ParseFloat fails with ErrRange beyond float64, and go-yaml then keeps the scalar a string
    const n = Number.parseFloat(plain);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}
