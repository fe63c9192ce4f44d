import { resolve } from "node:path";
import { realPathOf } from "./file-paths.ts";

/**
 * What a pattern of files does under Node when the bundle does not have the file a call names. esbuild compiles
 * `import(\`./plugins/${name}.ts\`)` and `require("./x/" + name)` into a call of its `__glob` helper with a table of
 * the files the pattern matched, which throws `Module not found in bundle` at once for any other name, for both. Node
 * does otherwise, and so does the compiled module once {@link withNodePatternCalls} has rewritten it:
 * - an `import()` of a file that is not there gives a rejected promise of Node's own error (`ERR_MODULE_NOT_FOUND`,
 *   `Cannot find module '<path>' imported from <file>`), which a `.catch()` takes, where esbuild's threw at the call;
 * - a `require()` of a name not in the table, or of a file in it that Node's `require` does not load as the bundle
 *   does (a `readme.md`, a `LICENSE`, which Node's `require` runs as JavaScript), is Node's `require` from the file:
 *   Node's error (`MODULE_NOT_FOUND` and its require stack, the `SyntaxError` of the file it ran), or what it loads;
 * - a name the table holds written another way (`./plugins/./a.ts`) is the file the table holds;
 * - an `import()` of a file that is there but not in the table (`../x.js` outside the folder, a file written since)
 *   is Node's own import of it, what it loads or its error; but for a TypeScript file, which Node (20) does not import
 *   and tsx does: hangar's error then, that the bundle holds only the files the pattern matched.
 * A pattern whose folder was not there when the module compiled (esbuild fails the compile on it) is a call of
 * {@link UNFOUND} (see {@link unfoundCall}): of a table of no file, the same.
 */

/** esbuild's `__glob` helper as it writes it (esbuild 0.28), at the top of the bundle. */
const GLOB = /^var __glob = \(map\) => \(path\) => \{\n(?:.*\n){3}\};$/m;

/** The comment esbuild writes before the table of each pattern: `// import("./plugins/**\/*.ts") in lib/load.ts`. */
const PATTERN_COMMENT = /^\/\/ (import|require)\("(?:[^"\\\n]|\\.)*"\) in ([^\n]+)$/gm;

/** The name of hangar's helper that stands for esbuild's in the calls of the patterns it knows. */
const HELPER = "__hangarPattern";

/** The name of hangar's helper for a pattern whose folder was not there: {@link HELPER}'s, with no file in its table. */
const UNFOUND = "__hangarUnfoundPattern";

/**
 * The parameter by which the script form's runner (src/cli/script-module.ts) hands the compiled module an `import()`,
 * which a script run in a `vm.Script` does not have; the ES module form has none and uses its own.
 */
export const SCRIPT_IMPORT = "__hangarImport";

/** TypeScript files, which Node (20) does not import and tsx does. */
const TYPESCRIPT = [".ts", ".mts", ".cts", ".tsx"];

/**
 * What stands, in a file's code, for `import(` or `require(` (the `call`) of a pattern whose folder was not there,
 * made in the file at `real` (its real path): the pattern's argument and the closing parenthesis follow, so that
 * what is before the call on its line stays in place, and the call's place in a stack trace is the `import`'s.
 */
export const unfoundCall = (call: "import" | "require", real: string): string =>
  `${UNFOUND}(${JSON.stringify(call)}, ${JSON.stringify(real)}, `;

/**
 * The extensions of the files in a pattern's table that Node's `require` (with tsx, for TypeScript) loads as the bundle
 * has them; a file of another extension, or of none, is left to Node's `require`.
 */
const REQUIRED_AS_BUNDLED = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".json"];

/**
 * The helper, in as many lines as esbuild's (they map to no source: the lines of the user's code after them stay where
 * the source map places them). `__glob` (a table esbuild made for a call it wrote no comment for) throws as esbuild's.
 * `require` is the compiled module's (the ES module's own, the script form's runner's): Node's builtins.
 */
const helper = (): string[] => [
  `var __glob = (map) => ${HELPER}(undefined, undefined, map);`,
  `var ${HELPER} = (kind, file, map) => (path) => { const { dirname, extname, resolve } = require("node:path"); const { fileURLToPath, pathToFileURL } = require("node:url"); const target = (name) => (kind === "import" ? fileURLToPath(new URL(name, pathToFileURL(file))) : resolve(dirname(file), name));`,
  `  const key = Object.hasOwn(map, path) ? path : kind === undefined ? undefined : Object.keys(map).find((key) => { try { return target(key) === target(String(path)); } catch { return false; } });`,
  `  if (kind === "require" && !(key !== undefined && ${JSON.stringify(REQUIRED_AS_BUNDLED)}.includes(extname(key)))) return require("node:module").createRequire(file)(path); if (key !== undefined) return map[key](); if (kind !== "import") throw new Error("Module not found in bundle: " + path);`,
  `  try { const found = target(String(path)); const there = require("node:fs").existsSync(found); if (there && !${JSON.stringify(TYPESCRIPT)}.includes(extname(found))) return (typeof ${SCRIPT_IMPORT} === "function" ? ${SCRIPT_IMPORT} : (url) => import(url))(pathToFileURL(found).href); const error = new Error(there ? "Cannot import '" + found + "' from " + file + ": the bundle holds only the files the pattern matched" : "Cannot find module '" + found + "' imported from " + file); if (!there) Object.assign(error, { code: "ERR_MODULE_NOT_FOUND", url: pathToFileURL(found).href }); return Promise.reject(error); } catch (error) { return Promise.reject(error); } }; var ${UNFOUND} = (kind, file, path) => ${HELPER}(kind, file, {})(path);`,
];

/**
 * The bundle's `code` with each pattern's table made by {@link HELPER}, given the call's kind and the real path of the
 * file that makes it (esbuild names it relative to `cwd`); the code as it was when esbuild wrote its helper otherwise.
 * What is before a call on its line stays in place.
 */
export function withNodePatternCalls(code: string, cwd: string): string {
  const glob = GLOB.exec(code);
  // only patterns whose folder was not there: the helper before the code, on its first line (esbuild's, or hangar's
  // banner, which map to no source)
  if (glob === null) return code.includes(`${UNFOUND}(`) ? `${helper().slice(1).join(" ")} ${code}` : code;
  const replaced = helper().join("\n");
  if (replaced.split("\n").length !== glob[0].split("\n").length) return code;
  const calls: { at: number; kind: string; file: string }[] = [];
  // the call of `__glob` that makes a pattern's table, after its comment (a regular expression of this call's own: it
  // keeps where it stopped)
  const globCall = /\b__glob\(/g;
  for (const comment of code.matchAll(PATTERN_COMMENT)) {
    const [text, kind = "", file = ""] = comment;
    const from = comment.index + text.length;
    globCall.lastIndex = from;
    const call = globCall.exec(code);
    // the call that follows the comment, before the next one's
    const next = code.indexOf("\n// ", from);
    if (call === null || (next !== -1 && call.index > next)) continue;
    calls.push({ at: call.index, kind, file: realPathOf(resolve(cwd, file)) });
  }
  let rewritten = code;
  for (const { at, kind, file } of calls.reverse()) {
    const head = `${HELPER}(${JSON.stringify(kind)}, ${JSON.stringify(file)}, `;
    rewritten = `${rewritten.slice(0, at)}${head}${rewritten.slice(at + "__glob(".length)}`;
  }
  return `${rewritten.slice(0, glob.index)}${replaced}${rewritten.slice(glob.index + glob[0].length)}`;
}
