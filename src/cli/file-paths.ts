import { realpathSync, statSync } from "node:fs";

/** Whether `path` is a file (through symbolic links); false when it is not there or cannot be read. */
export const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

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
