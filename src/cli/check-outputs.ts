import { resolve } from "node:path";
import { diffLines, formatHunks, splitLines, toHunks } from "../diff/line-diff.ts";
import type { Io } from "./io.ts";

/** A file that `hangar render` would write: its path as shown (relative to the working directory) and content. */
export interface PlannedOutput {
  readonly path: string;
  readonly text: string;
}

/** What is on disk compared with what would be written. */
export type OutputState = "up to date" | "stale" | "missing" | "unreadable";

/** How many lines of a stale file's diff are shown; the rest is counted. */
const DIFF_LINES = 40;

/** `text`'s lines up to `limit`, and a count of the others. */
function cut(text: string, limit: number): string {
  const lines = splitLines(text);
  if (lines.length <= limit) return text;
  return `${lines.slice(0, limit).join("\n")}\n... (${lines.length - limit} more lines)\n`;
}

/** Why a file that is there cannot be read, as shown: `a directory`, `EACCES: permission denied`. */
function unreadableReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "EISDIR") return "a directory, not a file";
  return code !== undefined ? `${code}: ${message.replace(/^\w+: /, "").replace(/, \w+ '.*'$/, "")}` : String(message);
}

/**
 * The state of one planned output on disk; `diff` is a stale file's diff, or why a file that is there cannot be
 * read. Only a file that is not there (no such file, or a folder on its path that is a file) is missing.
 */
export async function outputState(output: PlannedOutput, io: Io): Promise<{ state: OutputState; diff: string }> {
  let current: string;
  try {
    current = await io.readFile(resolve(io.cwd(), output.path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { state: "missing", diff: "" };
    return { state: "unreadable", diff: unreadableReason(error) };
  }
  if (current === output.text) return { state: "up to date", diff: "" };
  const hunks = toHunks(diffLines(splitLines(current), splitLines(output.text)), 3);
  return { state: "stale", diff: cut(formatHunks(hunks), DIFF_LINES) };
}

/**
 * `--check`: compares each planned output with the file on disk and writes nothing. Prints on stdout
 * each stale file (with a short diff, `-` on disk, `+` rendered), each missing file and each that is there but
 * cannot be read (a folder, or no permission: said so, not called missing), and returns
 * whether every output is up to date. `failed` pipelines (errors, or a module that did not load) are counted in
 * the summary, which then gives no advice to render again unless an output is stale.
 */
export async function checkOutputs(outputs: readonly PlannedOutput[], io: Io, failed = 0): Promise<boolean> {
  const counts: Record<OutputState, number> = { "up to date": 0, stale: 0, missing: 0, unreadable: 0 };
  for (const output of outputs) {
    const { state, diff } = await outputState(output, io);
    counts[state]++;
    if (state === "missing") io.stdout(`missing: ${output.path}\n`);
    if (state === "unreadable") io.stdout(`unreadable: ${output.path} (${diff})\n`);
    if (state === "stale")
      io.stdout(`stale: ${output.path}\n--- ${output.path} (on disk)\n+++ ${output.path} (rendered)\n${diff}`);
  }
  const stale = counts.stale + counts.missing + counts.unreadable;
  const unreadable = counts.unreadable === 0 ? "" : `, ${counts.unreadable} unreadable`;
  const failures = failed === 0 ? "" : `, ${failed} failed`;
  const advice = stale === 0 ? "" : ": run `hangar render` without --check to update";
  io.stderr(
    stale === 0 && failed === 0
      ? `${counts["up to date"]} up to date\n`
      : `${counts["up to date"]} up to date, ${counts.stale} stale, ${counts.missing} missing${unreadable}${failures}${advice}\n`,
  );
  return stale === 0;
}
