import { isHangarError } from "../model/errors.ts";
import { shownPath } from "../source/diagnostic.ts";
import { printable } from "../source/printable.ts";
import { type NotPlainData, notPlainDataIn } from "../walk/plain-data.ts";
import { commandError, EXIT, type ExitCode } from "./define-command.ts";
import type { Io } from "./io.ts";
import { LoadError } from "./load-pipeline.ts";

/** How {@link reportLoadFailure} reports: for which command, and whether with the stack trace (`--debug`). */
export interface ReportOptions {
  readonly command: string;
  readonly debug: boolean;
}

/**
 * Reports a failure to load or render a pipeline as one clear line on stderr, `hangar <command>: <message>`, and
 * returns exit code 2. A stack trace is shown only with `--debug`, or for an internal error (a bug in hangar).
 */
export function reportLoadFailure(error: unknown, io: Io, { command, debug }: ReportOptions): ExitCode {
  if (isHangarError(error)) {
    io.stderr(`${commandError(command, error.message)}\n`);
    const detail = error instanceof LoadError ? error.detail : undefined;
    // the stack's lines as they are, each made printable (its first holds the user's message)
    if (debug && detail instanceof Error && detail.stack)
      io.stderr(`${detail.stack.split("\n").map(printable).join("\n")}\n`);
    return EXIT.failure;
  }
  const internal = error instanceof Error ? (debug ? error.stack : error.message) : String(error);
  io.stderr(`${commandError(command, `internal error: ${internal}`)}\n`);
  return EXIT.failure;
}

/**
 * `io` with each error line of `command` (`hangar <command>: ...`) written once: the modules of a batch that import a
 * file that does not load (a helper that does not compile) give the same message each. `repeated()` counts the lines
 * left out.
 */
export function errorsOnce(io: Io, command: string): Io & { readonly repeated: () => number } {
  const told = new Set<string>();
  const prefix = commandError(command, "");
  let repeated = 0;
  return {
    ...io,
    stderr: (text) => {
      if (told.has(text)) {
        repeated++;
        return;
      }
      if (text.startsWith(prefix)) told.add(text);
      io.stderr(text);
    },
    repeated: () => repeated,
  };
}

/**
 * A `warn` for loading pipeline modules (see load-pipeline.ts): each warning written to stderr as one line,
 * `warning: <message>`, once (the modules of a batch may compile with the same tsconfig).
 */
export function warningsTo(io: Io): (message: string) => void {
  const shown = new Set<string>();
  return (message) => {
    if (shown.has(message)) return;
    shown.add(message);
    io.stderr(`warning: ${printable(message)}\n`);
  };
}

/**
 * Why converting or writing a pipeline failed, when the cause is in the user's data (a cycle, a
 * BigInt, a getter that throws, undefined in a list): a LoadError naming the path. Anything else is passed on as it was.
 */
export function notPlainData(pipeline: unknown, entry: string, error: unknown): unknown {
  const found = notPlainDataIn(pipeline, error);
  if (found === undefined) return error;
  return notPlainDataError(entry, found, error);
}

/** The LoadError of a pipeline that is not plain data where `found` says, naming the path. */
export const notPlainDataError = (entry: string, found: NotPlainData, detail?: unknown): LoadError =>
  new LoadError(`${entry}: the pipeline is not plain data at ${shownPath(found.path)}: ${found.problem}`, detail);
