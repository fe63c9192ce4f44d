import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isValidationEntry, keepNewest, pathKey, readIfPresent, writeAtomically } from "./cache-dir.ts";
import { compile, compileScript, type Link } from "./compile-bundle.ts";
import { type Message, sourceWarnings, tsconfigWarnings, where } from "./compile-warnings.ts";
import { realPathOf, type Stamp, statOf } from "./file-paths.ts";
import { detectsModuleSyntax } from "./node-features.ts";
import { patternFolders, type UnfoundPattern } from "./pattern-files.ts";
import { VERSION } from "./version.ts";

/**
 * Compiles TypeScript pipeline modules with esbuild (src/cli/compile-bundle.ts) and keeps the result in a cache
 * folder, never beside the user's files. The module's relative imports are bundled into the compiled file, and
 * every package it imports is resolved at compile time from the module's own folder and written as
 * an absolute `file:` URL, so the compiled file runs the same from any folder (the cache's, or a
 * `data:` URL when there is no cache). hangar itself, as resolved from the module's folder (the
 * user's project's hangar), is bundled in too: the compiled module is then the one ES module a
 * cached render loads, instead of it and hangar's library with some 20 chunks (paired runs of a
 * cached render of docker-baseline: 5 to 12 ms less). A module that imports nothing else but Node's
 * builtins is also kept as a script (see compileScript), which a render runs without an ES module loader.
 *
 * A cache entry is checked cheaply: the size, modification and change times and inode of each bundled file (hangar's
 * included, so a rebuilt or upgraded hangar compiles again), plus hangar's version. Only when one of those changed
 * is the file's content hashed, and only a different hash compiles again. The stamps and hash kept are those of the
 * bytes esbuild compiled (taken as it reads each file), so a save while the module compiles is a change to the next
 * run.
 * esbuild is not looked at on a hit: code it compiled stays valid when it is upgraded. The compiled code is stored under the hash of its content,
 * so an entry never points at a half-written module and concurrent runs do not collide.
 */

/**
 * Bump when the compile options below change, or what an entry records, so that older entries are not used (8: each
 * file's `import.meta.url`, `dirname` and `filename` are its own, see `withOwnValues` in src/cli/own-values.ts; 9: a
 * TypeScript file an import of a name resolves to is bundled in, see `NEEDS_COMPILE` in src/cli/compile-plugin.ts; 10:
 * the tsconfig of each bundled file's folder is recorded, the files looked for and not found, see `tsconfigsOf` in src/cli/compile-bundle.ts,
 * and the real paths relative imports led to, see {@link CacheEntry.links}; a file reading `import.meta` whole gets its
 * own, see `withOwnValues` in src/cli/own-values.ts; 11: a CommonJS file reading `import.meta` is refused, see
 * `importMetaInCommonJs` in src/cli/own-values.ts; 12: esbuild's warnings of the tsconfigs, see
 * {@link CacheEntry.warnings}; 13: each input's change time and inode, see {@link Input}; 14: a CommonJS file's
 * `__filename` and `__dirname` are its own, see `withOwnValues` in src/cli/own-values.ts, and the package.json that
 * made it CommonJS is an input; 15: a `require` of the module's own for the CommonJS files in the ES module form,
 * packages they require named by path, see `REQUIRE` in src/cli/compile-bundle.ts; 16: esbuild's warnings of the user's files, see
 * {@link sourceWarnings}; 17: a CommonJS file's `require(name)` is its own, see `withOwnValues` in
 * src/cli/own-values.ts; 18: a package a file's `import.meta.resolve` names literally is resolved from the file, see
 * `withPackagesResolved` in src/cli/own-values.ts; 19: the folders not there of patterns of files a module imports are
 * absent paths, see `UnfoundPattern` in src/cli/pattern-files.ts; 20: a module that imports a name known only at run
 * time has no script form, see `RUN_TIME_REQUIRE` in src/cli/compile-bundle.ts; 21: the folders the patterns of files a module imports read
 * are among its folders, see `patternFolders` in src/cli/pattern-files.ts; 22: `import.meta.resolve` of a package not
 * resolved when compiled resolves from the file at run time, see `RESOLVE_FROM_HOOKS` in src/cli/own-values.ts; 23: a
 * file a pattern of files takes in that Node does not load throws when imported, see `unknownExtensionStandIn` in
 * src/cli/compile-plugin.ts, and one of no extension is JavaScript; 24: a `.js` file of ES module syntax under a
 * package.json with no `type` is an ES module, see `moduleFormatOf` in src/cli/module-type.ts; 25: a pattern of files'
 * calls do as Node's do for a name the bundle does not have, see src/cli/pattern-calls.ts, and a file one takes in that
 * does not compile throws when imported, see `unparsedStandIn` in src/cli/compile-plugin.ts; 26: an `import()` or
 * `require()` of a literal path to a file Node does not load is left to Node, see `LOADING_IMPORTS` in
 * src/cli/compile-plugin.ts; 27: a pattern of files whose folder is not there is a call of hangar's helper, see
 * `patternsLeftToNode` in src/cli/pattern-files.ts; 28: a file that does not compile which the module imports by a path
 * without its extension, as `.js` or by its folder fails the compile, see `mayLoad` in src/cli/pattern-files.ts, where
 * code that threw its error when the module ran stood for it); 29: a file a pattern of files takes in that tsx compiles
 * (TypeScript, JSX, JSON) and that does not compile throws tsx's `TransformError`, see `transformError` in
 * src/cli/stand-in.ts; 30: one whose import statement Node refuses (`import "../notes.md"`) throws Node's error when
 * imported, see `standInsOf` in src/cli/compile-plugin.ts; 31: an import by absolute path is recorded as a relative one
 * is, and a folder's package.json that leads an import to its `main` is an input, see `packagesByPath` in
 * src/cli/compile-plugin.ts; 32: an `import()` or `require()` of a path found nowhere, and an import statement of one in
 * a file only patterns of files take in, throw Node's error when they run, see `missing` in src/cli/compile-plugin.ts;
 * 33: an ES module's import of a folder takes its index, never its package.json's `main`, see `esmFolderImport` in
 * src/cli/compile-plugin.ts).
 */
