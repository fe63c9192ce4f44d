import type { PathSegment } from "../model/common.ts";
import { goYamlInteger } from "./go-yaml-numbers.ts";

/**
 * The exact integer a number of the decoded document was written as, where JavaScript holds it rounded: go-yaml
 * reads an integer of up to 64 bits exactly (an int64, or a uint64 past 2^63) and fly's messages print all its
 * digits (`cannot unmarshal number 18446744073709551615 into ... of type int`), where a number past 2^53 decoded
 * here is only the nearest float64. Undefined for a number that needs no more (a safe integer, a float), and for
 * one not written as such an integer at its path (a var's value put in place, a tagged `!!float`).
 */
export type ExactIntegers = (path: readonly PathSegment[], value: number) => bigint | undefined;

/**
 * The {@link ExactIntegers} of a text, read back from the node written at each path (`nodeAt`: following aliases
 * and merge keys, as the position tree's `reachNode` does).
 */
export function exactIntegersOf(
  nodeAt: (
    path: readonly PathSegment[],
  ) => { readonly kind: string; readonly start: number; readonly end: number } | undefined,
  text: string,
): ExactIntegers {
  return (path, value) => {
    if (!Number.isInteger(value) || Number.isSafeInteger(value)) return undefined;
    const node = nodeAt(path);
    return node?.kind === "scalar" ? exactInteger(text, node.start, node.end, value) : undefined;
  };
}

/**
 * The integer the scalar written from `start` to `end` (white space, comments and its properties `&a !!int` before
 * it, inside or just before the range) reads as, when go-yaml reads it as one and it is `value` rounded; else
 * undefined.
 */
export function exactInteger(text: string, start: number, end: number, value: number): bigint | undefined {
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
  if (tag !== undefined && tag !== "!!int" && tag !== "!<tag:yaml.org,2002:int>") return undefined;
  const exact = goYamlInteger(text.slice(i, end).trimEnd());
  return exact !== undefined && Number(exact) === value ? exact : undefined;
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
