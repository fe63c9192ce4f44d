import nodeFs, { existsSync, readFileSync, statSync } from "node:fs";
import { type SourceMapping, syncBuiltinESMExports } from "node:module";
import { dirname, extname, isAbsolute, normalize, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { pipeline as buildPipeline, isBuiltPipeline, type UnknownReference } from "../fragment/pipeline.ts";
import { describeValue } from "../model/arguments.ts";
import { isObject } from "../model/common.ts";
import { isHangarError } from "../model/errors.ts";
import type { Pipeline } from "../model/pipeline.ts";
import {
  badInstanceVar,
  INSTANCE_VAR_VALUE,
  unwritableInstanceVar,
  unwritableInstanceVarMessage,
} from "../render/fly-command.ts";
import { didYouMeanSuffix } from "../source/did-you-mean.ts";
import { printable } from "../source/printable.ts";
import { cacheDirFor } from "./cache-dir.ts";
import { compileModule, type HangarLink } from "./compile-cache.ts";
import { realPathOf } from "./file-paths.ts";
import { importModule } from "./import-module.ts";
import { inlineSourceMap } from "./inline-source-map.ts";
import { LoadError } from "./load-error.ts";
import { guardLoad } from "./load-guard.ts";
import { runScriptModule } from "./script-module.ts";
import { NOT_FOUND } from "./stand-in.ts";
import { isUnknownReferences } from "./unknown-references.ts";

export { LoadError } from "./load-error.ts";

import { commonJsAdvice, isCommonJsLoadError } from "./module-type.ts";

/**
 * What a pipeline module's default export describes: the pipeline and how to set it. A module may
 * also export the pipeline (or a fragment) alone, or a function, possibly async, returning either.
 */
export interface PipelineDefinition {
  /** The pipeline's name in Concourse (`fly -p`). */
  readonly name?: string | undefined;
  /** The fly target (`fly -t`). */
  readonly target?: string | undefined;
  /** The team to set the pipeline in. */
  readonly team?: string | undefined;
  /** Instance vars, for one instance of a pipeline group. */
  readonly instanceVars?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** The pipeline. */
  readonly pipeline: Pipeline;
}

const TS_EXTENSIONS: ReadonlySet<string> = new Set([".ts", ".mts", ".cts", ".tsx"]);
const JS_EXTENSIONS: ReadonlySet<string> = new Set([".js", ".mjs", ".cjs", ".jsx"]);

/** Whether `file` is a pipeline module (TypeScript or JavaScript) rather than YAML or JSON. */
export const isModuleFile = (file: string): boolean =>
  TS_EXTENSIONS.has(extname(file)) || JS_EXTENSIONS.has(extname(file));

/** A loaded module's definition; `unknownReferences` when `pipeline()` found names it does not define. */
export interface LoadedDefinition extends PipelineDefinition {
  readonly unknownReferences?: readonly UnknownReference[];
}

/** Options of {@link loadPipelineModule}. */
export interface LoadOptions {
  /**
   * Where compiled TypeScript modules are kept between runs; `false` to always compile (the compiled
   * code is then imported from memory). Default: `node_modules/.cache/hangar` in the nearest folder
   * above the module that has a `node_modules`, else none.
   */
  readonly cacheDir?: string | false | undefined;
  /** How long the module (and the function it exports) may take to give its pipeline. Default 10 s. */
  readonly timeoutMs?: number | undefined;
}

/** The default of {@link LoadOptions.timeoutMs}. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Loads a pipeline module and returns its definition. TypeScript is compiled with esbuild into a
 * cache folder (see compile-cache.ts), never beside the module: nothing is written in the user's
 * folders. JavaScript modules are imported as they are.
 */
export function loadPipelineModule(file: string, cwd: string, options: LoadOptions = {}): Promise<LoadedDefinition> {
  // the script's process.stdout is its own to use
  return loadModule(file, cwd, { ...options, stdoutToStderr: false });
}

/** What the CLI can ask of {@link loadModule} besides {@link LoadOptions}. */
export interface ModuleLoadOptions extends LoadOptions {
  /**
   * Whether Node maps stack traces through the compiled module's source map (default true: the graph reads call
   * sites from stacks, and `--debug` prints them). `hangar render` needs it only with `--debug`: it places errors
   * itself through the map (see userFrame), and Node's source-map support costs about 10 ms of CPU on a cached
   * render of docker-baseline (paired runs: +48 ms instead of +59 ms beside `node -e 0`).
   */
  readonly stackSourceMaps?: boolean;
  /** How a compiled TypeScript module gets hangar (see {@link HangarLink}); default `bundled`. */
  readonly hangar?: HangarLink;
  /** The module is one of a batch, which cleans up the compile cache once, after it (see pruneCompileCache). */
  readonly inBatch?: boolean;
  /**
   * Given each warning of the compile (`tsconfig.json:3:5: ...`, see compile-cache.ts), before the module runs: the
   * module still loads. Default: none are given.
   */
  readonly warn?: (message: string) => void;
  /**
   * What the module writes to `process.stdout`, or to descriptor 1 through `node:fs` (`fs.writeSync(1, text)`),
   * while it loads goes to standard error (default true): the CLI's
   * stdout holds its product only, for every command (a pipeline, fly commands, a graph, changes as JSON), as
   * its `console` does (see main.ts). See guardLoad.
   */
  readonly stdoutToStderr?: boolean;
}

/** Why the file at `path` is not loaded as a module, and what to do instead. */
function notAModule(path: string, shown: string): string {
  if (statSync(path).isDirectory()) {
    return `a folder, not a pipeline module (name the module in it, or a glob: '${shown}/*.ts')`;
  }
  const yaml = [".yml", ".yaml", ".json"].includes(extname(path).toLowerCase());
  const hint = yaml
    ? "; a YAML or JSON pipeline is checked by hangar validate, and made a module by hangar import"
    : "";
  return `not a pipeline module (expected .ts, .mts, .js or .mjs${hint})`;
}

/** {@link loadPipelineModule}, with the CLI's options. */
export async function loadModule(
  file: string,
  cwd: string,
  options: ModuleLoadOptions = {},
): Promise<LoadedDefinition> {
  const path = resolve(cwd, file);
  const shown = relative(cwd, path) || file;
  if (!existsSync(path)) throw new LoadError(`${shown}: no such file`);
  if (!isModuleFile(path)) throw new LoadError(`${shown}: ${notAModule(path, shown)}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const stackSourceMaps = options.stackSourceMaps ?? true;
  let url: string;
  /** The compiled module's script form, run instead of importing the ES module (see compile-cache.ts). */
  let script: string | undefined;
  if (JS_EXTENSIONS.has(extname(path))) url = pathToFileURL(path).href;
  else {
    const cacheDir = options.cacheDir ?? cacheDirFor(path);
    // Node maps stack traces through ES modules' source maps, not through scripts': the script form runs only when
    // stacks are not needed mapped (errors are still placed in the user's source, see userFrame)
    const wanted = stackSourceMaps ? "module" : "script";
    const dir = cacheDir === false ? undefined : cacheDir;
    const compiled = await compileModule(path, shown, cwd, dir, options.hangar, wanted, options.inBatch);
    for (const warning of compiled.warnings) options.warn?.(warning);
    script = compiled.script;
    url = compiled.url;
  }
  const origin = { url, path, shown, cwd, ...(script !== undefined && { script }) };
  // (from here until the pipeline is read, the process is guarded against the module: see guardLoad)
  const stdoutToStderr = options.stdoutToStderr ?? true;
  // (the script form reads node:fs through its runner's require, its CommonJS exports: no ES module of it to bring up
  // to date, which costs some 0.4 ms a call)
  const sync = script === undefined ? syncBuiltinESMExports : () => {};
  const fs = stdoutToStderr ? { exports: nodeFs, sync } : undefined;
  const guard = guardLoad(process, { stdoutToStderr, ...(fs !== undefined && { fs }) });
  try {
    let exported: unknown;
    try {
      const failed = guard.failed.catch((error: unknown) => {
        throw moduleFailure(error, origin);
      });
      exported = await withTimeout(importUserModule(origin, stackSourceMaps, failed), timeoutMs, () => {
        const seconds = timeoutMs / 1000;
        return new LoadError(
          `${shown}: gave no pipeline within ${seconds} s (a promise that never settles, or work that takes longer: see --timeout)`,
        );
      });
    } catch (error) {
      // pipeline() found undefined names: findings to report with the rest, not a failure to load
      const cause = error instanceof LoadError ? error.detail : error;
      if (isUnknownReferences(cause)) return { pipeline: cause.pipeline, unknownReferences: cause.references };
      throw error;
    }
    try {
      return toDefinition(exported, shown, options.warn);
    } catch (error) {
      // the module's own code run as hangar reads the value (a getter of its, on the value or on Object.prototype)
      throw moduleFailure(error, origin);
    }
  } finally {
    guard.restore();
  }
}

/**
 * What failed while hangar waited for or read the module's value, as the module's error when its code threw it (a
 * frame of its files in the stack, a value that is not an Error, a call of process.exit), else as it was: an
 * internal error of hangar's is still reported as one.
 */
function moduleFailure(error: unknown, origin: Origin): unknown {
  if (isHangarError(error) || !(error instanceof Error) || userFrame(error, origin) !== undefined) {
    return error instanceof LoadError ? error : userCodeError(error, origin);
  }
  return error;
}

/** `promise`, or the error of `onTimeout` once `ms` have passed; the timer never outlives the promise. */
function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * The module's value: its default export, called when a function, awaited when a promise. `failed` rejects when the
 * module fails meanwhile outside these calls (see guardLoad), and is raced with each.
 */
async function importUserModule(origin: Origin, stackSourceMaps: boolean, failed: Promise<never>): Promise<unknown> {
  const { url, shown } = origin;
  // Stack traces through the user's module then point into their TypeScript (the graph's call sites read them).
  // Enabled here rather than at start-up: with source maps on, Node searches every module it loads for one, and
  // hangar's own modules have none (bench, cached render: about 5 ms of start-up).
  if (stackSourceMaps) process.setSourceMapsEnabled(true);
  const imported = (
    origin.script === undefined
      ? (importModule(url) as Promise<Record<string, unknown>>)
      : runScriptModule(origin.script)
  ).catch(async (error: unknown) => {
    throw userCodeError(error, origin, await syntaxErrorFrame(error, origin));
  });
  const mod = await Promise.race([imported, failed]);
  if (!("default" in mod)) {
    throw new LoadError(`${shown}: the module has no default export (export default a pipeline or a definition)`);
  }
  const value = mod.default;
  // a promise (export default Promise.reject(...)), or a function's, is awaited here: its rejection is the module's
  const given = (async () => await (typeof value === "function" ? (value as () => unknown)() : value))().catch(
    (error: unknown) => {
      throw userCodeError(error, origin);
    },
  );
  return Promise.race([given, failed]);
}

/** Where a module was loaded from: the user's file, and the URL that ran (a compiled copy for TypeScript). */
interface Origin {
  readonly url: string;
  /** The compiled copy's script form, when that is what runs (`url` is then its URL). */
  readonly script?: string;
  readonly path: string;
  readonly shown: string;
  readonly cwd: string;
}

/**
 * A position in the compiled code at `url` mapped back to the user's file through the code's inline
 * source map (Node maps stack traces itself only when source maps are enabled for the process).
 */
function mapToSource(
  url: string,
  line: number,
  column: number,
): { file: string; line: number; column: number } | undefined {
  try {
    const code = url.startsWith("data:")
      ? Buffer.from(url.slice(url.indexOf(",") + 1), "base64").toString("utf8")
      : readFileSync(fileURLToPath(url), "utf8");
    const map = inlineSourceMap(code);
    if (map === undefined) return undefined;
    const found = map.findEntry(line - 1, column - 1) as Partial<SourceMapping>;
    if (found.originalSource === undefined || found.originalLine === undefined || found.originalColumn === undefined) {
      return undefined;
    }
    const source = new URL(found.originalSource, map.payload.sourceRoot || url);
    return { file: fileURLToPath(source), line: found.originalLine + 1, column: found.originalColumn + 1 };
  } catch {
    return undefined;
  }
}

/**
 * A LoadError for an exception thrown by the user's code, located at its first frame in their files (else at
 * `located`, when given): hangar's own errors (a factory's wrong argument, a fragment conflict) keep their one
 * sentence, placed where the user called.
 */
function userCodeError(error: unknown, origin: Origin, located?: string): LoadError {
  const { path, shown, cwd } = origin;
  if (isCommonJsLoadError(error)) {
    const message =
      error instanceof Error ? printable(`${error.name}: ${error.message}`) : `thrown: ${describeThrown(error)}`;
    return new LoadError(commonJsAdvice(path, cwd) ?? `${shown}: ${message}`, error);
  }
  const transform = transformFailure(error, cwd);
  if (transform !== undefined) return new LoadError(transform, error);
  const missing = missingPackage(error);
  if (missing !== undefined) {
    // Node names the compiled copy (a file in the cache, or a data: URL), not the user's module
    return new LoadError(
      `${shown}: cannot find package '${missing}': install it in the module's project (npm install ${missing})`,
      error,
    );
  }
  const message = isHangarError(error)
    ? error.message
    : error instanceof Error
      ? printable(`${error.name}: ${error.message}`)
      : `thrown: ${describeThrown(error)}`;
  return new LoadError(`${userFrame(error, origin) ?? located ?? shown}: ${message}`, error);
}

