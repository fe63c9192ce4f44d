import { type GoNumber, type GoNumbers, needsGoNumber } from "../concourse/go-number.ts";
import type { PathSegment } from "../model/common.ts";
import { goYamlInteger, goYamlNumber } from "./go-yaml-numbers.ts";

/**
 * How go-yaml read the whole numbers of a text (see ../concourse/go-number.ts): the {@link GoNumbers} of the value
 * read from it, read back from the node written at each path (`nodeAt`: following aliases and
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
