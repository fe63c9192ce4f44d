import { readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../source/diagnostic.ts";
import type { FileValidation } from "../validate/validate-value.ts";
import { isFileEntry } from "./file-paths.ts";
import { fileProblem } from "./file-problem.ts";

/** The extensions of pipeline files that `hangar validate DIR` picks up. */
export const PIPELINE_EXTENSIONS: ReadonlySet<string> = new Set([".yml", ".yaml", ".json"]);

/** The name shown for standard input. */
export const STDIN_NAME = "<stdin>";

/** The rule id of a file that could not be read. */
export const UNREADABLE = "input/unreadable";

/**
 * The files `hangar validate` reads for its arguments: a folder is walked for `*.yml`, `*.yaml` and
 * `*.json` (hidden folders and `node_modules` skipped, sorted), `-` is standard input, and anything
 * else is kept as given, so that reading it reports what is wrong with it. A folder without a
 * pipeline file is returned in `empty`.
 */
export function expandInputs(args: readonly string[], cwd: string): { files: string[]; empty: string[] } {
  const files: string[] = [];
  const empty: string[] = [];
  for (const arg of args) {
    if (arg === "-" || !isDirectory(resolve(cwd, arg))) {
      files.push(arg);
      continue;
    }
    const found = walk(resolve(cwd, arg))
      .map((file) => relative(cwd, file))
      .sort();
    if (found.length === 0) empty.push(arg);
    files.push(...found);
  }
  return { files, empty };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (PIPELINE_EXTENSIONS.has(extname(entry.name)) && isFileEntry(entry, dir)) out.push(path);
  }
  return out;
}

/**
 * The result of a file that could not be read: one `input/unreadable` error naming the reason (the
 * error of the read, or a sentence).
 */
export function unreadable(file: string, error: unknown): FileValidation {
  const reason = typeof error === "string" ? error : `cannot read: ${fileProblem(error, "read")}`;
  const diagnostic: Diagnostic = {
    ruleId: UNREADABLE,
    severity: "error",
    parity: "hangar",
    message: reason,
    path: [],
  };
  return { file, diagnostics: [diagnostic] };
}
