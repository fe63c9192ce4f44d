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

/**
 * Whether `text` holds no lone surrogate (a half of a pair, `"\ud800"`, which a TypeScript module can make): UTF-8
 * cannot hold one, and go-yaml refuses the `\u` escape JSON and YAML are written with (`found invalid Unicode character
 * escape code`). Told by `String.prototype.isWellFormed` (native since Node 20): the common case, well-formed text, is
 * one pass over it without a regular expression.
 */
export const isWellFormedText = (text: string): boolean => (text as unknown as WellFormed).isWellFormed();

/** `String.prototype.isWellFormed`, which the ES2023 lib the project compiles against does not declare. */
interface WellFormed {
  isWellFormed(): boolean;
}

/** The first lone surrogate of a text {@link isWellFormedText} said no to, as its escape (`\ud800`), for a message. */
export function loneSurrogate(text: string): string {
  const code = /\p{Cs}/u.exec(text)?.[0].charCodeAt(0) ?? 0xfffd;
  return `\\u${code.toString(16)}`;
}
