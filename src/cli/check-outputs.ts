import { resolve } from "node:path";
import { diffLines, formatHunks, splitLines, toHunks } from "../diff/line-diff.ts";
import type { Io } from "./io.ts";

/** A file that `hangar render` would write: its path as shown (relative to the working directory) and content. */
export interface PlannedOutput {
  readonly path: string;
  readonly text: string;
}

/** What is on disk compared with what would be written. */
export type OutputState = "up to date" | "stale" | "missing";

/** How many lines of a stale file's diff are shown; the rest is counted. */
const DIFF_LINES = 40;

/** `text`'s lines up to `limit`, and a count of the others. */
function cut(text: string, limit: number): string {
  const lines = splitLines(text);
  if (lines.length <= limit) return text;
  return `${lines.slice(0, limit).join("\n")}\n... (${lines.length - limit} more lines)\n`;
}

/** The state of one planned output on disk. */
export async function outputState(output: PlannedOutput, io: Io): Promise<{ state: OutputState; diff: string }> {
  let current: string;
  try {
    current = await io.readFile(resolve(io.cwd(), output.path));
  } catch {
    return { state: "missing", diff: "" };
  }
  if (current === output.text) return { state: "up to date", diff: "" };
  const hunks = toHunks(diffLines(splitLines(current), splitLines(output.text)), 3);
  return { state: "stale", diff: cut(formatHunks(hunks), DIFF_LINES) };
}

/**
 * `--check`: compares each planned output with the file on disk and writes nothing. Prints on stdout
 * each stale file (with a short diff, `-` on disk, `+` rendered) and each missing file, and returns
 * whether every output is up to date.
 */
export async function checkOutputs(outputs: readonly PlannedOutput[], io: Io): Promise<boolean> {
  const counts: Record<OutputState, number> = { "up to date": 0, stale: 0, missing: 0 };
  for (const output of outputs) {
    const { state, diff } = await outputState(output, io);
    counts[state]++;
    if (state === "missing") io.stdout(`missing: ${output.path}\n`);
    if (state === "stale")
      io.stdout(`stale: ${output.path}\n--- ${output.path} (on disk)\n+++ ${output.path} (rendered)\n${diff}`);
  }
  const stale = counts.stale + counts.missing;
  io.stderr(
    stale === 0
      ? `${counts["up to date"]} up to date\n`
      : `${counts["up to date"]} up to date, ${counts.stale} stale, ${counts.missing} missing: run \`hangar render\` without --check to update\n`,
  );
  return stale === 0;
}