/**
 * The first error of tsx's `TransformError` (esbuild's failure to compile a file, renamed; the error of hangar's
 * stand-in for a file a pattern of files took in that does not compile, see src/cli/stand-in.ts), as hangar names a
 * compile's: `<file>:<line>:<column>: TransformError: <text>`, the file relative to `cwd` and the column from 1
 * (esbuild's message counts it from 0: `Transform failed with 1 error:\n<path>:<line>:<column>: ERROR: <text>`).
 * Undefined for another error.
 */
function transformFailure(error: unknown, cwd: string): string | undefined {
  if (!(error instanceof Error) || error.name !== "TransformError") return undefined;
  const first = /^Transform failed with \d+ errors?:\n(.+?):(\d+):(\d+): ERROR: (.*)$/m.exec(error.message);
  if (first === null) return undefined;
  const [, file = "", line = "", column = "", text = ""] = first;
  const shown = isAbsolute(file) ? relative(realPathOf(cwd), file) : file;
  return `${printable(shown)}:${line}:${Number(column) + 1}: ${error.name}: ${printable(text)}`;
}

/**
 * `file:line:column` of a syntax error in a JavaScript module, which Node reports without a position (it shows one,
 * above the source line and a caret, only for an error nobody caught): the module checked by `node --check`, whose
 * report names the line and places the caret. Undefined for a compiled module (esbuild placed its errors), or when
 * the check finds another error or none (the error is in a module the user's module imports).
 */
