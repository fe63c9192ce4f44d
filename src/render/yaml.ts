/**
 * A YAML emitter for plain JSON-ready data (what `toConcourse()` returns), written for speed and for
 * YAML 1.1 safety: block style, two-space indent, and any string a YAML 1.1 or 1.2 parser could read
 * as something else (`on`, `yes`, `0755`, `1e3`, `2024-01-01`, `~`, ...) is double-quoted.
 */

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

/** The string as a YAML scalar: plain when that is unambiguous, double-quoted otherwise. */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(" ") && !s.includes(" #")) return s;
  return JSON.stringify(s).replace(ESCAPE_IN_QUOTES, escapeChar);
}

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

function scalar(value: unknown): string {
  switch (typeof value) {
    case "string":
      return yamlString(value);
    case "number":
      return Number.isFinite(value) ? yamlNumber(value) : JSON.stringify(String(value));
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    default:
      return "null";
  }
}

const isEmptyContainer = (v: unknown) =>
  Array.isArray(v) ? v.length === 0 : typeof v === "object" && v !== null && Object.keys(v).length === 0;

/** The value after a `key:` or `- `: inline for scalars and empty containers, else a new block. */
function emitValue(value: unknown, indent: string, out: string[], afterDash: boolean): void {
  if (value === null || typeof value !== "object") {
    if (typeof value === "string") {
      const block = blockScalar(value, `${indent}  `);
      if (block !== undefined) {
        out.push(` ${block}\n`);
        return;
      }
    }
    out.push(` ${scalar(value)}\n`);
    return;
  }
  if (isEmptyContainer(value)) {
    out.push(Array.isArray(value) ? " []\n" : " {}\n");
    return;
  }
  if (afterDash && !Array.isArray(value)) {
    // "- key: value" with the other keys aligned under the first
    emitMapping(value as Record<string, unknown>, `${indent}  `, out, true);
    return;
  }
  out.push("\n");
  if (Array.isArray(value)) emitSequence(value, indent, out);
  else emitMapping(value as Record<string, unknown>, `${indent}  `, out, false);
}

function emitSequence(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    out.push(`${indent}-`);
    if (Array.isArray(item) && item.length > 0) {
      out.push("\n");
      emitSequence(item, `${indent}  `, out);
    } else emitValue(item, indent, out, true);
  }
}

/** Longer keys are written as explicit `? key` entries (YAML caps implicit keys at 1024 characters). */
const MAX_IMPLICIT_KEY = 1000;

function emitMapping(map: Record<string, unknown>, indent: string, out: string[], firstInline: boolean): void {
  let first = true;
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const value = map[key];
    if (value === undefined) continue;
    const k = yamlString(key);
    const start = first && firstInline ? " " : indent;
    first = false;
    if (k.length > MAX_IMPLICIT_KEY) {
      // "? key" / ": value": YAML allows implicit keys of at most 1024 characters
      out.push(`${start}? ${k}\n${indent}:`);
      if (Array.isArray(value) && value.length > 0) {
        out.push("\n");
        emitSequence(value, `${indent}  `, out);
      } else emitValue(value, indent, out, false);
      continue;
    }
    out.push(`${start}${k}:`);
    if (Array.isArray(value) && value.length > 0) {
      out.push("\n");
      emitSequence(value, indent, out);
    } else emitValue(value, indent, out, false);
  }
}

/** `value` (plain JSON-ready data) as a YAML document. */
export function toYaml(value: unknown): string {
  if (value === null || typeof value !== "object" || isEmptyContainer(value)) {
    const out: string[] = [];
    emitValue(value, "", out, false);
    return out.join("").trimStart();
  }
  const out: string[] = [];
  if (Array.isArray(value)) emitSequence(value, "", out);
  else emitMapping(value as Record<string, unknown>, "", out, false);
  return out.join("");
}
