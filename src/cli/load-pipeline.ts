import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pipeline as buildPipeline } from "../fragment/pipeline.ts";
import { HangarError, isHangarError } from "../model/errors.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { commonJsAdvice, isCommonJsLoadError } from "./module-type.ts";

/**
 * What a pipeline module's default export describes: the pipeline and how to set it. A module may
 * also export the pipeline (or a fragment) alone, or a function, possibly async, returning either.
 */
export interface PipelineDefinition {
  /** The pipeline's name in Concourse (`fly -p`). */
  readonly name?: string;
  /** The fly target (`fly -t`). */
  readonly target?: string;
  /** The team to set the pipeline in. */
  readonly team?: string;
  /** Instance vars, for one instance of a pipeline group. */
  readonly instanceVars?: Readonly<Record<string, string | number | boolean>>;
  /** The pipeline. */
  readonly pipeline: Pipeline;
}

/** A failure to load a pipeline module; its message names the file (and line where known). */
export class LoadError extends HangarError {
  /** The original error thrown by the user's code, shown with `--debug`. */
  readonly detail: unknown;

  constructor(message: string, detail?: unknown) {
    super("cli/load", message);
    this.detail = detail;
  }
}

const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);
const JS_EXTENSIONS = new Set([".js", ".mjs", ".cjs", ".jsx"]);

/** Whether `file` is a pipeline module (TypeScript or JavaScript) rather than YAML or JSON. */
export const isModuleFile = (file: string): boolean =>
  TS_EXTENSIONS.has(extname(file)) || JS_EXTENSIONS.has(extname(file));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Options of {@link loadPipelineModule}. */
export interface LoadOptions {
  /**
   * Where compiled TypeScript modules are kept between runs; `false` to always compile. Default:
   * `node_modules/.cache/hangar` in the nearest folder above the module that has a `node_modules`.
   */
  readonly cacheDir?: string | false;
}

/**
 * Loads a pipeline module and returns its definition. TypeScript is compiled with esbuild (bundling
 * the module's relative imports, leaving packages to Node) into a temporary file beside the module,
 * so that its imports resolve as they would for the module itself; the file is removed afterwards.
 * The compiled code is cached, keyed by the module and checked against the content of every file
 * bundled into it, so an unchanged module loads without starting esbuild.
 */
export async function loadPipelineModule(
  file: string,
  cwd: string,
  options: LoadOptions = {},
): Promise<PipelineDefinition> {
  const path = resolve(cwd, file);
  const shown = relative(cwd, path) || file;
  if (!existsSync(path)) throw new LoadError(`${shown}: no such file`);
  if (!isModuleFile(path)) throw new LoadError(`${shown}: not a pipeline module (expected .ts, .mts, .js or .mjs)`);

  let exported: unknown;
  if (JS_EXTENSIONS.has(extname(path))) {
    exported = await importUserModule(pathToFileURL(path).href, path, shown, cwd);
  } else {
    const cacheDir = options.cacheDir ?? defaultCacheDir(path);
    const code = await compileCached(path, shown, cwd, cacheDir === false ? undefined : cacheDir);
    const temp = join(dirname(path), `.hangar-${basename(path, extname(path))}-${randomBytes(6).toString("hex")}.mjs`);
    await writeFile(temp, code);
    try {
      exported = await importUserModule(pathToFileURL(temp).href, path, shown, cwd);
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }
  return toDefinition(exported, shown);
}

/** Bump when the compile options below change, so that older cache entries are not used. */
const CACHE_FORMAT = 1;

/** A compiled module and the files it was built from, each with the hash of its content. */
interface CacheEntry {
  readonly format: number;
  readonly esbuild: string;
  readonly inputs: readonly (readonly [path: string, hash: string])[];
  readonly code: string;
}

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

function defaultCacheDir(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "hangar");
    if (dirname(dir) === dir) return undefined;
  }
}