async function syntaxErrorFrame(error: unknown, origin: Origin): Promise<string | undefined> {
  const { url, path, cwd } = origin;
  if (!(error instanceof SyntaxError) || url !== pathToFileURL(path).href) return undefined;
  // (loaded only on this path: a module that does not parse)
  const { spawnSync } = await import("node:child_process");
  const check = spawnSync(process.execPath, ["--check", path], { encoding: "utf8", timeout: 10_000 });
  // `<path>:<line>`, the source line, the caret under the error's column, a blank line, `SyntaxError: <message>`
  const lines = (check.stderr ?? "").split("\n");
  const at = lines.findIndex((line) => line.startsWith(`${path}:`));
  const lineNumber = Number(lines[at]?.slice(path.length + 1));
  if (at < 0 || !Number.isInteger(lineNumber) || lineNumber < 1) return undefined;
  if (!lines.slice(at).some((line) => line === `SyntaxError: ${error.message}`)) return undefined;
  const caret = lines[at + 2]?.indexOf("^") ?? -1;
  return `${relative(cwd, path)}:${lineNumber}${caret >= 0 ? `:${caret + 1}` : ""}`;
}

/** How many characters of a thrown value's JSON or inspected form are shown. */
const MAX_THROWN = 200;

/**
 * What the user's code threw when it is not an Error, in a few words on one line: its `message` when it has a string
 * one (`throw { code: 1, message: "boom" }`), else its JSON, else (a cycle, a BigInt) the form `util.inspect` gives,
 * without running the value's own inspect function; else what String() gives (a BigInt with its `n`); each cut at
 * {@link MAX_THROWN} characters. Control characters, line separators and bidirectional overrides are escaped (see {@link printable}).
 */
