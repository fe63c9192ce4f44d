import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type {
  Message as EsbuildMessage,
  ImportKind,
  OnLoadResult,
  OnResolveResult,
  PartialMessage,
  Plugin,
} from "esbuild";
import type { HangarLink, Input } from "./compile-cache.ts";
import { isFile, realPathOf, statOf } from "./file-paths.ts";
import type { moduleFormatOf } from "./module-type.ts";
import {
  COMMON_JS,
  importMetaInCommonJs,
  readsCommonJsPaths,
  readsImportMeta,
  readsRequireAtRunTime,
  withOwnValues,
} from "./own-values.ts";
import {
  type ImportGraph,
  onlyThroughPatterns,
  patternsLeftToNode,
  type UnfoundPattern,
  unnamed,
} from "./pattern-files.ts";
import {
  moduleNotFound,
  NOT_FOUND,
  notAFile,
  notAFileMessage,
  requiredFrom,
  syntaxError,
  transformError,
  unknownExtension,
  unsupportedDirImport,
} from "./stand-in.ts";

/**
 * The esbuild plugin that compiles a pipeline module (see `compile` in src/cli/compile-bundle.ts),
 * {@link packagesByPath}: it resolves packages to absolute paths, bundles hangar and the TypeScript files imports of
 * names lead to, gives the user's files their own values (src/cli/own-values.ts), stands in for the files only patterns
 * of files take in, and records, in a {@link CompileRecord}, what the cache needs to tell when the compiled module is
 * out of date.
 */

/**
 * What the builds of one compile record as esbuild reads and resolves: the files read, the files and folders that
 * decided how imports resolved, how files are imported, and what a failed build learnt for the next (see
 * {@link compileRecord}).
 */
export interface CompileRecord extends ImportGraph {
  /**
   * The folders of hangar's entry points bundled in: what they import lazily stays lazy (see {@link packagesByPath}).
   */
  readonly hangarDirs: string[];
  /** The stamps of the files read through the plugin's `readInput`, by path. */
  readonly read: Map<string, Input>;
  /**
   * The package.json of each package an import resolved to (its `main` or `exports` decided the file), and of each
   * folder an import of a path named (its `main` may decide the file).
   */
  readonly manifests: Set<string>;
  /** The paths the imports of paths (relative or absolute) of the user's files named. */
  readonly named: Set<string>;
  /** The files compiled on their own (see {@link withOwnValues}), by path: the code and esbuild's warnings of it. */
  readonly transformed: Map<string, { contents: string; warnings: readonly EsbuildMessage[] }>;
  /**
   * The package.json files looked for and not found when telling whether a file is CommonJS (see `isCommonJs` in
   * {@link packagesByPath}).
   */
  readonly unfound: Set<string>;
  /**
   * The patterns of files whose folder is not there (see {@link UnfoundPattern}), by the file that names them: found
   * by a first build, which failed on them, and left to Node by the next.
   */
  readonly leftToNode: Map<string, UnfoundPattern[]>;
  /** See {@link ImportGraph.byName}. */
  readonly byName: Set<string>;
  /** See {@link ImportGraph.importers} (each path as {@link named} holds it). */
  readonly importers: Map<string, Set<string>>;
  /**
   * The files in the bundle only through patterns of files that fail alone (see {@link standInsOf}), by path: found by
   * a build, which failed on them, and bundled by the next as code that throws their error when imported.
   */
  readonly unparsed: Map<string, OnLoadResult>;
  /**
   * The paths that an `import()` or `require()` of a path, or an import statement of a file in the bundle only through
   * patterns of files, named and that were not found: left to fail when the call (or the file) runs, as under tsx; the
   * module compiles again once one is there.
   */
  readonly missing: Set<string>;
}

/** A new, empty {@link CompileRecord} of a compile of the module at `entry`. */
export const compileRecord = (entry: string): CompileRecord => ({
  entry,
  hangarDirs: [],
  read: new Map(),
  manifests: new Set(),
  named: new Set(),
  transformed: new Map(),
  unfound: new Set(),
  leftToNode: new Map(),
  byName: new Set(),
  importers: new Map(),
  unparsed: new Map(),
  missing: new Set(),
});

