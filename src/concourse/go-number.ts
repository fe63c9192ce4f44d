/**
 * What Go holds for a whole number that JavaScript cannot tell apart from others, and how fly's templating changes it
 * (vars/template.go decodes the pipeline with go-yaml v2, puts vars in place and writes it back before
 * sigs.k8s.io/yaml reads it).
 */
import type { PathSegment } from "../model/common.ts";
import { goFormatFloat } from "./go-format.ts";

/**
 * How Go holds a whole number: the integer, exactly (go-yaml reads one of up to 64 bits exactly, an int64 or a uint64
 * past 2^63, and fly's messages print all its digits, `cannot unmarshal number 18446744073709551615 into ... of type
 * int`, where JavaScript holds one past 2^53 rounded), or `"float"`: a float64 that happens to be whole (`1e6`,
 * `!!float 1000000`), which Go prints as a float (`%v`, `%#v` and FormatFloat 'g' give `1e+06`, and sigs.k8s.io/yaml
 * makes the string `1e+06` of it where a string is wanted) and which a Go `int` takes only when the digits json writes
 * for it are within 64 bits (2^63, the largest int64 written as a float, is not).
 */
export type GoNumber = bigint | "float";

/**
 * The {@link GoNumber} of a whole number of a value, by its path, when it tells more than the number
 * ({@link needsGoNumber}); undefined otherwise, and when it is not known.
 */
export type GoNumbers = (path: readonly PathSegment[], value: number) => GoNumber | undefined;

/**
 * Whether a number's {@link GoNumber} tells more than the number: a whole number from 1e6 up, where Go prints a
 * float64 unlike an int (`1e+06`) and past 2^53, where JavaScript rounds. Below 1e6 a whole float prints as the
 * integer does, and fly's templating writes it back as one (`!!float 3` is the int 3).
 */
export const needsGoNumber = (value: number): boolean => Number.isInteger(value) && Math.abs(value) >= 1e6;

/**
 * The {@link GoNumber} of a number a var from a `-l` file puts in place: sigs.k8s.io/yaml decoded the file into a
 * float64 (no `UseNumber`), which go-yaml v2 writes back in the template as FormatFloat 'g' does: a whole one from 1e6
 * up as `1e+06`, still a float when the pipeline is read.
 */
export const fileVarNumber = (value: number): GoNumber | undefined => (needsGoNumber(value) ? "float" : undefined);

/**
 * The {@link GoNumber} of a number a var from a `-y` (or `-i`) flag puts in place, given the JSON text
 * sigs.k8s.io/yaml made of it (`json`: an integer's digits as written, a float as json writes it, which is how
 * JavaScript writes it, but for the float -0, which json writes `-0`): fly holds a `json.Number`, which go-yaml v2 writes back as an int when `Int64()` takes it,
 * else as the float64 `Float64()` gives.
 */
export function flagVarNumber(value: number, json: string): GoNumber | undefined {
  if (!needsGoNumber(value)) return undefined;
  if (!/^-?\d+$/.test(json)) return "float";
  const n = BigInt(json);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) return "float";
  return Number.isSafeInteger(value) ? undefined : n;
}

/**
 * The JSON text sigs.k8s.io/yaml makes of a number of a `-y` value (the `json.Number` fly holds, and puts into a string
 * as it is): an integer go-yaml read by its digits (`written`), anything else as JavaScript writes it, as json does
 * (but the float -0, which json writes `-0` and JavaScript `0`).
 */
export const flagVarText = (value: number, written: GoNumber | undefined): string =>
  typeof written === "bigint" ? String(written) : Object.is(value, -0) ? "-0" : String(value);

/**
 * {@link GoNumbers} as plain data (kept in a var flag's pair, which the validation cache keys by its JSON): by the
 * JSON of a number's path, its {@link GoNumber}, an integer by its digits.
 */
export type GoNumbersRecord = Readonly<Record<string, string>>;

/**
 * The {@link GoNumbersRecord} of the numbers of a value that tell more than the number ({@link needsGoNumber}), as
 * `numbers` knows them; undefined when there are none.
 */
export function recordGoNumbers(value: unknown, numbers: GoNumbers): GoNumbersRecord | undefined {
  const record: Record<string, string> = {};
  let found = false;
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value, path: [] }];
  for (let here = stack.pop(); here !== undefined; here = stack.pop()) {
    const v = here.value;
    if (typeof v === "number") {
      const n = needsGoNumber(v) ? numbers(here.path, v) : undefined;
      if (n !== undefined) {
        record[JSON.stringify(here.path)] = String(n);
        found = true;
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], path: [...here.path, i] });
    } else if (typeof v === "object" && v !== null) {
      for (const [k, item] of Object.entries(v)) stack.push({ value: item, path: [...here.path, k] });
    }
  }
  return found ? record : undefined;
}

/** The {@link GoNumbers} a {@link GoNumbersRecord} holds. */
export const recordedGoNumbers =
  (record: GoNumbersRecord): GoNumbers =>
  (path, value) => {
    const key = JSON.stringify(path);
    if (!needsGoNumber(value) || !Object.hasOwn(record, key)) return undefined;
    const n = record[key] as string;
    return n === "float" ? "float" : BigInt(n);
  };

/** The {@link GoNumbers} that asks `first`, then `second` where `first` does not know. */
export function eitherNumbers(first: GoNumbers | undefined, second: GoNumbers | undefined): GoNumbers | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return (path, value) => first(path, value) ?? second(path, value);
}

/**
 * The string sigs.k8s.io/yaml makes of a number given for a string (`convertToJSONableObject`): an int in decimal
 * (`number`: its digits, for one past 2^53 read from a text), a float as `strconv.FormatFloat(f, 'g', -1, 32)` writes
 * it (`.inf` is `+Inf`; a whole one too, when it is known as a float: `1e+06`).
 */
export function coercedText(value: number, number: GoNumber | undefined): string {
  if (typeof number === "bigint") return String(number);
  if (number === undefined && Number.isInteger(value) && Math.abs(value) < 2 ** 64) return String(value);
  return goFormatFloat(value, 32);
}
