import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeAll } from "./write-all.ts";

/**
 * hangar's cache folder for a file: `node_modules/.cache/hangar` in the nearest folder above it that has a
 * `node_modules`, else none. Compiled pipeline modules (beside the user's project) and, on Node 20, V8's code of
 * hangar's own CLI (beside the installed package) are kept there; never anything in the user's own folders.
 */
export function cacheDirFor(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "hangar");
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * FNV-1a over UTF-16 code units, two lanes of 32 bits: a short file name for a path in the cache folder. A
 * collision costs only a miss: a compile cache entry stores the path itself, and a code cache file's name also
 * holds the bundle's size and time. (No crypto module on the path of a cache hit: loading it costs a few
 * milliseconds of start-up.)
 */
export function pathKey(path: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The file of a pipeline module's kept validation in the cache folder (see validation-cache.ts). */
export const validationEntryName = (modulePath: string): string => `validation-${pathKey(modulePath)}.json`;

/** Whether a file of the cache folder is a kept validation. */
export const isValidationEntry = (name: string): boolean => name.startsWith("validation-") && name.endsWith(".json");

/**
 * A file's bytes, or undefined when it cannot be read (a cache file that is missing is a miss) or is no regular file
 * (a FIFO, whose read would wait for a writer for ever).
 */
export const readIfPresent = (path: string): Buffer | undefined => {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Writes `content` to `path` through a temporary file in the same folder and a rename, so that a reader (another
 * run of hangar) sees the old file or the whole new one. Throws when it cannot; no temporary file is left.
 */
export function writeAtomically(path: string, content: string): void {
  const temp = `${path}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fd = openSync(temp, "wx");
    try {
      writeAll(fd, content);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {}
    throw error;
  }
}

/**
 * Keeps the `keep` most recently written files of `dir` whose names `isEntry` accepts and removes the others;
 * returns the names kept. A file that cannot be looked at or removed is left alone (never throws).
 */
export function keepNewest(dir: string, isEntry: (name: string) => boolean, keep: number): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isEntry);
  } catch {
    return [];
  }
  const mtime = (name: string) => {
    try {
      return statSync(join(dir, name)).mtimeMs;
    } catch {
      return 0;
    }
  };
  const newest = names.map((name) => ({ name, mtime: mtime(name) })).sort((a, b) => b.mtime - a.mtime);
  for (const { name } of newest.slice(keep)) {
    try {
      unlinkSync(join(dir, name));
    } catch {}
  }
  return newest.slice(0, keep).map(({ name }) => name);
}