/** How {@link packagesByPath} compiles. */
export interface PluginOptions {
  /** The working folder, esbuild's (the files of its messages are relative to it). */
  readonly cwd: string;
  /** How the compiled module gets hangar (see {@link HangarLink}). */
  readonly hangar: HangarLink;
  /** Whether the module is compiled as a script (see `compileScript` in src/cli/compile-bundle.ts). */
  readonly script: boolean;
  /** The content of a file the build bundles, and its stamp (see `readInput` in src/cli/compile-cache.ts). */
  readonly readInput: (path: string) => Promise<{ contents: Buffer; stamp: Input }>;
  /** src/cli/module-type.ts's, imported when a module is first compiled. */
  readonly moduleFormatOf: typeof moduleFormatOf;
}

/**
 * esbuild's own loader for a file of each extension it knows: the files a build reads through `readInput`
 * (src/cli/compile-cache.ts).
 */
export const LOADERS: Readonly<Record<string, "js" | "jsx" | "ts" | "tsx" | "json">> = {
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".json": "json",
};

/**
 * What the bundle takes in for a file a pattern of files (`import("./plugins/" + name)`) matches and no import names
 * itself, of an extension Node does not load (`readme.md`; `notes.txt` too, which esbuild would take in as text): code
 * that throws, when the file is imported or required, Node's error for it (see src/cli/stand-in.ts), where esbuild
 * would fail the whole compile on it ("No loader is configured for ".md" files") and Node fails only an import of it.
 */
const unknownExtensionStandIn = (path: string): OnLoadResult => ({
  contents: unknownExtension(realPathOf(path)),
  loader: "js",
});

/**
 * The same for such a file of no extension (`LICENSE`; `.gitkeep` too, which esbuild takes for an extension of its
 * own), which Node runs as JavaScript, when its `contents` do not parse as JavaScript (`loader` "js"), and for a file
 * of an extension Node (or tsx) loads whose `contents` do not compile with its `loader` (`plugins/broken.ts`, or a
 * `helper.ts` only such plugins import), which tsx fails only when it (or a file importing it) is imported: code that
 * throws, as Node does a JavaScript file's, a SyntaxError of esbuild's first error at its place, or, as tsx does a file
 * it compiles, tsx's `TransformError` of esbuild's message (see src/cli/stand-in.ts); undefined when they compile (the
 * bundle takes the file in as it is).
 */
export async function unparsedStandIn(
  path: string,
  contents: Buffer,
  loader: "js" | "jsx" | "ts" | "tsx" | "json",
): Promise<OnLoadResult | undefined> {
  const { transform } = await import("esbuild");
  const real = realPathOf(path);
  try {
    // (the file named by its real path, as tsx, given it by Node, names it)
    await transform(contents, { loader, sourcefile: real, logLevel: "silent" });
    return undefined;
  } catch (error) {
    if (loader !== "js") return { contents: transformError((error as Error).message), loader: "js" };
    const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
    const { line = 1, column = 0 } = first?.location ?? {};
    const text = first?.text ?? String(error);
    return { contents: syntaxError(real, { text, line, column: column + 1 }), loader: "js" };
  }
}

/** esbuild's loader of the file at `path` as a build reads it: Node runs a file of no extension as JavaScript. */
const loaderOf = (path: string): (typeof LOADERS)[string] | undefined => {
  const ext = extname(path);
  return ext === "" ? "js" : LOADERS[ext];
};

/**
 * The `detail` of esbuild's error for an import statement of a file Node does not load (see `unknownExtensionImport`
 * in {@link packagesByPath}): the code that stands for the file that makes it (Node's error, which fails an import of
 * that file) when the file is in the bundle only through patterns of files.
 */
interface Refusal {
  readonly standIn: string;
}

const isRefusal = (detail: unknown): detail is Refusal =>
  typeof detail === "object" && detail !== null && typeof (detail as Refusal).standIn === "string";

/** esbuild's error of an import of a path (relative or absolute) it found no file at. */
const NOT_RESOLVED = /^Could not resolve "([^"*]+)"$/;

/**
 * The {@link Refusal} of esbuild's error `text` in `file` when it is that of an import statement of a path found
 * nowhere (`import { x } from "../missing.ts"`): Node's `ERR_MODULE_NOT_FOUND` for the path, resolved from the file's
 * folder, which fails the file when it is imported; and that path (`target`). (An `import()` or a `require()` of such a
 * path makes no error: see `NOT_FOUND` in {@link packagesByPath}.)
 */
