import type { GoYamlError } from "./go-yaml-errors.ts";
import { contentStart, type ListenerState } from "./yaml-to-json.ts";

/**
 * Anchor and alias names as go-yaml's scanner reads them (scannerc.go `yaml_parser_scan_anchor`, v2 and v3 alike): the
 * name is ASCII letters, digits, `_` and `-`, and what follows it is a blank, a line break, the end of the text or one
 * of `?:,]}%@` and the backquote; anything else (`&x.y`, `*é`, `&x{`) is its error, "did not find expected alphabetic or
 * numeric character", with its context at the `&` or `*` and its problem at the character. js-yaml takes any character
 * but blanks and flow indicators (`,[]{}`) into the name. `%`, `@` and the backquote end the name, and start no token
 * after it: go-yaml's "found character that cannot start any token" there.
 */

/** A character of go-yaml's anchor names (`is_alpha`). */
const NAME_CHARACTER = /[0-9A-Za-z_-]/;
/** What may follow a name: `is_blankz` (blanks, line breaks, the end) or an indicator. */
const NAME_END = /[ \t\r\n\u0085\u2028\u2029\0?:,\]}%@`]/;

/** go-yaml's error in the anchor or alias whose `&` or `*` is at `at`, if it refuses it. */
export function anchorNameError(text: string, at: number): GoYamlError | undefined {
  let end = at + 1;
  while (end < text.length && NAME_CHARACTER.test(text[end] as string)) end++;
  const next = text[end];
  if (end > at + 1 && (next === undefined || NAME_END.test(next))) {
    if (next === "%" || next === "@" || next === "`") {
      return { message: "found character that cannot start any token", stage: "scanner", context: end, problem: end };
    }
    return undefined;
  }
  return {
    message: "did not find expected alphabetic or numeric character",
    stage: "scanner",
    context: at,
    problem: end,
  };
}

/** hangar's words for a name go-yaml refuses (`error`, found by {@link anchorNameError} at `at`). */
export function anchorNameMessage(text: string, at: number, error: GoYamlError): string {
  const what = text[at] === "*" ? "alias" : "anchor";
  // as js-yaml reads it, or to the character refused
  const read = at + 1 + (/^[^\s,[\]{}]*/.exec(text.slice(at + 1, at + 1025))?.[0].length ?? 0);
  const shown = text.slice(at, Math.max(read, error.problem + 1));
  const character = text[error.problem];
  const found = character === undefined || /\s/.test(character) ? "nothing" : JSON.stringify(character);
  return `the ${what} ${shown} has ${found} where go-yaml wants a letter, a digit, "_" or "-" (${error.message})`;
}

/** Where the `&` of the anchor of a node that starts at `open` is (past blanks, comments and a tag), if it has one. */
export function anchorAt(text: string, open: number): number | undefined {
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
    else if (c === "#") {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (c === "!") {
      while (i < text.length && !/\s/.test(text[i] as string)) i++;
    } else return c === "&" ? i : undefined;
  }
  return undefined;
}

/** The first name go-yaml refuses: where its `&` or `*` is, and go-yaml's error. */
export interface RefusedName {
  readonly at: number;
  readonly error: GoYamlError;
}

/**
 * Watches js-yaml's reading for the names go-yaml refuses: a node's anchor when it is read (at the next node opened, or
 * at the node's close), an alias at its close; {@link RefusedName} for the first in the text. `listen` is given every
 * event of js-yaml's listener; the watch keeps where the open nodes start and the last node seen.
 */
export function nameWatch(text: string): {
  listen(event: "open" | "close", state: ListenerState): void;
  /** When js-yaml stopped with `error`: the first name before where it stopped, the one being read included. */
  afterError(error: unknown): RefusedName | undefined;
  first(): RefusedName | undefined;
} {
  let first: RefusedName | undefined;
  /** Where the open nodes start, outermost first. */
  const opened: number[] = [];
  let last: ListenerState | undefined;
  const check = (at: number | undefined): void => {
    if (at === undefined || (first !== undefined && first.at <= at)) return;
    const error = anchorNameError(text, at);
    if (error !== undefined) first = { at, error };
  };
  /** The `&` of an anchor read before `before`. */
  const anchorBefore = (name: string, before: number): number | undefined => {
    const at = text.lastIndexOf(`&${name}`, before);
    return at === -1 ? undefined : at;
  };
  const open = (state: ListenerState): void => {
    if (state.anchor !== null) check(anchorBefore(state.anchor, state.position));
  };
  const close = (state: ListenerState, start: number): void => {
    if (state.anchor !== null) {
      const at = anchorAt(text, start);
      check(
        at !== undefined && text.startsWith(state.anchor, at + 1) ? at : anchorBefore(state.anchor, state.position),
      );
    }
    // an alias is a node of no kind
    if (state.kind !== null) return;
    const content = contentStart(text, start, state.position);
    if (text[content] === "*") check(content);
  };
  return {
    listen(event, state) {
      last = state;
      if (event === "open") {
        open(state);
        opened.push(state.position);
      } else close(state, opened.pop() ?? state.position);
    },
    afterError(error) {
      const { mark, reason } = (error ?? {}) as { mark?: { position?: number }; reason?: unknown };
      const offset = mark?.position ?? text.length;
      if (last?.anchor != null) check(anchorBefore(last.anchor, offset));
      const alias = typeof reason === "string" ? /^unidentified alias "(.*)"$/s.exec(reason)?.[1] : undefined;
      if (alias !== undefined) {
        const at = text.lastIndexOf(`*${alias}`, offset);
        check(at === -1 ? undefined : at);
      }
      return first !== undefined && first.at <= offset ? first : undefined;
    },
    first: () => first,
  };
}
