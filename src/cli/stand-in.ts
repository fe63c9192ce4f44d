import { extname } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Code that stands, in a compiled module, for a file a pattern of files (`import("./plugins/" + name)`) takes in with
 * the others but Node (or tsx) would not load (`plugins/readme.md` beside `plugins/a.ts`, a `plugins/broken.ts` that
 * does not compile, a plugin whose `import "../notes.md"` Node refuses): esbuild would fail the whole compile on it
 * (`No loader is configured for ".md" files`), where Node and tsx fail only an import of that file. Run when the file
 * is imported or required, the code throws what Node (or tsx) throws then, naming the file; its stack names no line
 * of its own (which the source map would place in the file it stands for).
 */

/**
 * The code that throws an error of `type` and `message`: with `name` its own (as tsx renames esbuild's error), Node's
 * `code` and `url` when given, and a stack of that heading and the frame `at` when given.
 */
function throwing(
  type: "Error" | "TypeError" | "SyntaxError",
  message: string,
  more: { name?: string; code?: string; url?: string; at?: string },
): string {
  const { name, code, url, at } = more;
  const heading = `${name ?? type}${code === undefined ? "" : ` [${code}]`}: ${message}`;
  return [
    `const error = new ${type}(${JSON.stringify(message)});`,
    ...(name === undefined ? [] : [`error.name = ${JSON.stringify(name)};`]),
    ...(code === undefined ? [] : [`error.code = ${JSON.stringify(code)};`]),
    ...(url === undefined ? [] : [`error.url = ${JSON.stringify(url)};`]),
    `error.stack = ${JSON.stringify(`${heading}${at === undefined ? "" : `\n    at ${at}`}`)};`,
    "throw error;",
    "",
  ].join("\n");
}

/** For the file at `path` (its real path), of an extension Node does not load: Node's `ERR_UNKNOWN_FILE_EXTENSION`. */
export const unknownExtension = (path: string): string =>
  throwing("TypeError", `Unknown file extension ${JSON.stringify(extname(path))} for ${path}`, {
    code: "ERR_UNKNOWN_FILE_EXTENSION",
  });

/**
 * For a file whose import statement names a path Node finds no file at (`import "../notes"` beside notes.md, which
 * esbuild completes and Node does not): Node's `ERR_MODULE_NOT_FOUND` of the path (`path`, absolute) and the importing
 * file (`importer`, its real path).
 */
export const moduleNotFound = (path: string, importer: string): string =>
  throwing("Error", `Cannot find module '${path}' imported from ${importer}`, {
    code: "ERR_MODULE_NOT_FOUND",
    url: pathToFileURL(path).href,
  });

/**
 * The namespace of what an `import()` or a `require()` of a path found nowhere (`import("./later.ts")`) takes in, in
 * the bundle: code that throws Node's error for it when the call runs (see `missing` in src/cli/compile-plugin.ts),
 * where esbuild would fail the whole compile. Its code is none of the user's: the error's place is the call.
 */
export const NOT_FOUND = "hangar-not-found";

/**
 * For a `require()` of a path Node finds no file at (`require("./later")`): Node's own `require` of it (`specifier`, as
 * written) from the file that calls it (`importer`, its real path), which throws Node's error (`MODULE_NOT_FOUND`,
 * its require stack naming the file) when the call runs.
 */
export const requiredFrom = (specifier: string, importer: string): string =>
  `module.exports = require("node:module").createRequire(${JSON.stringify(importer)})(${JSON.stringify(specifier)});\n`;

/**
 * For an ES module's import of a folder (`folder`, its real path) with no index file, from the file at `importer` (its
 * real path): Node's `ERR_UNSUPPORTED_DIR_IMPORT`, which names the file the folder's package.json leads a `require()`
 * to (`main`, relative to the importer's folder); and its message, on one line.
 */
export function unsupportedDirImport(
  folder: string,
  importer: string,
  main: string,
): { code: string; message: string } {
  const message = `Directory import '${folder}' is not supported resolving ES modules imported from ${importer}`;
  const hint = `Did you mean to import ${JSON.stringify(main)}?`;
  const code = throwing("Error", `${message}\n${hint}`, {
    code: "ERR_UNSUPPORTED_DIR_IMPORT",
    url: pathToFileURL(folder).href,
  });
  return { code, message: `${message} (an ES module's import reads no package.json "main"): ${hint}` };
}

/**
 * For the file at `path` (its real path) that Node runs as JavaScript (of no extension, or `.js`) and that does not
 * parse: a SyntaxError of `text` at its place (`line` and `column` from 1), which a load error names.
 */
export const syntaxError = (path: string, { text, line, column }: { text: string; line: number; column: number }) =>
  throwing("SyntaxError", text, { at: `${path}:${line}:${column}` });

/**
 * For a file tsx compiles (TypeScript, JSX, JSON) that does not compile: tsx's error, esbuild's failure renamed
 * `TransformError`, whose `message` is esbuild's (`Transform failed with 1 error:\n<real path>:<line>:<column>: ERROR:
 * <text>`), which a load error places at its first error (see `transformFailure` in src/cli/load-pipeline.ts).
 */
export const transformError = (message: string): string => throwing("Error", message, { name: "TransformError" });

/**
 * What a file that is no regular file (a FIFO, a socket, a device) throws when imported: Node would wait on its read
 * for ever (a FIFO until something writes to it); hangar reads no such file, and says so.
 */
export const notAFile = (path: string): string => throwing("Error", notAFileMessage(path), {});

/** The sentence of {@link notAFile}: also the compile's error when an import names such a file. */
export const notAFileMessage = (path: string): string =>
  `${path} is not a regular file (a FIFO, a socket or a device): hangar does not read it, where Node would wait on it`;
