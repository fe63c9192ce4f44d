import { writeSync } from "node:fs";

/** The part of `process` that {@link watchUnfinishedExit} uses. */
export type ExitingProcess = Pick<NodeJS.Process, "on" | "removeListener" | "exit" | "exitCode">;

/** The commands that run pipeline modules (a `.ts` or `.js` file among their arguments). */
const RUNS_MODULES: ReadonlySet<string> = new Set(["render", "validate", "diff", "apply", "graph"]);

/** What {@link watchUnfinishedExit} gives: hangar's own ways to end the process. */
export interface RunExit {
  /** Ends the process with `code` as hangar means to (after its work, or on a signal held back during a write). */
  readonly exit: (code: number) => never;
  /** Marks hangar's work as done with `code`: an end of the process from now on exits with it, quietly. */
  readonly finished: (code: number) => void;
}

/**
 * Watches for an end of the process that hangar did not ask for while a command that runs modules (`command`, the first
 * argument) runs: a pipeline module's timer or
 * callback calling `process.exit` after the module gave its pipeline, when `process.exit` is Node's own again (see
 * load-guard.ts). Such an exit used to end hangar silently with the module's code (0, say) with the report of what
 * was written cut short; now hangar says that it did not finish and exits 2. After {@link RunExit.finished} (the
 * output is written, only flushed), such an exit keeps hangar's code. Files are not at stake either way: each is
 * written whole or not at all.
 */
export function watchUnfinishedExit(proc: ExitingProcess, command: string | undefined): RunExit {
  // the other commands run no module, and `hangar lsp` ends when its client says exit (its library calls process.exit)
  if (command === undefined || !RUNS_MODULES.has(command)) {
    return { exit: (code) => proc.exit(code), finished: () => {} };
  }
  const done: { code: number | undefined } = { code: undefined };
  const onExit = (code: number) => {
    if (done.code !== undefined) {
      proc.exitCode = done.code;
      return;
    }
    proc.exitCode = 2;
    try {
      writeSync(
        2,
        `hangar: did not finish: the process was ended by process.exit(${code}) while hangar worked, from a ` +
          "pipeline module's timer or callback after it gave its pipeline (a file hangar writes is written whole or not at all)\n",
      );
    } catch {
      // standard error is gone: the exit code says it
    }
  };
  proc.on("exit", onExit);
  return {
    exit: (code) => {
      proc.removeListener("exit", onExit);
      return proc.exit(code);
    },
    finished: (code) => {
      done.code = code;
    },
  };
}
