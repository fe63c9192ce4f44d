/**
 * A YAML emitter for plain JSON-ready data (what `toConcourse()` returns), written for speed and for
 * YAML 1.1 safety: block style, two-space indent, and any string a YAML 1.1 or 1.2 parser could read
 * as something else (`on`, `yes`, `0755`, `1e3`, `2024-01-01`, `~`, ...) is double-quoted.
 */

import { isAsciiWithoutDel } from "../concourse/go-yaml-characters.ts";

/** Strings that may stay plain: start with a letter, `/` or `(`, then a safe set of characters. */
const PLAIN = /^[A-Za-z/(][A-Za-z0-9_ ./()@+=$%-]*$/;
/** Words a YAML 1.1 parser reads as booleans or null, and `e9`, which some YAML 1.1 parsers read as a float. */
const RESERVED =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[eE][-+]?\d+)$/;

/**
 * Characters JSON leaves raw that YAML must not see raw: C1 controls and DEL (refused by YAML 1.1
 * parsers), NEL, LS and PS (line breaks in YAML 1.1, folded inside quotes), BOM and non-characters.
 */
const ESCAPE_IN_QUOTES = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Data as JSON text that a YAML 1.1 parser reads as JSON does (fly and Concourse's API read a JSON pipeline with
 * go-yaml, which refuses DEL, C1 controls and non-characters raw and reads a raw NEL as a line break, folded into a
 * space): those characters, which JSON leaves raw and only strings hold, escaped ({@link ESCAPE_IN_QUOTES}).
 */
export function yamlSafeJson(data: unknown, indent?: number): string {
  const text = JSON.stringify(data, null, indent);
  // ASCII without DEL holds none of ESCAPE_IN_QUOTES: the common case, told faster than the replace looks (renderJson
  // 1.3x as slow at N=100 in `npm run bench:ab` with the replace run on every render)
  return isAsciiWithoutDel(text) ? text : text.replace(ESCAPE_IN_QUOTES, escapeChar);
}

/**
 * Characters go-yaml's reader refuses anywhere in a stream, in a comment too (readerc.go: only tab, LF, CR, printable
 * ASCII, NEL, U+00A0 to U+D7FF, U+E000 to U+FFFD and past U+FFFF pass): C0 controls, DEL, C1 controls but NEL, U+FFFE
 * and U+FFFF; and a lone surrogate, which UTF-8 cannot hold; and the BOM, which YAML reads as a stream's start.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what it finds
const NOT_IN_COMMENT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]|\p{Cs}/gu;

/**
 * Text as YAML comment lines: cut at every line break a YAML 1.1 parser knows (CR, LF, NEL, LS, PS), so no part of it
 * escapes its comment, and the characters no YAML reader takes even in a comment ({@link NOT_IN_COMMENT}) written as
 * `\\u` escapes, so the document is one go-yaml reads.
 */
export const yamlComment = (text: string): string =>
  text
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    .map((line) => (line === "" ? "#" : `# ${line.replace(NOT_IN_COMMENT, escapeChar)}`))
    .join("\n");

/** Whether RESERVED could match: a word of at most 5 letters, or an `e` exponent. */
const mayBeReserved = (s: string) => s.length <= 5 || s.charCodeAt(0) === 0x65 || s.charCodeAt(0) === 0x45;

/** The string as a YAML scalar: plain when that is unambiguous, double-quoted otherwise. */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !(mayBeReserved(s) && RESERVED.test(s)) && !s.endsWith(" ") && !s.includes(" #")) return s;
  return JSON.stringify(s).replace(ESCAPE_IN_QUOTES, escapeChar);
}

/** Mapping keys repeat (`name`, `get`, `params` ...): each is worked out once per document. */
type KeyCache = Map<string, string>;

function yamlKey(key: string, keys: KeyCache): string {
  let k = keys.get(key);
  if (k === undefined) {
    k = yamlString(key);
    keys.set(key, k);
  }
  return k;
}

/**
 * What the emitter writes to: finished chunks of text, the chunk being written, and the key cache.
 * Many small strings kept alive until the end (an array of parts, or one long concatenation) make
 * most of the cost garbage collection; a chunk is made flat once it is long enough, so the pieces
 * it was built from die young.
 */
interface Out {
  readonly chunks: string[];
  text: string;
  readonly keys: KeyCache;
  /** Write NaN and infinities as YAML's `.nan`, `.inf`, `-.inf` rather than refuse them. */
  readonly nonFinite: boolean;
}

const CHUNK = 1 << 16;

function write(out: Out, s: string): void {
  out.text += s;
  if (out.text.length > CHUNK) {
    const chunk = out.text;
    chunk.charCodeAt(0); // flattens the concatenation, releasing its pieces
    out.chunks.push(chunk);
    out.text = "";
  }
}

const text = (out: Out): string => (out.chunks.length === 0 ? out.text : out.chunks.join("") + out.text);

