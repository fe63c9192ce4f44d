import { type Dirent, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

/** Whether `path` is a file (through symbolic links); false when it is not there or cannot be read. */
export const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * Whether the entry `entry` of the folder `dir` is a file a folder or a glob stands for: a regular file, or a symbolic
 * link to one; not a FIFO, a socket or a device, whose read may never end (a FIFO named `x.yml` in a folder given to
 * `hangar validate` waited for a writer for ever).
 */
export const isFileEntry = (entry: Dirent, dir: string): boolean =>
  entry.isFile() || (entry.isSymbolicLink() && isFile(join(dir, entry.name)));

/** `path` through its symbolic links (where Node and esbuild read it), or as it is when it cannot be resolved. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** What a file's `Input` in the compile cache records of its stat (see src/cli/compile-cache.ts). */
export interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** The {@link Stamp} of the file (or folder) at `path`, through symbolic links; undefined when it is not there. */
export const statOf = (path: string): Stamp | undefined => {
  try {
    const { size, mtimeMs, ctimeMs, ino } = statSync(path);
    return { size, mtimeMs, ctimeMs, ino };
  } catch {
    return undefined;
  }
};
