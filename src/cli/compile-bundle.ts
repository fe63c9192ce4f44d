import { isBuiltin } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { BuildOptions } from "esbuild";
import type { HangarLink, Input } from "./compile-cache.ts";
import {
  BUILTIN,
  type CompileRecord,
  compileRecord,
  nearest,
  type PluginOptions,
  packagesByPath,
  standInsOf,
} from "./compile-plugin.ts";
import {
  DROPPED_SETTINGS,
  type Message,
  ofStandIn,
  sourceWarnings,
  tsconfigWarnings,
  where,
} from "./compile-warnings.ts";
import { realPathOf } from "./file-paths.ts";
import { LoadError } from "./load-error.ts";
import { withNodePatternCalls } from "./pattern-calls.ts";
import { patternFolders, type UnfoundPattern, unfoundPatterns } from "./pattern-files.ts";
import { NOT_FOUND } from "./stand-in.ts";

/**
 * One compile of a pipeline module with esbuild, {@link compile}: its relative imports bundled in, the packages it
 * imports resolved from its folder and named by absolute `file:` URL, hangar bundled in or shared (see
 * {@link HangarLink}), as an ES module or as a script (see {@link compileScript}); and what the compiled code depends
 * on, which the compile cache (src/cli/compile-cache.ts) records to tell when it is out of date.
 */

/** What {@link compile} compiles, and how. */
export interface CompileRequest {
  /** The module's path. */
  readonly path: string;
  /** The module as messages name it. */
  readonly shown: string;
  /** The working folder, esbuild's (the files of its messages are relative to it). */
  readonly cwd: string;
  /** How the compiled module gets hangar. */
  readonly hangar: HangarLink;
  /** The content of a file the build bundles, and its stamp (see `readInput` in src/cli/compile-cache.ts). */
  readonly readInput: PluginOptions["readInput"];
}

/** A path as an import named it, and its real path then (the path itself when it was not there). */
export type Link = readonly [path: string, real: string];

/** The module compiled: its code, and the files and folders it depends on (see {@link compile}). */
export interface Bundle {
  readonly code: string;
  /** The files bundled in, and the others that decided how an import resolved (package.json files, tsconfigs). */
  readonly inputs: string[];
  /** Of `inputs`, the files bundled in (the others decided how an import resolved). */
  readonly bundled: ReadonlySet<string>;
  /** The stamps of the files read through `readInput` (see {@link CompileRequest}), by path. */
  readonly read: ReadonlyMap<string, Input>;
  /** Files looked for and not found whose creation would change the compile (`CacheEntry.absent`). */
  readonly absent: string[];
  /** The folders the patterns of files the module imports read (see {@link patternFolders}). */
  readonly patternFolders: readonly string[];
  /** The paths imports of paths named, with their real paths (`CacheEntry.links`). */
  readonly links: Link[];
  /** What the compiled code imports (the script form: what it requires, see {@link compileScript}). */
  readonly imports: readonly { path: string; kind: string }[];
  /** The `file:` URLs of the folders of hangar's entry points bundled in. */
  readonly hangarFiles: readonly string[];
  /**
   * esbuild's warnings of the tsconfigs it read (see {@link tsconfigWarnings}) and of the user's files (see
   * {@link sourceWarnings}), their files absolute.
   */
  readonly warnings: readonly Message[];
}

/**
 * The module compiled as a script: the body of an async function (top-level await stays) that gets `require`,
 * `import.meta` and a function to hand its exports to (src/cli/script-module.ts runs it). Unlike an ES module, a
 * script can be run through V8's code cache on Node 20, and it needs no ES module loader: a cached render of
 * docker-baseline run so took about 5 ms of CPU less than importing the ES module (paired runs of the two forms of
 * the same compiled module, fresh processes), and the render no longer starts Node's ES module loader at all.
 * Undefined when the module cannot run as one: it imports a package (an ES module cannot be required on Node 20),
 * imports a name known only at run time (see {@link RUN_TIME_REQUIRE}), reads `import.meta` beyond `url`, `dirname`
 * and `filename`, or does not compile.
 */
export async function compileScript(request: CompileRequest): Promise<Bundle | undefined> {
  const compiled = await compile({ ...request, hangar: "bundled" }, "script");
  // builtins are required; what else is left to import is only hangar's own files imported when needed (see
  // compile), which the script form never reaches under hangar (runIfMain's file writer)
  const { code, imports, hangarFiles } = compiled;
  const importsOnlyBuiltins = imports.every(
    (i) => i.kind === "require-call" && (isBuiltin(i.path) || hangarFiles.some((dir) => i.path.startsWith(dir))),
  );
  // (a module's own name of the same spelling is not renamed by esbuild: it is found here too)
  const meta = new RegExp(`\\b${SCRIPT_IMPORT_META}\\b(?!\\.(?:url|dirname|filename)\\b)`);
  return importsOnlyBuiltins && !meta.test(code) && !RUN_TIME_REQUIRE.test(code) ? compiled : undefined;
}