/** Multi-line text that a literal block scalar can carry exactly. */
const BLOCK_SAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be excluded
  /^(?![\s\u0085])[^\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\p{Cs}]*$/u;

function blockScalar(s: string, indent: string): string | undefined {
  if (!s.includes("\n") || !BLOCK_SAFE.test(s) || s.endsWith("\n\n")) return undefined;
  const keep = s.endsWith("\n");
  const lines = (keep ? s.slice(0, -1) : s).split("\n");
  return `|${keep ? "" : "-"}\n${lines.map((l) => (l === "" ? "" : indent + l)).join("\n")}`;
}

/** A finite number; exponent forms get a `.0` (`1.0e+21`), since a YAML 1.1 float needs a dot. */
function yamlNumber(n: number): string {
  const s = String(n);
  return /^-?\d+e/.test(s) ? s.replace("e", ".0e") : s;
}

function scalar(value: unknown, out: Out): string {
  switch (typeof value) {
    case "string":
      return yamlString(value);
    case "number":
      if (Number.isFinite(value)) return yamlNumber(value);
      if (out.nonFinite) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
      break;
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "object":
      return "null";
  }
  // NaN, Infinity, a BigInt, a function, a symbol: what JSON would not write as it is (the caller explains where)
  throw new TypeError(`not data: ${typeof value}`);
}

/** Whether `v` has no own enumerable key (what `Object.keys(v).length === 0` says, without the array). */
function hasNoKeys(v: object): boolean {
  for (const key in v) if (Object.hasOwn(v, key)) return false;
  return true;
}

const isEmptyContainer = (v: unknown) =>
  Array.isArray(v) ? v.length === 0 : typeof v === "object" && v !== null && hasNoKeys(v);

/** The value after a `key:` or `- `: inline for scalars and empty containers, else a new block. */
function emitValue(value: unknown, indent: string, out: Out, afterDash: boolean): void {
  if (value === null || typeof value !== "object") {
    if (typeof value === "string") {
      const block = blockScalar(value, `${indent}  `);
      if (block !== undefined) {
        write(out, ` ${block}\n`);
        return;
      }
    }
    write(out, ` ${scalar(value, out)}\n`);
    return;
  }
  if (isEmptyContainer(value)) {
    write(out, Array.isArray(value) ? " []\n" : " {}\n");
    return;
  }
  if (afterDash && !Array.isArray(value)) {
    // "- key: value" with the other keys aligned under the first
    emitMapping(value as Record<string, unknown>, `${indent}  `, out, true);
    return;
  }
  write(out, "\n");
  if (Array.isArray(value)) emitSequence(value, indent, out);
  else emitMapping(value as Record<string, unknown>, `${indent}  `, out, false);
}

function emitSequence(items: readonly unknown[], indent: string, out: Out): void {
  for (const item of items) {
    write(out, `${indent}-`);
    if (Array.isArray(item) && item.length > 0) {
      write(out, "\n");
      emitSequence(item, `${indent}  `, out);
    } else emitValue(item, indent, out, true);
  }
}

/** Longer keys are written as explicit `? key` entries (YAML caps implicit keys at 1024 characters). */
const MAX_IMPLICIT_KEY = 1000;

function emitMapping(map: Record<string, unknown>, indent: string, out: Out, firstInline: boolean): void {
  let first = true;
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const value = map[key];
    if (value === undefined) continue;
    const k = yamlKey(key, out.keys);
    const start = first && firstInline ? " " : indent;
    first = false;
    if (k.length > MAX_IMPLICIT_KEY) {
      // "? key" / ": value": YAML allows implicit keys of at most 1024 characters
      write(out, `${start}? ${k}\n${indent}:`);
      if (Array.isArray(value) && value.length > 0) {
        write(out, "\n");
        emitSequence(value, `${indent}  `, out);
      } else emitValue(value, indent, out, false);
      continue;
    }
    write(out, `${start}${k}:`);
    if (Array.isArray(value) && value.length > 0) {
      write(out, "\n");
      emitSequence(value, indent, out);
    } else emitValue(value, indent, out, false);
  }
}

/** Options of {@link toYaml}. */
export interface ToYamlOptions {
  /**
   * Write NaN and the infinities as YAML does (`.nan`, `.inf`, `-.inf`), for data read from YAML and shown for reading
   * (`hangar diff`); else they are refused, as JSON cannot hold them. @default false
   */
  readonly nonFinite?: boolean;
}

/** `value` (plain JSON-ready data) as a YAML document. */
export function toYaml(value: unknown, options: ToYamlOptions = {}): string {
  const out: Out = { chunks: [], text: "", keys: new Map(), nonFinite: options.nonFinite === true };
  if (value === null || typeof value !== "object" || isEmptyContainer(value)) {
    emitValue(value, "", out, false);
    return text(out).trimStart();
  }
  if (Array.isArray(value)) emitSequence(value, "", out);
  else emitMapping(value as Record<string, unknown>, "", out, false);
  return text(out);
}
