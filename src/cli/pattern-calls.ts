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
 * - a name the table holds written another way (`./plugins/./a.ts`) is the file the table holds.
 */

/** esbuild's `__glob` helper as it writes it (esbuild 0.28), at the top of the bundle. */
const GLOB = /^var __glob = \(map\) => \(path\) => \{\n(?:.*\n){3}\};$/m;

/** The comment esbuild writes before the table of each pattern: `// import("./plugins/**\/*.ts") in lib/load.ts`. */
const PATTERN_COMMENT = /^\/\/ (import|require)\("(?:[^"\\\n]|\\.)*"\) in ([^\n]+)$/gm;

/** The name of hangar's helper that stands for esbuild's in the calls of the patterns it knows. */
const HELPER = "__hangarPattern";

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
const helper = (): string =>
  [
    `var __glob = (map) => ${HELPER}(undefined, undefined, map);`,
    `var ${HELPER} = (kind, file, map) => (path) => { const { dirname, extname, resolve } = require("node:path"); const { fileURLToPath, pathToFileURL } = require("node:url"); const target = (name) => (kind === "import" ? fileURLToPath(new URL(name, pathToFileURL(file))) : resolve(dirname(file), name));`,
    `  const key = Object.hasOwn(map, path) ? path : kind === undefined ? undefined : Object.keys(map).find((key) => { try { return target(key) === target(String(path)); } catch { return false; } });`,
    `  if (kind === "require" && !(key !== undefined && ${JSON.stringify(REQUIRED_AS_BUNDLED)}.includes(extname(key)))) return require("node:module").createRequire(file)(path); if (key !== undefined) return map[key](); if (kind !== "import") throw new Error("Module not found in bundle: " + path);`,
    `  try { const found = target(String(path)); const there = require("node:fs").existsSync(found); const error = new Error(there ? "Cannot import '" + found + "' from " + file + ": the bundle holds only the files the pattern matched" : "Cannot find module '" + found + "' imported from " + file); if (!there) Object.assign(error, { code: "ERR_MODULE_NOT_FOUND", url: pathToFileURL(found).href }); return Promise.reject(error); } catch (error) { return Promise.reject(error); } };`,
  ].join("\n");

/**
 * The bundle's `code` with each pattern's table made by {@link HELPER}, given the call's kind and the real path of the
 * file that makes it (esbuild names it relative to `cwd`); the code as it was when esbuild wrote its helper otherwise.
 * What is before a call on its line stays in place.
 */
export function withNodePatternCalls(code: string, cwd: string): string {
  const glob = GLOB.exec(code);
  if (glob === null) return code;
  const replaced = helper();
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