/**
 * The tsconfig.json (or jsconfig.json) esbuild compiled each of `files` with, and the configs they extend (see
 * {@link configChain}); `absent`: the files looked for and not there whose creation would change that (a tsconfig
 * in a folder between a file and the one found, a base config looked for first). esbuild reads no tsconfig for a file
 * in a node_modules folder.
 */
export async function tsconfigsOf(files: readonly string[]): Promise<{ configs: string[]; absent: string[] }> {
  const { configChain } = await import("./tsconfig-extends.ts");
  const names = ["tsconfig.json", "jsconfig.json"];
  const configs = new Set<string>();
  const absent = new Set<string>();
  const folders = new Set(files.filter((file) => !file.split(sep).includes("node_modules")).map(dirname));
  const tsconfigs = new Set<string>();
  for (const folder of folders) {
    const tsconfig = nearest(folder, names);
    const found = tsconfig === undefined ? undefined : dirname(tsconfig);
    for (let dir = folder; dir !== found; dir = dirname(dir)) {
      for (const name of names) absent.add(join(dir, name));
      if (dirname(dir) === dir) break;
    }
    if (tsconfig !== undefined) tsconfigs.add(tsconfig);
  }
  for (const tsconfig of tsconfigs) {
    const chain = configChain(tsconfig);
    for (const file of [tsconfig, ...chain.configs, ...chain.linked]) configs.add(file);
    for (const file of chain.absent) absent.add(file);
  }
  return { configs: [...configs], absent: [...absent] };
}

/** How a module is compiled: an ES module, or a script run as an async function's body (see {@link compileScript}). */
type Form = "module" | "script";

/** Where the script form reads `import.meta`: a value its runner passes in. */
export const SCRIPT_IMPORT_META = "__hangarImportMeta";
/** The function the script form calls with the module's exports. */
export const SCRIPT_EXPORTS = "__hangarExports";

/**
 * The first lines of the ES module form: a `require` for the CommonJS files bundled in, whose calls of it esbuild
 * leaves to one (`require("node:path")`; an ES module has none: "Dynamic require of "node:path" is not supported").
 * Made from the module's own file (`url`), not the compiled copy's: a package is resolved when the module is compiled,
 * from the folder of the file that requires it, and its path is what is required; one that is not found then is looked
 * for from the module's folder (a CommonJS file's `require(name)` of a name known only at run time, and its
 * `require.resolve`, are its own, see `withOwnValues` in src/cli/own-values.ts). (A name of the module's own `require`
 * is renamed by esbuild, which keeps that name for this one; the script form gets its runner's.)
 */
const REQUIRE = (url: string): string =>
  `import { createRequire as __hangarCreateRequire } from "node:module";\nconst require = __hangarCreateRequire(${JSON.stringify(url)});`;

/**
 * In the script form's code, a call of esbuild's `require` (`__require`, the runner's; not a function esbuild declares
 * of that name) of other than a string: an `import(name)` (which the script form makes `__require(name)`) or a
 * `require(name)` of a name known only at run time, which the runner, having Node's builtins only, would refuse where
 * Node loads it. (A test, as `IMPORT_META` in src/cli/own-values.ts: a false find only costs the script form.)
 */