const CACHE_FORMAT = 33;

/**
 * How many entries the cache keeps; the least recently written go first. A batch of more modules keeps one entry
 * for each of them (see {@link pruneCompileCache}).
 */
export const CACHE_ENTRIES = 100;

/**
 * One file the compiled code depends on: a bundled file, or one that decided how an import resolved (a package's
 * package.json, the module's tsconfig.json and the configs it extends); its path, size, modification time and content
 * hash when compiled, and its change time and inode. A file's modification time can be set back (`touch -d`,
 * `cp -p`, `tar x`, `rsync -t`: another version of it, of the same size, extracted or copied over it with the same
 * time), its change time cannot, and a file renamed over it is another inode: either is a change to look at.
 */
export type Input = readonly [
  path: string,
  size: number,
  mtimeMs: number,
  sha256: string,
  ctimeMs: number,
  ino: number,
];

/**
 * How long after a file's last change (its change time, `ctimeMs`) its stamp is not trusted. A file system's clock
 * moves in ticks: a file written again in place, to the same size, within the tick in which the build read it has the
 * same times and inode as the bytes compiled, and would be taken as unchanged ever after (git's "racily clean"
 * entries). A change time in whole seconds tells a clock of 1 or 2 s ticks (ext3, HFS+, FAT); any other, one of at
 * most some 16 ms (ext4 before Linux 6.13 moves per jiffy, NTFS with Windows' clock). A stamp taken within that time
 * keeps no change time (-1): the next run hashes the file, once.
 */
const racyMs = (ctimeMs: number): number => (ctimeMs % 1000 === 0 ? 2_000 : 50);

/**
 * The {@link Input} of the file at `path` of that stat and the hash of its content read just now (see
 * {@link racyMs}).
 */
const inputOf = (path: string, { size, mtimeMs, ctimeMs, ino }: Stamp, sha256: string): Input => [
  path,
  size,
  mtimeMs,
  sha256,
  Date.now() - ctimeMs < racyMs(ctimeMs) ? -1 : ctimeMs,
  ino,
];

/** Whether `stat` is the one `input` records (size, times and inode): the file is then taken as unchanged. */
const sameStamp = ([, size, mtimeMs, , ctimeMs, ino]: Input, stat: Stamp): boolean =>
  stat.size === size && stat.mtimeMs === mtimeMs && stat.ctimeMs === ctimeMs && stat.ino === ino;

/** One folder of bundled files: its path, modification time and a key of the names in it (see {@link listing}). */
type Folder = readonly [path: string, mtimeMs: number, names: string];