function describeThrown(value: unknown): string {
  // (a getter or a Proxy of the user's may throw: then the value's tag)
  try {
    const bounded = (shown: string) =>
      printable(shown.length > MAX_THROWN ? `${shown.slice(0, MAX_THROWN - 1)}…` : shown);
    if (isObject(value) && typeof value.message === "string") return bounded(value.message);
    if (typeof value === "object" && value !== null) {
      let json: string | undefined;
      try {
        json = JSON.stringify(value);
      } catch {}
      const shown =
        typeof json === "string"
          ? json
          : inspect(value, { customInspect: false, breakLength: Number.POSITIVE_INFINITY, depth: 2 });
      return bounded(shown);
    }
    // (a bigint as util.inspect writes it: 42n, not the number 42)
    return bounded(typeof value === "bigint" ? `${value}n` : String(value));
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The package an import names that Node could not find (from a module file, or from a `data:` URL), else undefined. */
function missingPackage(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== "string") return undefined;
  if (code === "ERR_MODULE_NOT_FOUND") return /^Cannot find package '([^']+)'/.exec(message)?.[1];
  if (code === "ERR_UNSUPPORTED_RESOLVE_REQUEST")
    return /^Failed to resolve module specifier "([^"]+)"/.exec(message)?.[1];
  return undefined;
}

