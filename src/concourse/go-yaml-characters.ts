/**
 * The characters go-yaml's reader takes (readerc.go, `yaml_parser_update_buffer`): tab, LF, CR, printable ASCII, NEL,
 * U+00A0 to U+D7FF, U+E000 to U+FFFD and those past U+FFFF. Any other anywhere in a stream, in a comment or a JSON
 * string too, stops it with `control characters are not allowed`, before it reads a token.
 */

/** What go-yaml's reader refuses (a lone surrogate aside: text read from UTF-8 holds none). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what it finds
const REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/** The index of the first character go-yaml's reader refuses ({@link REFUSED}), or -1. */
export function firstRefusedCharacter(text: string): number {
  const m = REFUSED.exec(text);
  return m === null ? -1 : m.index;
}

/** DEL and the characters past ASCII. */
const NON_ASCII = /[\u007f-\uffff]/;

/**
 * Whether `text` is ASCII without DEL, so that it holds none of the characters go-yaml refuses but C0 controls: the
 * common case, told without a regular expression where Node's `Buffer` is there (a text is ASCII when its UTF-8 length
 * is its length; DEL is found by `indexOf`). Speed: on the bench workload's JSON at N=10,000 (24 MB), about 7 ms, where
 * a regular expression's test took about 40 ms.
 */
export function isAsciiWithoutDel(text: string): boolean {
  if (text.indexOf("\u007f") !== -1) return false;
  return typeof Buffer === "function" ? Buffer.byteLength(text, "utf8") === text.length : !NON_ASCII.test(text);
}
