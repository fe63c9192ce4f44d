import { readFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { basename, dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { scriptWithCodeCache } from "./code-cache.ts";
import { SCRIPT_EXPORTS, SCRIPT_IMPORT_META } from "./compile-bundle.ts";
import { importModule } from "./import-module.ts";
import { SCRIPT_IMPORT } from "./pattern-calls.ts";

/**
 * Runs the script form of a compiled pipeline module (compile-bundle.ts, `compileScript`): the file's code as the
 * body of an async function, through V8's code cache kept beside it (`<hash>.code-<V8 version>.bin`, written once
 * the module has run, after a run without it). Resolves to the module's exports, as `import()` would.
 */
export async function runScriptModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  const stem = basename(file).slice(0, 32);
  // the header on a line of its own, before the file's first line: stack traces count lines as the file does
  const source = `(async function (require, ${SCRIPT_IMPORT_META}, ${SCRIPT_EXPORTS}, ${SCRIPT_IMPORT}) {"use strict";\n${readFileSync(file, "utf8")}\n})`;
  const { script, keep } = scriptWithCodeCache(source, url, {
    cacheDir: dirname(file),
    name: `${stem}.code-${process.versions.v8}.bin`,
    prefix: `${stem}.code`,
    lineOffset: -1,
  });
  const builtins = createRequire(file);
  // Node's builtins only: what else the script form requires is hangar's own code for running a module as the
  // program (runIfMain writing definition.json), never reached when hangar runs it
  const require = (id: string): unknown => {
    if (isBuiltin(id)) return builtins(id);
    throw new Error(`${id} cannot be loaded by a pipeline module run from hangar's cache`);
  };
  const meta = { url, dirname: dirname(file), filename: file };
  let exported: Record<string, unknown> = {};
  const run = script.runInThisContext() as (...args: unknown[]) => Promise<void>;
  // and an import() (a script has none), for a file a pattern of files did not match (see src/cli/pattern-calls.ts)
  await run(
    require,
    meta,
    (value: Record<string, unknown>) => {
      exported = value;
    },
    importModule,
  );
  keep();
  return exported;
}
