import { dirname } from "node:path";
import { printable } from "../source/printable.ts";

/** The words for the errors of a read or a write that a user can mend, by Node's code. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "file name too long",
  ENOSPC: "no space left on the device",
  EFBIG: "file too large",
  EROFS: "read-only file system",
};

/**
 * Why a file could not be read or written, as every command says it: `no such file (ENOENT)`, `is a folder
 * (EISDIR)`; when writing, a missing path is the folder the file would go in: `no such folder '/ci/out' (ENOENT)`. An
 * error without one of those codes is said by its message.
 */
export function fileProblem(error: unknown, doing: "read" | "write"): string {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (code === "ENOENT" && doing === "write") {
    return typeof path === "string"
      ? `no such folder '${printable(dirname(path))}' (ENOENT)`
      : "no such folder (ENOENT)";
  }
  // a folder to be made where a file is (mkdir's error)
  if (code === "EEXIST" && doing === "write" && typeof path === "string")
    return `'${printable(path)}' is not a folder (EEXIST)`;
  if (typeof code === "string" && REASONS[code] !== undefined) return `${REASONS[code]} (${code})`;
  return printable(error instanceof Error ? error.message : String(error));
}
