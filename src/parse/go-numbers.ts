import type { PathSegment } from "../model/common.ts";
import { goYamlInteger, goYamlNumber } from "./go-yaml-schema.ts";

/**
 * How go-yaml read a whole number that JavaScript cannot tell apart from others: the integer it was written as,
 * exactly (go-yaml reads an integer of up to 64 bits exactly, an int64 or a uint64 past 2^63, and fly's messages
 * print all its digits, `cannot unmarshal number 18446744073709551615 into ... of type int`, where JavaScript holds
 * one past 2^53 rounded), or `"float"`: a float64 that happens to be whole (`1e6`, `1000000.0`, `!!float 1000000`),
 * which Go prints as a float where it prints an integer in decimal (`%v` and `%#v` give `1e+06`, sigs.k8s.io/yaml
 * makes the string `1e+06` of it where a string is wanted) and which a Go `int` takes only as the digits json
 * writes for it (`9223372036854775807.0` is 2^63, which is none).
 */
export type GoNumber = bigint | "float";

/**
 * The {@link GoNumber} of a number of a decoded document, by its path, where it tells more than the number: for an
 * integer past 2^53 or a whole float from 1e6 up (below, a whole float prints as the integer does, and fly's
 * templating writes it back as one). Undefined for any other number, and for one not known as either.
 */
export type GoNumbers = (path: readonly PathSegment[], value: number) => GoNumber | undefined;

/** Whole numbers below this magnitude are printed alike by Go as an int and as a float64 (`%v`: `1e+06` from here). */
const FLOAT_FORM_FROM = 1e6;

/** Whether a number's {@link GoNumber} tells more than the number: whole, and past 2^53 or printed as a float. */
export const needsGoNumber = (value: number): boolean => Number.isInteger(value) && Math.abs(value) >= FLOAT_FORM_FROM;

/**
 * The {@link GoNumbers} of a text, read back from the node written at each path (`nodeAt`: following aliases and
 * merge keys, as the position tree's `reachNode` does).
 */
export function goNumbersOf(
  nodeAt: (
    path: readonly PathSegment[],
  ) => { readonly kind: string; readonly start: number; readonly end: number } | undefined,
  text: string,
): GoNumbers {
  return (path, value) => {
    if (!needsGoNumber(value)) return undefined;
    const node = nodeAt(path);
    return node?.kind === "scalar" ? goNumber(text, node.start, node.end, value) : undefined;
  };
}

/**
 * The {@link GoNumber} of the number `value` read from the scalar written from `start` to `end` (white space,
 * comments and its properties `&a !!int` before it, inside or just before the range): its digits when go-yaml reads
 * it as an integer and it is `value` rounded, `"float"` when go-yaml reads it as a float (tagged `!!float`, or not
 * written as an integer of up to 64 bits); undefined for an integer JavaScript holds exactly.
 */
export function goNumber(text: string, start: number, end: number, value: number): GoNumber | undefined {
  const { tag, written } = scalarAt(text, start, end);
  // not this number (a ((var)) put in place, where the text has the var)
  if (goYamlNumber(written) !== value) return undefined;
  const float = tag === "!!float" || tag === "!<tag:yaml.org,2002:float>";
  const exact = float ? undefined : goYamlInteger(written);
  if (exact === undefined) return "float";
  return Number.isSafeInteger(value) ? undefined : exact;
}

/**
 * The integer the scalar written from `start` to `end` reads as, when go-yaml reads it as one and it is `value`
 * rounded (a key named by its digits); else undefined.
 */
export function exactInteger(text: string, start: number, end: number, value: number): bigint | undefined {
  const { tag, written } = scalarAt(text, start, end);
  if (tag !== undefined && tag !== "!!int" && tag !== "!<tag:yaml.org,2002:int>") return undefined;
  const exact = goYamlInteger(written);
  return exact !== undefined && Number(exact) === value ? exact : undefined;
}

/** A scalar's text, past white space, comments and its properties, and its tag (written before it or in the range). */
function scalarAt(text: string, start: number, end: number): { tag: string | undefined; written: string } {
  let i = start;
  let tag = tagBefore(text, start);
  for (;;) {
    while (i < end && /\s/.test(text.charAt(i))) i++;
    const c = text.charAt(i);
    if (c === "#") {
      const eol = text.indexOf("\n", i);
      i = eol === -1 || eol > end ? end : eol + 1;
    } else if (c === "!" || c === "&") {
      const from = i;
      while (i < end && !/\s/.test(text.charAt(i))) i++;
      if (c === "!") tag = text.slice(from, i);
    } else break;
  }
  return { tag, written: text.slice(i, end).trimEnd() };
}

/** The tag among the properties written just before `start` (`&a !!int` before `1`), if any. */
function tagBefore(text: string, start: number): string | undefined {
  let end = start;
  for (let properties = 0; properties < 2; properties++) {
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
    let begin = end;
    while (begin > 0 && !/[\s[{,]/.test(text.charAt(begin - 1))) begin--;
    const token = text.slice(begin, end);
    if (token.startsWith("!")) return token;
    if (!token.startsWith("&")) return undefined;
    end = begin;
  }
  return undefined;
}
