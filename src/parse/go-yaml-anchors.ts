import jsyaml from "js-yaml";
import type { GoYamlError } from "./go-yaml-errors.ts";
import { type TextEdit, withEdits } from "./go-yaml-escapes.ts";
import { goYamlLoadOptions } from "./go-yaml-schema.ts";
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

/** A text where an anchor or alias name may be followed by a `:` or `?` (a quick test first: most texts have none). */
export const MAY_END_NAME = /[&*][0-9A-Za-z_-]+[:?]/;

/** How many times a text is read again for the names go-yaml ends at a `:` or `?`: past that, the others read on. */
export const MAX_NAME_READS = 32;

/**
 * `edits` (in text order), with those that end where go-yaml does each anchor or alias name it ends at a `:` or `?`
 * (`*x: 1`, a key that is an alias; `{*x:y}`; `&x?`), which js-yaml reads on (a name `x:`): a space after the name, or
 * in a flow collection, before a `:` that a blank does not follow (a value's indicator there to go-yaml), the `:`
 * written ` : `. The names are those js-yaml reads as names (a `&` or `*` in a scalar is none): each anchor it reads
 * with such a name, and each alias it cannot find, the text read again after each alias (see {@link MAX_NAME_READS}).
 */
export function withNameEnds(text: string, edits: readonly TextEdit[]): TextEdit[] {
  if (!MAY_END_NAME.test(text)) return [...edits];
  const all = [...edits];
  for (let reads = 0; reads < MAX_NAME_READS; reads++) {
    const amended = withEdits(text, all);
    const found = namesReadOn(amended.text);
    if (found.length === 0) break;
    all.push(...found.map((e) => ({ ...e, at: amended.back(e.at) })));
    all.sort((a, b) => a.at - b.at);
    if (!found.some((e) => e.alias)) break;
  }
  return all;
}

/** The name ends js-yaml reads on in `text`, up to the first alias it cannot find (which it stops at). */
function namesReadOn(text: string): (TextEdit & { readonly alias: boolean })[] {
  const found = new Map<number, TextEdit & { readonly alias: boolean }>();
  /** Where the open nodes start, outermost first. */
  const opened: number[] = [];
  const inFlow = (): boolean => opened.some((o) => /[[{]/.test(text[contentStart(text, o, text.length)] ?? ""));
  const end = (at: number, alias: boolean): void => {
    const name = /^[0-9A-Za-z_-]+/.exec(text.slice(at + 1, at + 1025))?.[0];
    const after = name === undefined ? -1 : at + 1 + name.length;
    const c = text[after];
    if (name === undefined || (c !== ":" && c !== "?") || found.has(after)) return;
    const value = c === ":" && inFlow() && !/^[\s,\]}]?$/.test(text[after + 1] ?? "");
    found.set(after, { at: after, length: value ? 1 : 0, text: value ? " : " : " ", alias });
  };
  const listener = (event: "open" | "close", state: ListenerState): void => {
    if (event === "open") {
      opened.push(state.position);
      return;
    }
    const start = opened.pop() ?? state.position;
    if (state.anchor === null || !/[:?]/.test(state.anchor)) return;
    const at = anchorAt(text, start);
    end(
      at !== undefined && text.startsWith(state.anchor, at + 1)
        ? at
        : text.lastIndexOf(`&${state.anchor}`, state.position),
      false,
    );
  };
  try {
    jsyaml.load(text, goYamlLoadOptions(text, { json: true, listener }));
  } catch (error) {
    const { mark, reason } = (error ?? {}) as { mark?: { position?: number }; reason?: unknown };
    const alias = typeof reason === "string" ? /^unidentified alias "(.*)"$/s.exec(reason)?.[1] : undefined;
    if (alias !== undefined && /[:?]/.test(alias)) {
      const at = text.lastIndexOf(`*${alias}`, mark?.position ?? text.length);
      if (at !== -1) end(at, true);
    }
  }
  return [...found.values()].sort((a, b) => a.at - b.at);
}