/** The installed esbuild's version, read without loading esbuild (which starts its service). */
function esbuildVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require("esbuild/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Whether every input still has the content it was compiled from. */
async function unchanged(inputs: CacheEntry["inputs"]): Promise<boolean> {
  for (const [input, hash] of inputs) {
    const content = await readFile(input).catch(() => undefined);
    if (content === undefined || sha256(content) !== hash) return false;
  }
  return true;
}

/** {@link compile}, through the cache in `cacheDir` when there is one. A cache that fails is only a miss. */
async function compileCached(path: string, shown: string, cwd: string, cacheDir: string | undefined): Promise<string> {
  if (cacheDir === undefined) return (await compile(path, shown, cwd)).code;
  const version = esbuildVersion();
  const entryFile = join(cacheDir, `${sha256(`${CACHE_FORMAT}\0${version}\0${path}\0${cwd}`)}.json`);
  try {
    const entry = JSON.parse(await readFile(entryFile, "utf8")) as CacheEntry;
    if (entry.format === CACHE_FORMAT && entry.esbuild === version && (await unchanged(entry.inputs))) {
      return entry.code;
    }
  } catch {
    // no entry, or an unreadable one: compile
  }
  const { code, inputs } = await compile(path, shown, cwd);
  try {
    const hashed = await Promise.all(inputs.map(async (input) => [input, sha256(await readFile(input))] as const));
    const entry: CacheEntry = { format: CACHE_FORMAT, esbuild: version, inputs: hashed, code };
    await mkdir(cacheDir, { recursive: true });
    const temp = `${entryFile}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, entryFile).catch(async (error: unknown) => {
      await unlink(temp).catch(() => undefined);
      throw error;
    });
    await prune(cacheDir);
  } catch {
    // caching is an optimisation: a read-only or missing node_modules only costs the next compile
  }
  return code;
}

/** How many compiled modules the cache keeps; the least recently written go first. */
const CACHE_ENTRIES = 100;

/** Removes the oldest entries beyond {@link CACHE_ENTRIES} (modules compiled once in scratch folders, say). */
async function prune(cacheDir: string): Promise<void> {
  const names = (await readdir(cacheDir)).filter((name) => name.endsWith(".json"));
  if (names.length <= CACHE_ENTRIES) return;
  const dated = await Promise.all(
    names.map(async (name) => {
      const file = join(cacheDir, name);
      return { file, mtime: (await stat(file).catch(() => undefined))?.mtimeMs ?? 0 };
    }),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(dated.slice(CACHE_ENTRIES).map(({ file }) => unlink(file).catch(() => undefined)));
}

/** Compiles the module with esbuild; returns the code and the absolute paths of the files bundled into it. */
async function compile(path: string, shown: string, cwd: string): Promise<{ code: string; inputs: string[] }> {
  const { build } = await import("esbuild");
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      packages: "external",
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      sourcemap: "inline",
      sourcesContent: false,
      outfile: join(dirname(path), "out.mjs"),
      logLevel: "silent",
      absWorkingDir: cwd,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(cwd, input));
    return { code: result.outputFiles[0]?.text ?? "", inputs };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] })
      .errors?.[0];
    if (first) {
      const where = first.location
        ? `${relative(cwd, resolve(cwd, first.location.file))}:${first.location.line}:${first.location.column + 1}`
        : shown;
      throw new LoadError(`${where}: ${first.text}`, error);
    }
    throw new LoadError(`${shown}: ${(error as Error).message}`, error);
  }
}

async function importUserModule(url: string, path: string, shown: string, cwd: string): Promise<unknown> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw userCodeError(error, path, shown, cwd);
  }
  if (!("default" in mod)) {
    throw new LoadError(`${shown}: the module has no default export (export default a pipeline or a definition)`);
  }
  let value = mod.default;
  if (typeof value === "function") {
    try {
      value = await (value as () => unknown)();
    } catch (error) {
      throw userCodeError(error, path, shown, cwd);
    }
  }
  return value;
}

/** A LoadError for an exception thrown by the user's code, located at its first frame in their files. */
function userCodeError(error: unknown, path: string, shown: string, cwd: string): LoadError {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  if (isHangarError(error)) return new LoadError(`${shown}: ${error.message}`, error);
  if (isCommonJsLoadError(error)) return new LoadError(commonJsAdvice(path, cwd) ?? `${shown}: ${message}`, error);
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  const dir = dirname(path);
  for (const match of stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^():\s]+):(\d+):(\d+)/g)) {
    const file = match[1]?.startsWith("file://") ? fileURLToPath(match[1]) : (match[1] ?? "");
    if (file.includes(`${sep}node_modules${sep}`) || basename(file).startsWith(".hangar-")) continue;
    if (file === path || file.startsWith(dir + sep)) {
      return new LoadError(`${relative(cwd, file)}:${match[2]}:${match[3]}: ${message}`, error);
    }
  }
  return new LoadError(`${shown}: ${message}`, error);
}

/** Accepts a definition, a pipeline or a fragment, and returns a definition. */
function toDefinition(value: unknown, shown: string): PipelineDefinition {
  const notAPipeline = () =>
    new LoadError(
      `${shown}: the default export is not a pipeline (expected a pipeline, a fragment, a { name, target, pipeline } definition, or a function returning one)`,
    );
  if (!isObject(value)) throw notAPipeline();
  if (isObject(value.pipeline)) {
    const inner = value.pipeline;
    if (!Array.isArray(inner.jobs)) throw notAPipeline();
    for (const key of ["name", "target", "team"] as const) {
      if (value[key] !== undefined && typeof value[key] !== "string") {
        throw new LoadError(`${shown}: the definition's ${key} must be a string`);
      }
    }
    return value as unknown as PipelineDefinition;
  }
  if (Array.isArray(value.jobs)) {
    const isFragment = !("groups" in value) && Array.isArray(value.resources) && Array.isArray(value.resource_types);
    try {
      return { pipeline: isFragment ? buildPipeline(value as never) : (value as unknown as Pipeline) };
    } catch (error) {
      throw new LoadError(`${shown}: ${(error as Error).message}`, error);
    }
  }
  throw notAPipeline();
}