function notFoundRefusal(text: string, file: string): (Refusal & { readonly target: string }) | undefined {
  const [, specifier] = NOT_RESOLVED.exec(text) ?? [];
  if (specifier === undefined || !/^[./]/.test(specifier)) return undefined;
  const real = realPathOf(file);
  const target = resolve(dirname(real), specifier);
  return { standIn: moduleNotFound(target, real), target };
}

/**
 * The files of a failed build's errors (`error`, esbuild's, its files relative to `cwd`) that are in the bundle only
 * through patterns of files (see {@link onlyThroughPatterns}) and that fail alone, with the code that stands for each
 * (see {@link CompileRecord.unparsed}): one that does not compile (a `.ts` file with a syntax error beside the plugins
 * a module imports, or one only such plugins import; see {@link unparsedStandIn}), or whose import statement Node
 * refuses (`import "../notes.md"`; the first in the file, see {@link Refusal}), which tsx fails only when it is
 * imported. None already stood for.
 */
export async function standInsOf(
  error: unknown,
  record: CompileRecord,
  cwd: string,
): Promise<[string, OnLoadResult][]> {
  const { unparsed, read } = record;
  const messages = ((error as { errors?: EsbuildMessage[] }).errors ?? []).flatMap(({ location, detail, text }) =>
    location ? [{ file: resolve(cwd, location.file), line: location.line, column: location.column, detail, text }] : [],
  );
  const found: [string, OnLoadResult][] = [];
  for (const file of new Set(messages.map(({ file }) => file))) {
    const loader = loaderOf(file);
    if (unparsed.has(file) || !read.has(file) || loader === undefined || !onlyThroughPatterns(record, file)) continue;
    const refusal = messages
      .flatMap((message) => {
        if (message.file !== file) return [];
        if (isRefusal(message.detail)) return [{ ...message, refusal: message.detail }];
        const notFound = notFoundRefusal(message.text, file);
        if (notFound === undefined) return [];
        record.missing.add(notFound.target);
        return [{ ...message, refusal: notFound }];
      })
      .sort((a, b) => a.line - b.line || a.column - b.column)[0]?.refusal;
    const standIn = isRefusal(refusal)
      ? { contents: refusal.standIn, loader: "js" as const }
      : await unparsedStandIn(file, readFileSync(file), loader);
    if (standIn !== undefined) found.push([file, standIn]);
  }
  return found;
}

/** hangar's own entry points (`hangar`, `hangar/script`, ...): bundled into the compiled module unless shared. */
const HANGAR = /^hangar(?:\/|$)/;

/** The files an import of a name resolves to that Node cannot run as they are: TypeScript and JSX. */
const NEEDS_COMPILE = /\.(?:[cm]?ts|[jt]sx)$/;

/**
 * The imports of a relative path that load the file: an import statement, which fails the module before it runs when
 * Node does not load the file (see `unknownExtensionImport` in {@link packagesByPath}), and an `import()` or
 * `require()` of a literal, which fail (or load) only when they run.
 */
const LOADING_IMPORTS: readonly ImportKind[] = ["import-statement", "dynamic-import", "require-call"];

/** Skips the resolver plugin on the inner resolve it asks esbuild for. */
const INNER = Symbol("inner resolve");