interface CacheEntry {
  readonly format: number;
  readonly hangar: string;
  readonly entry: string;
  /**
   * Whether the Node that compiled it loads a `.js` file of ES module syntax under a package.json with no `type` as an
   * ES module ({@link detectsModuleSyntax}), which decides how such a helper is compiled: another Node, or the same run
   * with `--[no-]experimental-detect-module`, compiles it again.
   */
  readonly detectsModuleSyntax: boolean;
  readonly inputs: readonly Input[];
  /**
   * The folders of the bundled files, with what they held when compiled: a file added beside one (`lib.ts` beside
   * the `lib.js` that `import "./lib"` found) or a symbolic link repointed may change what an import resolves to; and
   * the folders the patterns of files an `import()` names read (see {@link patternFolders}): a file added to one, or
   * taken out, is one more or one less the pattern matches.
   */
  readonly folders?: readonly Folder[];
  /**
   * Files looked for and not found that would have changed the compile: a base config the tsconfig extends not
   * written yet, a tsconfig.json nearer the module than the one found; and folders, of the patterns of files an
   * `import()` names (see {@link UnfoundPattern}). The entry is used only while none is there.
   */
  readonly absent?: readonly string[];
  /**
   * Each path an import of a path named (and its folder), with the real path it led to: a symbolic link on the way
   * (`lib -> v1`) repointed (`ln -sfn v2 lib`) leads the import to other files.
   */
  readonly links?: readonly Link[];
  /** The compiled ES module's file name in the cache folder, once wanted. */
  readonly module?: string;
  /** The same module's script form (see {@link Compiled.script}), once wanted, when it has one. */
  readonly script?: string;
  /** The module has no script form (it imports a package, say). */
  readonly scriptless?: boolean;
  /**
   * esbuild's warnings of the tsconfigs the module compiled with (see {@link tsconfigWarnings}) and of the user's files
   * bundled (see {@link sourceWarnings}), said again on a hit.
   */
  readonly warnings?: readonly Message[];
  /**
   * The size in bytes of each compiled file the entry names: a file of another size (cut off by a full disk, say)
   * is not used, but compiled and written again.
   */
  readonly sizes: Readonly<Record<string, number>>;
}

/**
 * A compiled module ready to run: an ES module to import (a `file:` URL in the cache, or a `data:` URL), or, when
 * `script` is there, its script form to run (src/cli/script-module.ts; `url` is then that file's URL).
 */
export interface Compiled {
  readonly url: string;
  readonly cached: boolean;
  /**
   * The module compiled as the body of an async function, in the cache folder: asked for and the module has one
   * (it imports nothing but Node's builtins, hangar bundled in, and reads no more of `import.meta` than `url`,
   * `dirname` and `filename`).
   */
  readonly script?: string;
  /**
   * What esbuild warned of in the tsconfigs the module compiled with and in the user's files it bundled, each as
   * `file:line:col: text` relative to the working folder (see {@link tsconfigWarnings}, {@link sourceWarnings}); the
   * same on every run, from the cache too.
   */
  readonly warnings: readonly string[];
}

async function sha256(content: Buffer): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The inputs as they are now when every one is unchanged: same size, times and inode, or (when a time or the inode
 * moved) the same content, then stamped anew; undefined when one changed.
 */
async function unchanged(inputs: readonly Input[]): Promise<readonly Input[] | undefined> {
  const now: Input[] = [];
  for (const input of inputs) {
    const [path, size, , hash] = input;
    const stat = statOf(path);
    if (stat === undefined || stat.size !== size) return undefined;
    if (sameStamp(input, stat)) {
      now.push(input);
      continue;
    }
    const content = readIfPresent(path);
    if (content === undefined || (await sha256(content)) !== hash) return undefined;
    now.push(inputOf(path, stat, hash));
  }
  return now;
}

/**
 * A key of the names in `folder` (FNV-1a, as the cache's file names: no crypto module on a hit), leaving out
 * hangar's temporary files (a render writing beside the module); undefined when it cannot be read.
 */
function listing(folder: string): string | undefined {
  try {
    const names = readdirSync(folder).filter((name) => !(name.startsWith(".") && name.endsWith(".tmp")));
    return pathKey(names.sort().join("\n"));
  } catch {
    return undefined;
  }
}