/** `file:line:column` of the first frame of `error`'s stack in the user's files (the module's folder, not packages). */
function userFrame(error: unknown, origin: Origin): string | undefined {
  const { url, path, cwd } = origin;
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  const dir = dirname(path);
  // a .js or .mjs module runs as it is, from its own URL: no compiled copy, no source map
  const compiled = url !== pathToFileURL(path).href;
  for (const match of stack.matchAll(/(?:\(|at )((?:file:\/\/|data:)?[^()\s]+?):(\d+):(\d+)\)?$/gm)) {
    const [, where = "", line = "", column = ""] = match;
    const inCompiled = compiled && where === url;
    const mapped = inCompiled ? mapToSource(url, Number(line), Number(column)) : undefined;
    // code of the compiled copy that maps to no source is esbuild's own (the shim of a pattern of files that throws
    // "Module not found in bundle"): the user's call is further down
    if (inCompiled && mapped === undefined) continue;
    const frame = mapped ?? {
      file: where.startsWith("file://") ? fileURLToPath(where) : where,
      line: Number(line),
      column: Number(column),
    };
    // a frame Node mapped through the source map names its source as the map gives it, joined to the module's
    // folder and not normalized (`<dir>/../../dist/...` for hangar's own code bundled into the module)
    const file = isAbsolute(frame.file) ? normalize(frame.file) : frame.file;
    // (nor the code that stands for a path found nowhere, see NOT_FOUND: the user's call is further down)
    if (file.includes(`${sep}node_modules${sep}`) || file.includes(`${NOT_FOUND}:`)) continue;
    if (file === path || file.startsWith(dir + sep)) return `${relative(cwd, file)}:${frame.line}:${frame.column}`;
  }
  return undefined;
}

