import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { cacheDirFor, pathKey, readIfPresent } from "./cache-dir.ts";

/**
 * Runs hangar's CLI bundles (CommonJS files: dist/cli.cjs and dist/cli-run.cjs) on Node 20, which has no
 * `module.enableCompileCache`: the same idea by hand. A bundle is compiled with `vm.Script` and the code V8
 * compiled for it is kept in hangar's cache folder, so the next run deserializes that code instead of parsing and
 * compiling the bundle again. Measured on a cached `hangar render` of docker-baseline, paired runs with and
 * without it: about 35 ms of CPU less (+50 ms instead of +87 ms beside `node -e 0`); see also bench section 3.
 *
 * The code of the commands' modules is kept per command (`render`, `validate`, ...), as written at the end of the
 * first run of that command: it holds the functions that ran, which differ between commands. A cache is used only for the same bundle
 * (its size and modification time are in the file name) on the same Node (V8 checks its own version and flags,
 * and a cache it rejects is written again).
 */

/** How a run used the code cache: a `hit`, a `miss` (the code is written when the process exits), or `off` (no folder). */
export type CodeCacheUse = "hit" | "miss" | "off";

/** Options of {@link runBundle}. */
export interface BundleOptions {
  /** Where the code is kept; `false` runs the bundle without a cache. Default: hangar's cache folder for the bundle. */
  readonly cacheDir?: string | false;
  /** Which code is kept: one file per key (see {@link codeCacheKey}). */
  readonly key: string;
  /**
   * Values the bundle sees as variables besides `require`, `module` and the like: the functions bin/hangar.js
   * hands it, such as `hangarImportModule` (`import()` cannot run inside a `vm.Script` compiled with a code cache
   * on Node 20, so the bundle calls an importer made in a real module).
   */
  readonly inject?: Readonly<Record<string, unknown>>;
}

/** What {@link runBundle} did: how it used the code cache, and the bundle's `module.exports`. */
export interface BundleRun {
  readonly use: CodeCacheUse;
  readonly exports: unknown;
}

/** The key of the code kept for `hangar ...argv`: its command, or `options` for `--help` and the like. */
export const codeCacheKey = (argv: readonly string[]): string => {
  const [first = ""] = argv;
  return /^[a-z]{1,20}$/.test(first) ? first : "options";
};

/**
 * The bundle of the modules a command runs (scripts/build.mjs): `dist/cli-run-<key>.cjs` when the build made one for
 * the command, else `dist/cli-run.cjs`, which holds only the modules the rest of the front runs (`options`, a first
 * argument that is no command, runs no command's modules). The
 * banner of dist/cli.cjs repeats this rule where Node loads the bundles itself (Node 22+).
 */
export function runBundleFile(dist: string, key: string): string {
  const own = join(dist, `cli-run-${key}.cjs`);
  return existsSync(own) ? own : join(dist, "cli-run.cjs");
}

/** The file name of the code kept for `bundle` under `prefix`: this bundle (size and time) on this V8. */
function cacheName(bundle: string, prefix: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(bundle);
    return `${prefix}-${process.versions.v8}-${size}-${mtimeMs}.bin`;
  } catch {
    return undefined;
  }
}

/**
 * Runs the CommonJS bundle at `file` as `require` would (`exports`, `require`, `module`, `__filename`,
 * `__dirname`, plus the `inject` values) through V8's code cache in `cacheDir`.
 */
export function runBundle(file: string, options: BundleOptions): BundleRun {
  const { key, inject = {} } = options;
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? cacheDirFor(file));
  const source = readFileSync(file, "utf8");
  // one file per command and bundle: a bundle elsewhere (another install sharing the folder) keeps its own
  const prefix = `code-${key}-${pathKey(file)}`;
  const name = cacheDir === undefined ? undefined : cacheName(file, prefix);
  const names = ["exports", "require", "module", "__filename", "__dirname", ...Object.keys(inject)];
  const { script, use, keep } = scriptWithCodeCache(`(function (${names.join(", ")}) {${source}\n})`, file, {
    ...(cacheDir !== undefined && name !== undefined && { cacheDir, name, prefix }),
  });
  // written at exit, so that it holds every function this command compiled, not only the top level
  if (use === "miss") process.once("exit", keep);
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file), ...Object.values(inject));
  return { use, exports: module.exports };
}

/** Where {@link scriptWithCodeCache} keeps V8's code: file `name` in `cacheDir`, replacing older files of `prefix`. */
export interface CodeCacheFile {
  readonly cacheDir?: string;
  readonly name?: string;
  readonly prefix?: string;
  /** Lines of `source` before the script's own first line (a wrapper's), so that stack traces count from it. */
  readonly lineOffset?: number;
}

/** A script compiled by {@link scriptWithCodeCache}, how it used the cache, and how to keep its code after a miss. */
export interface CachedScript {
  readonly script: Script;
  readonly use: CodeCacheUse;
  /**
   * Writes V8's code of the script as it is now (every function compiled so far, not only the top level: call it
   * once the script has run) when the cache missed; nothing otherwise. Never throws.
   */
  readonly keep: () => void;
}

/**
 * `source` compiled as a script named `filename`, from V8's code kept in the cache file when it is there and V8
 * accepts it; otherwise compiled (see {@link CachedScript.keep}).
 */
export function scriptWithCodeCache(source: string, filename: string, where: CodeCacheFile): CachedScript {
  const { cacheDir, name, prefix = name ?? "" } = where;
  const cachedData = cacheDir === undefined || name === undefined ? undefined : readIfPresent(join(cacheDir, name));
  const script = new Script(source, {
    filename,
    ...(where.lineOffset !== undefined && { lineOffset: where.lineOffset }),
    ...(cachedData !== undefined && { cachedData }),
  });
  const nothing = () => {};
  if (cacheDir === undefined || name === undefined) return { script, use: "off", keep: nothing };
  if (cachedData !== undefined && !script.cachedDataRejected) return { script, use: "hit", keep: nothing };
  return { script, use: "miss", keep: () => writeCode(cacheDir, name, prefix, script.createCachedData()) };
}

/** Writes the code through a temporary file and a rename; removes the older files of its `prefix`. Never throws. */
function writeCode(cacheDir: string, name: string, prefix: string, code: Buffer): void {
  const temp = join(cacheDir, `${name}.${process.pid}.tmp`);
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(temp, code);
    renameSync(temp, join(cacheDir, name));
    for (const other of readdirSync(cacheDir)) {
      if (other.startsWith(`${prefix}-`) && other.endsWith(".bin") && other !== name) unlinkSync(join(cacheDir, other));
    }
  } catch {
    // a cache that cannot be written only costs the next run its compile
    try {
      unlinkSync(temp);
    } catch {}
  }
}
