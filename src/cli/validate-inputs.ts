import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { isLiteralPathPattern } from "../concourse/go-path-match.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import type { FileValidation } from "../validate/validate-value.ts";
import { expandEntries } from "./expand-entries.ts";
import { isFileEntry } from "./file-paths.ts";
import { fileProblem } from "./file-problem.ts";

/** The extensions of pipeline files that `hangar validate DIR` picks up. */
export const PIPELINE_EXTENSIONS: ReadonlySet<string> = new Set([".yml", ".yaml", ".json"]);

/** The name shown for standard input. */
export const STDIN_NAME = "<stdin>";

/** The rule id of a file that could not be read. */
export const UNREADABLE = "input/unreadable";

/** The files `hangar validate` reads, and how it came to them. */
export interface Inputs {
  /** In the order of the arguments, a folder's files sorted. */
  readonly files: readonly string[];
  /** The files a folder's walk found, rather than the arguments named (another tool's file among them is passed by). */
  readonly found: ReadonlySet<string>;
  /** The folders without a `*.yml`, `*.yaml` or `*.json` file. */
  readonly empty: readonly string[];
  /** The globs that match no file. */
  readonly unmatched: readonly string[];
}

/**
 * The files `hangar validate` reads for its arguments: a folder is walked for `*.yml`, `*.yaml` and
 * `*.json` (hidden folders and `node_modules` skipped, sorted), `-` is standard input, and anything
 * else is kept as given, so that reading it reports what is wrong with it, but a glob (that is no file's name) is
 * expanded as `hangar render` expands it. A file given twice (named, and in a folder given too) is read once. A
 * folder without a pipeline file is returned in `empty`, a glob that matches nothing in `unmatched`.
 */
export function expandInputs(args: readonly string[], cwd: string): Inputs {
  const files: string[] = [];
  const found = new Set<string>();
  const empty: string[] = [];
  const named = new Set<string>();
  const unmatched: string[] = [];
  for (const arg of args) {
    if (arg !== "-" && !isLiteralPathPattern(arg) && !existsSync(resolve(cwd, arg))) {
      const expanded = expandEntries([arg], cwd);
      unmatched.push(...expanded.unmatched);
      files.push(...expanded.files);
      for (const file of expanded.files) named.add(resolve(cwd, file));
      continue;
    }
    if (arg === "-" || !isDirectory(resolve(cwd, arg))) {
      files.push(arg);
      named.add(resolve(cwd, arg));
      continue;
    }
    // named as the folder was given (`ci/x.yml`, `/abs/ci/x.yml`), not relative to the working folder (`../../abs/...`)
    const root = resolve(cwd, arg);
    const walked = walk(root)
      .map((file) => join(arg, relative(root, file)))
      .sort();
    if (walked.length === 0) empty.push(arg);
    files.push(...walked);
    for (const file of walked) found.add(file);
  }
  // a file also named on its own is the user's choice; a file given twice (named, and in a folder) is read once
  for (const file of found) if (named.has(resolve(cwd, file))) found.delete(file);
  return { files: onceEach(files, cwd), found, empty, unmatched };
}

/**
 * The files in their order, each once: a file given twice (named, and in a folder given too; or as `ci/x.yml` and
 * `./ci/x.yml`) is the same file when its path resolves the same, and `-` (standard input) is read once.
 */
export function onceEach(files: readonly string[], cwd: string): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = file === "-" ? file : resolve(cwd, file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