/** `folders` as they are now; undefined when one cannot be read. */
function stampFolders(folders: Iterable<string>): Folder[] | undefined {
  const stamped: Folder[] = [];
  for (const folder of new Set(folders)) {
    const mtimeMs = statOf(folder)?.mtimeMs;
    const names = listing(folder);
    if (mtimeMs === undefined || names === undefined) return undefined;
    stamped.push([folder, mtimeMs, names]);
  }
  return stamped;
}

/** Whether every folder holds the same names (looked at only when its time moved: a render writes beside it). */
const foldersUnchanged = (folders: readonly Folder[]): boolean =>
  folders.every(([folder, mtimeMs, names]) => statOf(folder)?.mtimeMs === mtimeMs || listing(folder) === names);

const dataUrl = (code: string): string => `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;

/**
 * The inputs of a build with the size, times and inode each had when it was read and the hash of the bytes read:
 * what the build read, as the build got it (see {@link compile}); a file the build read without us, as it is now.
 */
async function stampInputs(inputs: readonly string[], read: ReadonlyMap<string, Input>): Promise<Input[]> {
  const stamped: Input[] = [];
  for (const input of inputs) {
    const known = read.get(input);
    if (known !== undefined) {
      stamped.push(known);
      continue;
    }
    const before = statOf(input);
    const content = readIfPresent(input);
    if (before === undefined || content === undefined) throw new Error(`${input} vanished`);
    stamped.push(inputOf(input, before, await sha256(content)));
  }
  return stamped;
}

/**
 * The content of a file the build bundles, read for esbuild, and its stamp: the size, times and inode it had before
 * it was read and the hash of the bytes read. A save while the build runs then never pairs the code compiled from the old
 * content with the new content's details (the entry would be taken as current until the file changed again).
 */
async function readInput(path: string): Promise<{ contents: Buffer; stamp: Input }> {
  const { open, stat } = await import("node:fs/promises");
  // a FIFO, a socket or a device, which the build does not read (see `loadFile` in compile-plugin.ts): stamped as it
  // is, with no content, where opening a FIFO would wait for a writer for ever
  const info = await stat(path);
  if (!info.isFile()) return { contents: Buffer.alloc(0), stamp: inputOf(path, info, await sha256(Buffer.alloc(0))) };
  const file = await open(path);
  try {
    const before = await file.stat();
    const contents = await file.readFile();
    return { contents, stamp: inputOf(path, before, await sha256(contents)) };
  } finally {
    await file.close();
  }
}

/**
 * The module at `path` compiled, through the cache in `cacheDir` when there is one. A cache that
 * cannot be read is a miss; one that cannot be written only costs the next compile. With `wanted` "script", the
 * script form (see {@link compileScript}) when the module has one, else the ES module; each form is compiled only
 * when first wanted (one esbuild run for a render: two cost a changed module's render about 75 ms, paired runs).
 * With `inBatch`, the cache is not cleaned up after a compile: the batch does it once, after its last module (see
 * {@link pruneCompileCache}), so that it neither evicts its own entries nor reads the folder once per module.
 */
export async function compileModule(
  path: string,
  shown: string,
  cwd: string,
  cacheDir: string | undefined,
  hangar: HangarLink = "bundled",
  wanted: "module" | "script" = "module",
  inBatch = false,
): Promise<Compiled> {
  /** `warnings` as the user is shown them. */
  const shownWarnings = (warnings: readonly Message[] = []) =>
    warnings.map((warning) => `${where(warning, cwd, shown)}: ${warning.text}`);
  const request = { path, shown, cwd, hangar, readInput };
  if (cacheDir === undefined) {
    const { code, warnings } = await compile(request);
    return { url: dataUrl(code), cached: false, warnings: shownWarnings(warnings) };
  }
  // the entry is the file's, not the link's: a symbolic link repointed to another module is another entry
  const real = realPathOf(path);
  // each way of linking hangar has its own entry, so a batch and a single render do not compile over each other
  const entryFile = join(cacheDir, `${pathKey(real)}${hangar === "bundled" ? "" : "-shared"}.json`);
  /**
   * The compiled file `name` of the entry, when it is there whole. Its time is set to now: another run's prune leaves
   * a file so recently used alone while this run is about to read it (see {@link prune}).
   */
  const present = (entry: CacheEntry, name: string | undefined) => {
    if (name === undefined || entry.sizes[name] === undefined) return undefined;
    const file = join(cacheDir, name);
    if (statOf(file)?.size !== entry.sizes[name]) return undefined;
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch (error) {
      // removed meanwhile: compiled again
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    }
    return file;
  };
  const scriptWanted = wanted === "script" && hangar === "bundled";
  /** The entry when its inputs are unchanged (their new times written in), else undefined. */
  let current: CacheEntry | undefined;
  try {
    const entry = JSON.parse(readFileSync(entryFile, "utf8")) as CacheEntry;
    const usable = entry.format === CACHE_FORMAT && entry.hangar === VERSION && entry.entry === real && sameNode(entry);
    const inputs =
      usable &&
      foldersUnchanged(entry.folders ?? []) &&
      !(entry.absent ?? []).some((path) => statOf(path) !== undefined) &&
      (entry.links ?? []).every(([target, real]) => realPathOf(target) === real)
        ? await unchanged(entry.inputs)
        : undefined;
    if (inputs !== undefined) {
      current = { ...entry, inputs };
      // files touched but unchanged (a checkout, a rebuild of hangar): their new times go in the entry, so that
      // the next run does not hash them again
      if (inputs.some((input, i) => input !== entry.inputs[i])) {
        try {
          writeAtomically(entryFile, JSON.stringify(current));
        } catch {}
      }
      const warnings = shownWarnings(entry.warnings);
      const script = scriptWanted ? present(entry, entry.script) : undefined;
      if (script !== undefined) return { url: pathToFileURL(script).href, script, cached: true, warnings };
      const module = present(entry, entry.module);
      if (module !== undefined && (!scriptWanted || entry.scriptless === true)) {
        return { url: pathToFileURL(module).href, cached: true, warnings };
      }
    }
  } catch {
    // no entry, or an unreadable one: compile
  }
  const scriptForm = scriptWanted ? await compileScript(request) : undefined;
  const built = scriptForm ?? (await compile(request));
  const isScript = scriptForm !== undefined;
  try {
    const stamped = await stampInputs(built.inputs, built.read);
    const name = `${(await sha256(Buffer.from(built.code))).slice(0, 32)}${isScript ? ".script.js" : ".mjs"}`;
    mkdirSync(cacheDir, { recursive: true });
    const size = Buffer.byteLength(built.code);
    // a file of this name but another size was cut off: it is written again
    if (statOf(join(cacheDir, name))?.size !== size) writeAtomically(join(cacheDir, name), built.code);
    // the other form, when the entry was current, is still the same module's; the entry is read again just before
    // it is written, as another run may have compiled the other form of these same inputs meanwhile (a render and a
    // validate at once): that form stays named, so that no prune removes the file the other run is about to run
    const latest = sameInputs(readEntry(entryFile), real, stamped) ?? current;
    const bundledFolders = stamped.filter(([file]) => built.bundled.has(file)).map(([file]) => dirname(file));
    const folders = stampFolders([...bundledFolders, ...built.patternFolders]);
    const otherName = isScript ? latest?.module : latest?.script;
    const otherSize = otherName === undefined ? undefined : latest?.sizes[otherName];
    const keepOther = otherName !== undefined && otherSize !== undefined;
    const other = !keepOther ? {} : isScript ? { module: otherName } : { script: otherName };
    const entry: CacheEntry = {
      format: CACHE_FORMAT,
      hangar: VERSION,
      entry: real,
      detectsModuleSyntax: detectsModuleSyntax(),
      inputs: stamped,
      ...(folders !== undefined && { folders }),
      ...(built.absent.length > 0 && { absent: built.absent }),
      ...(built.links.length > 0 && { links: built.links }),
      ...(built.warnings.length > 0 && { warnings: built.warnings }),
      ...other,
      ...(isScript ? { script: name } : { module: name }),
      // asked for a script and given a module: it has no script form, so the next run does not try again
      ...(!isScript && (scriptWanted || latest?.scriptless === true) && { scriptless: true }),
      sizes: { ...(keepOther && { [otherName]: otherSize }), [name]: size },
    };
    writeAtomically(entryFile, JSON.stringify(entry));
    if (!inBatch) prune(cacheDir, CACHE_ENTRIES);
    const url = pathToFileURL(join(cacheDir, name)).href;
    const warnings = shownWarnings(built.warnings);
    return isScript ? { url, script: join(cacheDir, name), cached: false, warnings } : { url, cached: false, warnings };
  } catch {
    if (!isScript) return { url: dataUrl(built.code), cached: false, warnings: shownWarnings(built.warnings) };
    // a script form that cannot be kept: the ES module from memory
    const { code, warnings } = await compile(request);
    return { url: dataUrl(code), cached: false, warnings: shownWarnings(warnings) };
  }
}

/** The entry in `entryFile`, when there is one that can be read. */
function readEntry(entryFile: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryFile, "utf8")) as CacheEntry;
    return typeof entry === "object" && entry !== null && Array.isArray(entry.inputs) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `entry` was compiled by a Node that reads modules' syntax as this one does ({@link detectsModuleSyntax}). */
const sameNode = (entry: CacheEntry): boolean => entry.detectsModuleSyntax === detectsModuleSyntax();

/** `entry` when it is this hangar's entry for the module at `path` compiled from exactly `inputs`, else undefined. */
function sameInputs(entry: CacheEntry | undefined, path: string, inputs: readonly Input[]): CacheEntry | undefined {
  if (entry?.format !== CACHE_FORMAT || entry.hangar !== VERSION || entry.entry !== path || !sameNode(entry))
    return undefined;
  if (typeof entry.sizes !== "object" || entry.sizes === null || entry.inputs.length !== inputs.length)
    return undefined;
  const hashes = new Map(inputs.map(([file, , , hash]) => [file, hash]));
  return entry.inputs.every((input) => Array.isArray(input) && hashes.get(input[0]) === input[3]) ? entry : undefined;
}

/**
 * How long a compiled file no entry names is left alone: another run may have just written it and not yet named it,
 * or just found it (see compileModule's `present`) in an entry written over since, and be about to run it.
 */
const ORPHAN_GRACE_MS = 30_000;

/** A compile cache entry's file name (`<path key>.json`, `<path key>-shared.json`), not a kept validation's. */
const isCompileEntry = (name: string) => name.endsWith(".json") && !isValidationEntry(name);

/**
 * Cleans up the compile cache in `cacheDir` after a batch of `modules` modules: keeps the newest
 * {@link CACHE_ENTRIES} entries, or one for each module of the batch when it has more (a batch visits its modules
 * in the same order each run, so a cache smaller than the batch would evict the very entries the next run needs).
 * Never throws.
 */
export function pruneCompileCache(cacheDir: string, modules: number): void {
  try {
    prune(cacheDir, Math.max(CACHE_ENTRIES, modules));
  } catch {}
}

/**
 * Removes the oldest entries beyond `keep`, then compiled modules no entry names, unless written or used in the
 * last {@link ORPHAN_GRACE_MS}.
 */
function prune(cacheDir: string, keep: number): void {
  const kept = new Set<string>();
  for (const name of keepNewest(cacheDir, isCompileEntry, keep)) {
    try {
      const { module, script } = JSON.parse(readFileSync(join(cacheDir, name), "utf8")) as CacheEntry;
      for (const file of [module, script]) if (file !== undefined) kept.add(file);
    } catch {}
  }
  // a compiled module's files share its name's first 32 characters: `<hash>.mjs`, or `<hash>.script.js` and the
  // V8 code of that script, `<hash>.code-<V8 version>.bin`
  const keptStems = new Set([...kept].map((name) => name.slice(0, 32)));
  for (const name of readdirSync(cacheDir)) {
    const orphan = name.endsWith(".mjs")
      ? !kept.has(name)
      : /^[0-9a-f]{32}\./.test(name) && !keptStems.has(name.slice(0, 32));
    if (orphan) {
      try {
        const stat = statSync(join(cacheDir, name));
        if (Date.now() - stat.mtimeMs < ORPHAN_GRACE_MS) continue;
        unlinkSync(join(cacheDir, name));
      } catch {}
    }
  }
}

/**
 * How the compiled module gets hangar: `bundled` in (one ES module to load: what a render of one module wants), or
 * `shared`, imported by URL like any other package, so that the modules of one batch render load hangar once. In a
 * batch of the 31 ol-infrastructure examples, each module with its own copy of hangar cost about 8 ms to compile
 * and run (bench section 4: 0.37 s for the batch, 0.10x of 31 separate renders; shared, 0.26-0.30 s, 0.07x).
 */
export type HangarLink = "bundled" | "shared";
