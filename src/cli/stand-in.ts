import { extname } from "node:path";

/**
 * Code that stands, in a compiled module, for a file a pattern of files (`import("./plugins/" + name)`) takes in with
 * the others but Node would not load (`plugins/readme.md` beside `plugins/a.ts`): esbuild would fail the whole
 * compile on it ("No loader is configured for ".md" files"), where Node fails only an import of that file. Run when
 * the file is imported or required, the code throws what Node throws then, naming the file; its stack names no line
 * of its own (which the source map would place in the file it stands for).
 */
function throwing(name: "TypeError" | "SyntaxError", message: string, more: { code?: string; at?: string }): string {
  const { code, at } = more;
  const stack = `${name}${code === undefined ? "" : ` [${code}]`}: ${message}${at === undefined ? "" : `\n    at ${at}`}`;
  return [
    `const error = new ${name}(${JSON.stringify(message)});`,
    ...(code === undefined ? [] : [`error.code = ${JSON.stringify(code)};`]),
    `error.stack = ${JSON.stringify(stack)};`,
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
 * For the file at `path` (its real path), of no extension (Node runs it as JavaScript), that does not parse: a
 * SyntaxError of `text` at its place (`line` and `column` from 1), which a load error names.
 */
export const syntaxError = (path: string, { text, line, column }: { text: string; line: number; column: number }) =>
  throwing("SyntaxError", text, { at: `${path}:${line}:${column}` });
