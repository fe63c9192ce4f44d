import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

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

/** A file's bytes, or undefined when it cannot be read (a cache file that is missing is a miss). */
export const readIfPresent = (path: string): Buffer | undefined => {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
};