const RUN_TIME_REQUIRE = /(?<!\bfunction\s+)\b__require\d*\((?!"[^"\n]*"\))/;

/** The name of the script form's entry, which hands the module's exports over (no file of its own). */
const SCRIPT_ENTRY = "hangar-script-entry.js";

/**
 * Compiles the module with esbuild: relative imports bundled, packages resolved from the module's
 * folder (as Node resolves them: `import` condition, `main` field) and left as absolute `file:` URLs.
 * Returns the code and the absolute paths of the files bundled into it; with `form` "script", also what the code
 * imports (see {@link compileScript}).
 */
export async function compile(
  { path, shown, cwd, hangar, readInput }: CompileRequest,
  form: Form = "module",
): Promise<Bundle> {
  const { build } = await import("esbuild");
  const script = form === "script";
  const { moduleFormatOf } = await import("./module-type.ts");
  /** What the builds record of the files they read and how imports resolved (see {@link packagesByPath}). */
  const record: CompileRecord = compileRecord(path);
  const { hangarDirs, read, manifests, named, transformed, unfound, leftToNode, unparsed, missing } = record;
  try {
    const options = {
      ...(script
        ? {
            // the module's exports handed to the runner, and every import() a require() of the runner's
            stdin: {
              contents: `import * as exports from ${JSON.stringify(path)};\n${SCRIPT_EXPORTS}(exports);\n`,
              resolveDir: dirname(path),
              sourcefile: SCRIPT_ENTRY,
            },
            supported: { "dynamic-import": false },
            define: { "import.meta": SCRIPT_IMPORT_META },
          }
        : {
            entryPoints: [path],
            // a `require` for the CommonJS files bundled in (see REQUIRE)
            banner: { js: REQUIRE(pathToFileURL(realPathOf(path)).href) },
          }),
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      conditions: [],
      mainFields: ["main"],
      write: false,
      sourcemap: "inline",
      sourcesContent: false,
      // sources are written relative to this file's folder, the module's; sourceRoot makes them absolute
      outfile: join(dirname(path), "out.mjs"),
      sourceRoot: `${pathToFileURL(dirname(path)).href}/`,
      logLevel: "silent",
      absWorkingDir: cwd,
      metafile: true,
      plugins: [packagesByPath({ cwd, hangar, script, readInput, moduleFormatOf }, record)],
    } satisfies BuildOptions;
    const bundle = async (): Promise<Awaited<ReturnType<typeof build<typeof options>>>> => {
      try {
        return await build(options);
      } catch (error) {
        // (only what a build before did not leave to Node: each build learns something, or the error stands)
        const known = (pattern: UnfoundPattern) =>
          (leftToNode.get(pattern.file) ?? []).some(
            (left) => left.line === pattern.line && left.column === pattern.column,
          );
        const patterns = unfoundPatterns(error, cwd).filter((pattern) => !known(pattern));
        const standIns = await standInsOf(error, record, cwd);
        if (patterns.length === 0 && standIns.length === 0) throw error;
        for (const pattern of patterns)
          leftToNode.set(pattern.file, [...(leftToNode.get(pattern.file) ?? []), pattern]);
        for (const [file, standIn] of standIns) unparsed.set(file, standIn);
        return bundle();
      }
    };
    const result = await bundle();
    // what esbuild leaves out of a tsconfig with a warning, which tsc reports as an error (tsx too runs on without
    // it): a base config not found, or one that extends back to a config on the way to it (a cycle), a `paths`
    // target not relative without a `baseUrl`; the module would compile without the settings it was written for
    // (its `paths`, `jsx`, decorators), and an import mapped fail as a package not installed
    const dropped = result.warnings.find(
      (warning) => warning.id === "tsconfig.json" && DROPPED_SETTINGS.some(([text]) => warning.text.startsWith(text)),
    );
    if (dropped !== undefined) {
      const hint = DROPPED_SETTINGS.find(([text]) => dropped.text.startsWith(text))?.[1];
      throw new LoadError(`${where(dropped, cwd, shown)}: ${dropped.text}${hint === undefined ? "" : ` (${hint})`}`);
    }
    // the files bundled in: not the builtins' stand-ins, those of paths not found, nor the script form's entry
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !input.startsWith(`${BUILTIN}:`) && !input.startsWith(`${NOT_FOUND}:`))
      .map((input) => resolve(cwd, input))
      .filter((input) => !(script && input === join(dirname(path), SCRIPT_ENTRY)));
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    const links = [...named].map((target): Link => [target, realPathOf(target)]);
    const hangarFiles = hangarDirs.map((dir) => pathToFileURL(dir).href);
    const bundled = new Set(inputs);
    // what decided how the module compiled and its imports resolved: the tsconfig of each bundled file (its
    // `paths`, `jsx`, ...; a helper's folder may have its own) and the configs it extends, which esbuild reads as part
    // of it; the packages' package.json files
    const tsconfigs = await tsconfigsOf(inputs);
    const { configs } = tsconfigs;
    // and the package.json files that would tell how Node loads a file reading __filename (see isCommonJs in
    // packagesByPath), and the folders of the patterns of files left to Node: the files they match are bundled in once
    // they are there, and the paths imported that were not found
    const folders = [...leftToNode.values()].flat().map(({ folder }) => folder);
    const absent = [...new Set([...tsconfigs.absent, ...unfound, ...folders, ...missing])];
    // the user's own files: not hangar's bundled in, nor a package's
    const own = [...bundled].filter(
      (file) => !file.split(sep).includes("node_modules") && !hangarDirs.some((dir) => file.startsWith(dir)),
    );
    const warnings = [
      ...tsconfigWarnings(result.warnings, configs, cwd),
      ...sourceWarnings(
        result.warnings.filter((warning) => !ofStandIn(warning, unparsed.keys(), cwd)),
        { own, transformed, cwd },
      ),
    ];
    const deciding = [...configs, ...manifests].filter((file) => !bundled.has(file));
    return {
      code: withNodePatternCalls(result.outputFiles[0]?.text ?? "", cwd),
      inputs: [...inputs, ...new Set(deciding)],
      absent,
      patternFolders: patternFolders(result.metafile.inputs, cwd),
      links,
      bundled,
      read,
      imports,
      hangarFiles,
      warnings,
    };
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const first = (error as { errors?: Message[] }).errors?.[0];
    if (first) throw new LoadError(`${where(first, cwd, shown)}: ${first.text}`, error);
    throw new LoadError(`${shown}: ${(error as Error).message}`, error);
  }
}
