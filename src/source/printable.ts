/**
 * A user-controlled text (a job's name, a pipeline's label, a server's answer) made safe to print on a terminal in
 * a heading or a message: C0 control characters (line breaks and tabs included), DEL, C1 control characters, the
 * Unicode line and paragraph separators and the bidirectional embeddings, overrides and isolates are written as
 * escapes (`\x1b`, `\n`, `\u202e`), so that a name cannot move the cursor, erase or forge lines, or reorder
 * what is shown around it. Other characters, non-ASCII letters included, are kept.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return ESCAPES[code] ?? (code < 0x80 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const ESCAPES: Readonly<Record<number, string>> = { 9: "\\t", 10: "\\n", 13: "\\r" };

/** The bidirectional embeddings, overrides and isolates, which reorder the text after them on a terminal's line. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line of text for a terminal that escapes its other controls itself (YAML, which writes them in a double-quoted
 * string), with its bidirectional controls written as escapes (`\u202e`) too, so that a value cannot reorder what
 * its line shows; its tabs are kept.
 */
export const withoutBidiControls = (text: string): string =>
  text.replace(BIDI_CONTROLS, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);

/** What JSON.stringify writes as it is though a terminal acts on it: DEL, the C1 controls, LS, PS and the bidi controls. */
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (as JSON.stringify writes it: C0 controls already escaped) with the other characters {@link printable}
 * escapes written as `\\u` escapes too: the same JSON value, and nothing in it a terminal acts on. Outside its strings
 * JSON is ASCII, so the characters replaced are all inside strings.
 */
export const printableJson = (json: string): string =>
  json.replace(UNPRINTABLE_IN_JSON, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");
