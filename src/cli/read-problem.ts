import { printable } from "../source/printable.ts";

/** The words for the errors of a read that a user can mend, by Node's code. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ELOOP: "too many symbolic links",
};

/**
 * Why a file could not be read, as every command says it: `no such file (ENOENT)`, `is a folder (EISDIR)`; an error
 * without one of those codes by its message.
 */
export function readProblem(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && REASONS[code] !== undefined) return `${REASONS[code]} (${code})`;
  return printable(error instanceof Error ? error.message : String(error));
}
