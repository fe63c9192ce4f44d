/**
 * Some ol-infrastructure pipelines run task scripts that are ol-infrastructure's own text (shell or
 * Python programs kept in `.sh` files or in the pipeline's Python source). Those scripts are not
 * stored in this repository: the examples read them from a checkout of ol-infrastructure named by
 * the environment variable `OL_INFRASTRUCTURE_DIR`.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export { PIPELINES_DIR } from "./constants.ts";

/** The environment variable naming the checkout of ol-infrastructure. */
export const CHECKOUT_VARIABLE = "OL_INFRASTRUCTURE_DIR";

/**
 * The text of `path` (relative to the checkout's root) in the checkout named by `OL_INFRASTRUCTURE_DIR`.
 * Throws an error naming the variable and the file when the variable is unset or the file is missing.
 * @example readCheckoutFile("src/ol_concourse/pipelines/applications/ol_superset_deploy.py")
 */
export function readCheckoutFile(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[CHECKOUT_VARIABLE];
  if (dir === undefined || dir === "") {
    throw new Error(
      `${CHECKOUT_VARIABLE} is not set: set it to a checkout of https://github.com/mitodl/ol-infrastructure, ` +
        `whose ${path} holds this pipeline's task scripts`,
    );
  }
  const file = join(dir, path);
  if (!existsSync(file)) throw new Error(`${CHECKOUT_VARIABLE}=${dir} has no ${path} (expected ${file})`);
  return readFileSync(file, "utf8");
}

/** Options of {@link pythonStringAfter}. */
export interface PythonStringOptions {
  /** The values of the f-string fields, by the field's expression text (`{plugin}` reads `values.plugin`). */
  values?: Readonly<Record<string, string>>;
  /** Remove the lines' common indentation, as Python's `textwrap.dedent` does. */
  dedent?: boolean;
  /** The file's name in error messages. */
  file?: string;
}

/**
 * The value of the Python string expression that follows the first occurrence of `marker` in
 * `source`: adjacent string literals (plain, raw, f-strings, triple-quoted), optionally inside
 * parentheses, concatenated. Throws when there is no such string or an f-string field has no value.
 * @example pythonStringAfter('GREETING = (\n  "hello, "\n  f"{name}"\n)', "GREETING =", { values: { name: "you" } }) // "hello, you"
 */
export function pythonStringAfter(source: string, marker: string, options: PythonStringOptions = {}): string {
  const where = options.file ?? "the Python source";
  const start = source.indexOf(marker);
  if (start < 0) throw new Error(`${where}: '${marker}' not found`);
  // The string may start on a later line; inside parentheses opened here, its literals may continue
  // on the next lines.
  let at = start + marker.length;
  let opened = 0;
  for (;;) {
    at = skipSpace(source, at, true);
    if (source[at] !== "(") break;
    opened += 1;
    at += 1;
  }
  const parts: string[] = [];
  for (;;) {
    const literal = /^([rRfFbBuU]{0,2})('''|"""|'|")/.exec(source.slice(at));
    if (literal === null) break;
    const prefix = (literal[1] ?? "").toLowerCase();
    const quote = literal[2] ?? "";
    const read = readLiteral(source, at + literal[0].length, quote, prefix, options.values ?? {}, where);
    parts.push(read.text);
    at = skipSpace(source, read.end, opened > 0);
  }
  if (parts.length === 0) throw new Error(`${where}: no string literal after '${marker}'`);
  const text = parts.join("");
  return options.dedent === true ? dedent(text) : text;
}

/** The position after spaces (and, when `multiline`, line breaks and comments). */
function skipSpace(source: string, from: number, multiline: boolean): number {
  let at = from;
  for (;;) {
    const char = source[at];
    if (char === " " || char === "\t" || (multiline && (char === "\n" || char === "\r"))) {
      at += 1;
    } else if (multiline && char === "#") {
      const end = source.indexOf("\n", at);
      at = end < 0 ? source.length : end;
    } else {
      return at;
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  "\n": "",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Reads one literal's body from `from` to its closing `quote`; returns its value and the position after it. */
function readLiteral(
  source: string,
  from: number,
  quote: string,
  prefix: string,
  values: Readonly<Record<string, string>>,
  where: string,
): { text: string; end: number } {
  const raw = prefix.includes("r");
  const formatted = prefix.includes("f");
  let text = "";
  let at = from;
  while (at < source.length) {
    if (source.startsWith(quote, at)) return { text, end: at + quote.length };
    const char = source[at] ?? "";
    const next = source[at + 1] ?? "";
    if (char === "\\") {
      const escaped = ESCAPES[next];
      text += raw || escaped === undefined ? `\\${next}` : escaped;
      at += 2;
    } else if (formatted && (char === "{" || char === "}") && next === char) {
      text += char;
      at += 2;
    } else if (formatted && char === "{") {
      const close = source.indexOf("}", at);
      const expression = source.slice(at + 1, close < 0 ? source.length : close).trim();
      const value = values[expression];
      if (close < 0 || value === undefined)
        throw new Error(`${where}: no value given for the f-string field {${expression}}`);
      text += value;
      at = close + 1;
    } else {
      text += char;
      at += 1;
    }
  }
  throw new Error(`${where}: unterminated string literal`);
}

/** `text` without the leading white space its lines share; blank lines become empty, as with `textwrap.dedent`. */
function dedent(text: string): string {
  const lines = text.split("\n").map((line) => (/^[ \t]+$/.test(line) ? "" : line));
  const indents = lines.filter((line) => line !== "").map((line) => /^[ \t]*/.exec(line)?.[0] ?? "");
  let margin = indents[0] ?? "";
  for (const indent of indents) {
    while (!indent.startsWith(margin)) margin = margin.slice(0, -1);
  }
  return lines.map((line) => line.slice(margin.length)).join("\n");
}

/**
 * Whether the module at `moduleUrl` is the program being run (`npx tsx pipeline.ts`), rather than
 * a module imported by `hangar render` or a test. The pipelines that read a checkout build their
 * definition (and so read the checkout) only then.
 */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return real(script) === real(fileURLToPath(moduleUrl));
}