/** The first of `names` in `folder` or the folders above it, as esbuild looks for a tsconfig or a package.json. */
export function nearest(folder: string, names: readonly string[]): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    for (const name of names) if (statOf(join(dir, name)) !== undefined) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Builtins in the script form: CommonJS modules that `require` them (the runner's `require`). */
export const BUILTIN = "hangar-builtin";

/** What a path of the {@link NOT_FOUND} namespace loads: the code that throws Node's error for it. */
interface NotFound {
  readonly contents: string;
}

/** The extensions of the index files esbuild looks for in a folder an import names (its `resolveExtensions`). */
const INDEX_EXTENSIONS: readonly string[] = [".tsx", ".ts", ".jsx", ".js", ".css", ".json"];

/** The imports that an ES module's imports are: Node and tsx read no folder's package.json `main` for them. */
const ESM_IMPORTS: readonly ImportKind[] = ["import-statement", "dynamic-import"];

/**
 * The plugin that resolves packages to absolute paths (hence its name) and loads the files the build bundles, recording
 * in `record` what it reads and how imports resolve.
 */
export function packagesByPath(
  { cwd, hangar, script, readInput, moduleFormatOf }: PluginOptions,
  record: CompileRecord,
): Plugin {
  const { hangarDirs, read, manifests, named, transformed, unfound, leftToNode, byName, importers, unparsed, missing } =
    record;
  /**
   * Whether Node loads the file at `file`, of `contents`, as CommonJS (see {@link moduleFormatOf}: a `.js` file of ES
   * module syntax under a package.json with no `type` is an ES module to a Node that detects it): the package.json
   * that decided it is kept as an input, and the ones looked for before it as absent files (a `"type"` written later,
   * or a package.json nearer the file, may change it).
   */
  const isCommonJs = (file: string, contents: Buffer): boolean => {
    const { commonJs, packageJson, absent } = moduleFormatOf(file, contents.toString("utf8"));
    if (packageJson !== undefined) manifests.add(packageJson);
    for (const path of absent) unfound.add(path);
    return commonJs;
  };
  return {
    name: "packages-by-path",
    setup(b) {
      /**
       * The file a name leads to from `resolveDir`, imported so (`kind`), as esbuild resolves it (the package's
       * package.json kept as an input); undefined when it is not found.
       */
      const resolveName = async (
        name: string,
        { kind, resolveDir, importer }: { kind: ImportKind; resolveDir: string; importer: string },
      ): Promise<string | undefined> => {
        const found = await b.resolve(name, { kind, resolveDir, importer, pluginData: INNER });
        if (found.errors.length > 0 || found.external || found.path === "") return undefined;
        const manifest = nearest(dirname(found.path), ["package.json"]);
        if (manifest !== undefined) manifests.add(manifest);
        return found.path;
      };
      /** Whether esbuild finds no file for the path `specifier` from `resolveDir`, imported so (`kind`). */
      const foundNowhere = async (
        specifier: string,
        { kind, resolveDir, importer }: { kind: ImportKind; resolveDir: string; importer: string },
      ): Promise<boolean> =>
        (await b.resolve(specifier, { kind, resolveDir, importer, pluginData: INNER })).errors.length > 0;
      /**
       * What an ES module's import (`kind`) of the path `specifier` to a folder (`target`) whose package.json names a
       * `main` file (`main`, where esbuild would lead it) loads, as tsx (and Node) load it: the folder's index
       * (`index.ts`, `index.js`, ...; tsx's, Node's none); without one, Node's `ERR_UNSUPPORTED_DIR_IMPORT`, which
       * an import statement fails the compile with (or, in a file only patterns of files take in, the file when it
       * is imported, see {@link standInsOf}), and an `import()` rejects with when it runs.
       */
      const esmFolderImport = async (
        specifier: string,
        args: { kind: ImportKind; resolveDir: string; importer: string; target: string; main: string },
      ): Promise<OnResolveResult> => {
        const index = await resolveName(`${specifier.replace(/\/+$/, "")}/index`, args);
        if (index !== undefined) return { path: index };
        const importer = realPathOf(args.importer);
        const hint = relative(dirname(importer), realPathOf(args.main)).split(sep).join("/");
        const standIn = unsupportedDirImport(realPathOf(args.target), importer, `./${hint}`);
        if (args.kind === "dynamic-import") {
          // (compiled again once an index is there)
          for (const ext of INDEX_EXTENSIONS) missing.add(join(args.target, `index${ext}`));
          const pluginData: NotFound = { contents: standIn.code };
          return { path: args.target, namespace: NOT_FOUND, pluginData };
        }
        const detail: Refusal = { standIn: standIn.code };
        return { errors: [{ text: standIn.message, detail }] };
      };
      /**
       * Node's error for an `import` statement of a file it does not load (`import "./styles.css"`, `import text
       * from "./notes.txt"`, which esbuild would bundle as CSS or text), which fails the module under Node and
       * tsx before it runs: the bundle fails at the import (an `import()` or `require()` of it is left to Node), but
       * for a file in the bundle only through patterns of files, which the code of its {@link Refusal} stands for
       * (see {@link standInsOf}). Undefined when the file is one Node loads (or is not found: esbuild says so).
       */
      const unknownExtensionImport = async (
        specifier: string,
        { kind, resolveDir, importer }: { kind: ImportKind; resolveDir: string; importer: string },
      ): Promise<PartialMessage | undefined> => {
        const found = await b.resolve(specifier, { kind, resolveDir, importer, pluginData: INNER });
        const ext = extname(found.path);
        if (found.errors.length > 0 || found.external || found.path === "" || ext === "" || ext in LOADERS) {
          return undefined;
        }
        // a path with no extension that esbuild completed (`./styles` to styles.css), which tsx does not
        if (extname(specifier) !== ext) {
          const path = resolve(realPathOf(resolveDir), specifier);
          const detail: Refusal = { standIn: moduleNotFound(path, realPathOf(importer)) };
          return { text: `Cannot find module '${path}' imported from ${realPathOf(importer)}`, detail };
        }
        const detail: Refusal = { standIn: unknownExtension(realPathOf(found.path)) };
        return {
          text: `Unknown file extension ${JSON.stringify(ext)} for ${realPathOf(found.path)} (Node and tsx import no such file: read it with readFileSync)`,
          detail,
        };
      };
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (isBuiltin(args.path) && script) {
          return args.namespace === BUILTIN
            ? { path: args.path, external: true }
            : // importing a builtin has no effect of its own: an import no code uses is left out
              { path: args.path, namespace: BUILTIN, sideEffects: false };
        }
        if (args.pluginData === INNER || isBuiltin(args.path)) return undefined;
        const found = await resolveName(args.path, args);
        // not found here: left as written, so that Node reports it when the module runs
        if (found === undefined) return { path: args.path, external: true };
        if (hangar === "bundled" && HANGAR.test(args.path)) {
          hangarDirs.push(dirname(found) + sep);
          return { path: found };
        }
        // a TypeScript (or JSX) file, which Node cannot load (one a tsconfig's `paths` maps a name to, or a
        // package whose `main` is its source): bundled in and compiled with the module, as tsx runs it
        if (NEEDS_COMPILE.test(found)) {
          byName.add(found);
          return { path: found };
        }
        // `require()` and `require.resolve()` take a path, not a URL
        const required = args.kind === "require-call" || args.kind === "require-resolve";
        return { path: required ? found : pathToFileURL(found).href, external: true };
      });
      const loadFile = async (args: { path: string }): Promise<OnLoadResult | undefined> => {
        // a FIFO (`plugins/feed.ts`) would hold the build for ever: one a pattern of files takes in throws when
        // imported, one an import names fails the compile
        if (!isFile(args.path)) {
          read.set(args.path, (await readInput(args.path)).stamp);
          const real = realPathOf(args.path);
          if (unnamed(record, args.path)) return { contents: notAFile(real), loader: "js" };
          return { errors: [{ text: notAFileMessage(real) }] };
        }
        const ext = extname(args.path);
        const loader = loaderOf(args.path);
        if (loader === undefined) return unnamed(record, args.path) ? unknownExtensionStandIn(args.path) : undefined;
        const { contents, stamp } = await readInput(args.path);
        read.set(args.path, stamp);
        const standIn = unparsed.get(args.path);
        if (standIn !== undefined) return standIn;
        if (ext === "" && unnamed(record, args.path)) {
          const fails = await unparsedStandIn(args.path, contents, "js");
          if (fails !== undefined) return fails;
        }
        // the user's files, not hangar's own bundled in, which are compiled as before: compiled alone, the
        // largest (dist/script.js, which names import.meta in its text) cost a cold compile some 20 ms
        // (docker-baseline, 8 runs)
        const own = loader !== "json" && !hangarDirs.some((dir) => args.path.startsWith(dir));
        if (!own) return { contents, loader };
        let importMeta = readsImportMeta(contents);
        if (importMeta && COMMON_JS.test(args.path)) {
          const refused = await importMetaInCommonJs(args.path, contents, loader);
          if (refused !== undefined) return { errors: [refused] };
          importMeta = false;
        }
        const names = { paths: readsCommonJsPaths(contents), require: readsRequireAtRunTime(contents) };
        const commonJs = (names.paths || names.require) && isCommonJs(args.path, contents);
        const commonJsPaths = commonJs && names.paths;
        const ownRequire = commonJs && names.require;
        if (!importMeta && !commonJsPaths && !ownRequire) return { contents, loader };
        const file = { path: args.path, contents, loader };
        const values = { importMeta, commonJsPaths, ownRequire };
        // a package its import.meta.resolve names, as an import of it resolves from the file
        const importer = {
          kind: "import-statement",
          resolveDir: dirname(args.path),
          importer: args.path,
        } as const;
        const resolvePackage = async (specifier: string) => {
          const found = await resolveName(specifier, importer);
          return found === undefined ? undefined : pathToFileURL(found).href;
        };
        const compiled = await withOwnValues(file, cwd, values, resolvePackage);
        if (compiled === undefined) return { contents, loader };
        transformed.set(args.path, compiled);
        return { contents: compiled.contents, loader: compiled.loader };
      };
      b.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
        const loaded = await loadFile(args);
        const patterns = leftToNode.get(args.path);
        if (patterns === undefined || loaded?.contents === undefined) return loaded;
        const text = Buffer.from(loaded.contents).toString("utf8");
        return { ...loaded, contents: patternsLeftToNode(text, patterns, args.path) };
      });
      b.onLoad({ filter: /.*/, namespace: NOT_FOUND }, (args) => ({
        contents: (args.pluginData as NotFound).contents,
        loader: "js",
      }));
      b.onLoad({ filter: /.*/, namespace: BUILTIN }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
      /** Records that `importer` imports the file or folder at `target` (see {@link CompileRecord.importers}). */
      const imports = (target: string, importer: string) =>
        importers.set(target, (importers.get(target) ?? new Set()).add(importer));
      // An import of a path, relative or absolute. A file hangar imports only when needed stays a file imported by URL
      // when needed: bundled in, its own static imports would run with the module (`runIfMain` reads io.ts, and with
      // it node:fs, only when the module is run as a script; see src/cli/script.ts).
      b.onResolve({ filter: /^[./]/ }, async (args) => {
        if (args.pluginData === INNER) return undefined;
        const hangars = hangarDirs.some((dir) => args.importer.startsWith(dir));
        if (!hangars && args.namespace === "file" && args.resolveDir !== "") {
          const target = resolve(args.resolveDir, args.path);
          named.add(target);
          named.add(dirname(target));
          imports(target, args.importer);
          // a folder whose package.json names the file it leads to (`require("./dep")`, its `main`), which the
          // import loads: recorded as imported, beside the folder (see `mayLoad` in src/cli/pattern-files.ts: a
          // folder may load its index), and the package.json as what decided it
          const manifest = join(target, "package.json");
          if (isFile(manifest)) {
            manifests.add(manifest);
            const found = await resolveName(args.path, args);
            const byFolder = found?.startsWith(target + sep) === true;
            // an ES module's import of the folder (not a CommonJS file's, whose imports are require() calls) takes
            // its index, as tsx does, never its `main`, and fails without one, as Node does
            if (
              byFolder &&
              ESM_IMPORTS.includes(args.kind) &&
              !isCommonJs(args.importer, readFileSync(args.importer))
            ) {
              const folderImport = await esmFolderImport(args.path, { ...args, target, main: found });
              if ("path" in folderImport) imports(folderImport.path, args.importer);
              return folderImport;
            }
            if (found !== undefined) imports(found, args.importer);
          }
          if (LOADING_IMPORTS.includes(args.kind) && !(extname(args.path) in LOADERS)) {
            const refused = await unknownExtensionImport(args.path, args);
            if (refused !== undefined && args.kind === "import-statement") return { errors: [refused] };
            // an import() or require() of it fails (or loads) only when it runs: Node's, given the path as
            // written from the importer's folder (a URL to import(), a path to require(), which runs the
            // file as JavaScript)
            if (refused !== undefined) {
              const target = resolve(realPathOf(args.resolveDir), args.path);
              return { path: args.kind === "require-call" ? target : pathToFileURL(target).href, external: true };
            }
          }
          // an import() or require() of a path found nowhere fails, as under tsx, only when it runs (a file only
          // patterns of files take in that has an import statement of one fails when imported, see standInsOf)
          const call = args.kind === "dynamic-import" || args.kind === "require-call" ? args.kind : undefined;
          if (call !== undefined && !args.path.includes("*") && (await foundNowhere(args.path, args))) {
            missing.add(target);
            const real = resolve(realPathOf(args.resolveDir), args.path);
            const importer = realPathOf(args.importer);
            // an import() rejects with Node's error for the path, from the calling file; a require() is Node's own
            // from it
            const contents =
              call === "require-call" ? requiredFrom(args.path, importer) : moduleNotFound(real, importer);
            const pluginData: NotFound = { contents };
            return { path: real, namespace: NOT_FOUND, pluginData };
          }
        }
        if (args.kind !== "dynamic-import" || !hangars) return;
        return { path: pathToFileURL(resolve(args.resolveDir, args.path)).href, external: true };
      });
    },
  };
}
