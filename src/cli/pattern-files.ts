import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Message as EsbuildMessage } from "esbuild";
import { realPathOf, statOf } from "./file-paths.ts";
import { GAP } from "./own-values.ts";
import { unfoundCall } from "./pattern-calls.ts";

/**
 * The patterns of files a compiled module's `import()` and `require()` calls name (`import(\`./plugins/${name}.ts\`)`),
 * which esbuild bundles as the files they match: the folders they read, those whose folder is not there (left to
 * Node, see src/cli/pattern-calls.ts), and which files are in the bundle only through them (see
 * {@link onlyThroughPatterns}).
 */

/** The extensions esbuild and tsx add to a path an import names, or read as another (`./helper.js` for helper.ts). */
const COMPLETED = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Whether an import that names `target` (a path, resolved from the importer's folder) may load the file at `path`:
 * the file itself, through symbolic links too, or one esbuild completes the path to, as tsx does (`./helper` with an
 * extension added, `./helper.js` read as helper.ts, `./lib` as lib/index.ts). It may say yes of a file another of
 * the same name was loaded for (`./helper` of helper.js, beside helper.ts), which is then taken for one an import
 * names, as it was before a pattern of files was known to take files in.
 */
function mayLoad(target: string, path: string): boolean {
  const forms = (file: string) => [file, realPathOf(file), join(realPathOf(dirname(file)), basename(file))];
  const stem = (file: string) => file.replace(COMPLETED, "");
  const files = forms(path).map(stem);
  return forms(target).some((named) =>
    files.some((file) => stem(named) === file || (named === dirname(file) && basename(file) === "index")),
  );
}

/**
 * A pattern of files an `import()` or a `require()` names (`import(\`./plugins/${name}.ts\`)`, `require("./x/" +
 * name)`), which the bundle takes in as the files it matches, whose folder is not there: esbuild fails the whole
 * compile on it (`Could not resolve import("./plugins/**\/*.ts")`), where Node and tsx fail only if the call runs.
 * The file that names it, the place of the argument (esbuild's: line, and column in bytes), and the folder.
 */
export interface UnfoundPattern {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly call: "import" | "require";
  readonly folder: string;
}

/**
 * The folders the patterns of files the bundled files import read (`import(\`./plugins/${name}.ts\`)`, which esbuild
 * takes as `./plugins/**\/*.ts` and lists among the file's imports): the pattern's folder (the path up to its first
 * part with a `*`), and every folder under it when the pattern goes on below it, as esbuild reads them all. A file
 * added to one (to a folder that held none the pattern matches, too) or taken out changes what the bundle takes in.
 * A folder not there is none of these: it is an absent path (see {@link UnfoundPattern}).
 */
export function patternFolders(
  inputs: Readonly<Record<string, { readonly imports: readonly { readonly path: string }[] }>>,
  cwd: string,
): string[] {
  const folders = new Set<string>();
  for (const [input, { imports }] of Object.entries(inputs)) {
    for (const { path } of imports) {
      if (!/^\.\.?\//.test(path) || !path.includes("*")) continue;
      const parts = path.split("/");
      const star = parts.findIndex((part) => part.includes("*"));
      const folder = resolve(cwd, dirname(input), ...parts.slice(0, star));
      if (star === parts.length - 1) folders.add(folder);
      else for (const below of foldersUnder(folder)) folders.add(below);
    }
  }
  return [...folders];
}

/** `folder` and every folder under it (none when it cannot be read). */
function foldersUnder(folder: string): string[] {
  try {
    const entries = readdirSync(folder, { withFileTypes: true });
    const below = entries.filter((entry) => entry.isDirectory()).map((entry) => join(folder, entry.name));
    return [folder, ...below.flatMap(foldersUnder)];
  } catch {
    return [];
  }
}

/** esbuild's error of a pattern of files (a path with a `*`) it did not find. */
const PATTERN_NOT_FOUND = /^Could not resolve (import|require)\("(\.\.?\/[^"]*\*[^"]*)"\)$/;

/** The patterns of files whose folder is not there, of the errors of a failed build (see {@link UnfoundPattern}). */
export function unfoundPatterns(error: unknown, cwd: string): UnfoundPattern[] {
  const errors = (error as { errors?: EsbuildMessage[] }).errors ?? [];
  return errors.flatMap((message): UnfoundPattern[] => {
    const [, call, pattern = ""] = PATTERN_NOT_FOUND.exec(message.text) ?? [];
    const { location } = message;
    if ((call !== "import" && call !== "require") || !location) return [];
    const file = resolve(cwd, location.file);
    // the pattern's path up to its first part with a `*`
    const parts = pattern.split("/");
    const folder = resolve(
      dirname(file),
      ...parts.slice(
        0,
        parts.findIndex((part) => part.includes("*")),
      ),
    );
    if (statOf(folder) !== undefined) return [];
    return [{ file, line: location.line, column: location.column, call, folder }];
  });
}

/** `import(` or `require(` at the end of a text, however spaced (the call of a pattern's argument that follows). */
const CALL_BEFORE = new RegExp(String.raw`\b(?:import|require)${GAP}\(${GAP}$`);

/**
 * The code of `file` with the call of each of its `patterns` made one of hangar's helper (see `unfoundCall` in
 * src/cli/pattern-calls.ts), which the bundle leaves to run time: the call fails, as it does under Node, only if it
 * runs, with Node's error naming `file` (an `import()` of a file not there: `Cannot find module '<path>' imported from
 * <file>`; a `require()` is Node's own from the file), at the call's line. What is before the call stays in place.
 * A call not found before its argument (two comments between) is left as it is: esbuild's error stands.
 */
export function patternsLeftToNode(code: string, patterns: readonly UnfoundPattern[], file: string): string {
  const lines = code.split("\n");
  const real = realPathOf(file);
  // from the last, so that the places of those before it stay
  const last = [...patterns].sort((a, b) => b.line - a.line || b.column - a.column);
  let rewritten = code;
  for (const { line, column, call } of last) {
    const text = lines[line - 1];
    if (text === undefined) continue;
    const start = Buffer.from(text, "utf8").subarray(0, column).toString("utf8").length;
    const at = lines.slice(0, line - 1).reduce((sum, before) => sum + before.length + 1, 0) + start;
    // (the text just before: a call's own spaces and comments are short)
    const from = Math.max(0, at - 1000);
    const found = CALL_BEFORE.exec(rewritten.slice(from, at));
    if (found === null) continue;
    const callAt = from + found.index;
    rewritten = `${rewritten.slice(0, callAt)}${unfoundCall(call, real)}${rewritten.slice(at)}`;
  }
  return rewritten;
}

/** What a compile has seen so far of how the files it bundles are imported (a failed build's too). */
export interface ImportGraph {
  /** The module compiled. */
  readonly entry: string;
  /** The files an import of a name resolved to that are bundled in (a tsconfig's `paths`, a package's source). */
  readonly byName: ReadonlySet<string>;
  /**
   * The files whose imports of a path (relative or absolute) named each path (resolved from the importer's folder), and
   * the file a folder's package.json leads such an import to: a build that fails has no metafile, and this is then the
   * only record of which files import a file.
   */
  readonly importers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The files whose imports of a path may load `file` (see {@link mayLoad}). */
const importersOf = ({ importers }: ImportGraph, file: string): string[] =>
  [...importers].filter(([target]) => mayLoad(target, file)).flatMap(([, files]) => [...files]);

/**
 * Whether no import may load `file` and it is not the module (`entry`): a pattern of files took it in (see
 * `unknownExtensionStandIn` in src/cli/compile-plugin.ts).
 */
export const unnamed = (graph: ImportGraph, file: string): boolean =>
  file !== graph.entry && !graph.byName.has(file) && importersOf(graph, file).length === 0;

/**
 * Whether `file` is in the bundle only through patterns of files: a pattern took it in (see {@link unnamed}), or
 * every file that imports it is itself so (`helper.ts`, imported only by the `plugins/b.ts` a module imports as
 * ``import(`./plugins/${name}.ts`)``), which tsx then fails only when such a file is imported. `seen`: the files
 * already asked, each either on the way here (an import back to one, a cycle, is no other way in) or found so (else
 * the answer is already no).
 */
export function onlyThroughPatterns(graph: ImportGraph, file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return true;
  if (file === graph.entry || graph.byName.has(file)) return false;
  seen.add(file);
  return importersOf(graph, file).every((importer) => onlyThroughPatterns(graph, importer, seen));
}
