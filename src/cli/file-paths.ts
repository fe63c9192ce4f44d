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