/** The keys of a {@link PipelineDefinition}. */
const DEFINITION_KEYS: readonly string[] = ["name", "target", "team", "instanceVars", "pipeline"];

/**
 * Accepts a definition, a pipeline or a fragment, and returns a definition. A key of a definition that hangar does not
 * read (a misspelled `tema`) is told to `warn`.
 */
function toDefinition(value: unknown, shown: string, warn?: (message: string) => void): PipelineDefinition {
  const notAPipeline = () =>
    new LoadError(
      `${shown}: the default export is not a pipeline (expected a pipeline, a fragment, a { name, target, pipeline } definition, or a function returning one)`,
    );
  if (!isObject(value)) throw notAPipeline();
  const inner = value.pipeline;
  // a definition, or what was meant as one: a pipeline key beside no jobs of a pipeline's own
  if (isObject(inner) || ("pipeline" in value && !Array.isArray(value.jobs))) {
    if (typeof inner === "function") {
      throw new LoadError(
        `${shown}: the definition's pipeline is a function, not a pipeline (call it: pipeline(...) returns one)`,
      );
    }
    if (!isObject(inner) || !Array.isArray(inner.jobs)) {
      const got = isObject(inner) ? `its jobs are ${describeValue(inner.jobs)}` : `got ${describeValue(inner)}`;
      throw new LoadError(`${shown}: the definition's pipeline must be a pipeline, with a list of jobs (${got})`);
    }
    for (const key of Object.keys(value)) {
      if (DEFINITION_KEYS.includes(key)) continue;
      const known = DEFINITION_KEYS.join(", ");
      warn?.(
        `${shown}: the definition's key '${printable(key)}' is not one hangar reads (${known})${didYouMeanSuffix(key, DEFINITION_KEYS)}`,
      );
    }
    for (const key of ["name", "target", "team"] as const) {
      if (value[key] !== undefined && typeof value[key] !== "string") {
        throw new LoadError(`${shown}: the definition's ${key} must be a string`);
      }
    }
    // `fly -t ''` selects no target
    if (value.target === "") throw new LoadError(`${shown}: the definition's target is empty (name a fly target)`);
    const bad = value.instanceVars === undefined ? undefined : badInstanceVar(value.instanceVars);
    if (bad !== undefined) {
      throw new LoadError(
        `${shown}: the definition's ${bad.at} must be ${INSTANCE_VAR_VALUE}, got ${describeValue(bad.value)}`,
      );
    }
    const unwritable = isObject(value.instanceVars) ? unwritableInstanceVar(value.instanceVars, true) : undefined;
    if (unwritable !== undefined) {
      throw new LoadError(`${shown}: the definition's ${unwritable.at}: ${unwritableInstanceVarMessage(unwritable)}`);
    }
    return value as unknown as PipelineDefinition;
  }
  if (Array.isArray(value.jobs)) {
    // what pipeline() returned is not built again: `hangar render --no-validate` of a module building the bench
    // workload at 10,000 jobs, whole process, 793 ms against 934 (medians of 9 rounds alternating with building again)
    const isFragment =
      !isBuiltPipeline(value) &&
      !("groups" in value) &&
      Array.isArray(value.resources) &&
      Array.isArray(value.resource_types);
    try {
      return { pipeline: isFragment ? buildPipeline(value as never) : (value as unknown as Pipeline) };
    } catch (error) {
      throw new LoadError(`${shown}: ${(error as Error).message}`, error);
    }
  }
  throw notAPipeline();
}
