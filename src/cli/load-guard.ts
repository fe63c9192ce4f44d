import { HangarError } from "../model/errors.ts";

/**
 * What a pipeline module's call of `process.exit` throws while hangar waits for its pipeline: the call is the
 * module's error, placed where it was made (`t2.ts:1:9: the module called process.exit(0) ...`), not the end of
 * hangar. A HangarError, so that its one sentence is shown as it is.
 */
export class ModuleExitError extends HangarError {
  constructor(code: unknown, exitCode: unknown) {
    const call =
      code !== undefined
        ? `process.exit(${String(code)})`
        : exitCode !== undefined
          ? `process.exit() (process.exitCode ${String(exitCode)})`
          : "process.exit()";
    super("cli/module-exit", `the module called ${call} before giving its pipeline; nothing was written`);
  }
}

/** The part of `process` that {@link guardLoad} changes while a module loads. */
export type GuardedProcess = Pick<NodeJS.Process, "exit" | "exitCode" | "on" | "removeListener">;

/** What {@link guardLoad} gives: how the load ends early, and how to put the process back. */
export interface LoadGuard {
  /**
   * Rejects when the module calls `process.exit` (with a {@link ModuleExitError}) or leaves an exception uncaught
   * (one thrown in a timer, say), which would otherwise end hangar; never resolves. Raced with the load.
   */
  readonly failed: Promise<never>;
  /** Puts `process.exit` and the listener back; the process is Node's own again. */
  readonly restore: () => void;
}

/**
 * Guards hangar against what a pipeline module does to the process while hangar waits for its pipeline:
 * - `process.exit(code)` throws a {@link ModuleExitError} at the call (the code after it does not run, as after an
 *   exit) and fails the load, where it ended hangar silently with the module's code;
 * - an exception the module leaves uncaught (a timer's) fails the load, where Node ended hangar with its stack.
 *
 * All of it lasts until {@link LoadGuard.restore}, called once the module gave its pipeline or failed: a call of
 * `process.exit` the module makes later (from a timer that fires after the pipeline was given, while hangar
 * validates or writes) is Node's own again and ends hangar with the module's code, as it would end any program;
 * hangar does not keep the process patched past the load (watch mode and a batch load module after module, and a
 * script calling loadPipelineModule owns its process). A replacement a module kept a reference to calls Node's own
 * once restored, so guards that overlap never leave the process patched.
 */
export function guardLoad(proc: GuardedProcess): LoadGuard {
  let active = true;
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // (rejected with no one racing it any more: not an unhandled rejection)
  failed.catch(() => {});

  const exit = proc.exit;
  const guardedExit = function (this: unknown, code?: unknown): never {
    if (!active) return Reflect.apply(exit, proc, [code]) as never;
    const error = new ModuleExitError(code, proc.exitCode);
    fail(error);
    throw error;
  } as NodeJS.Process["exit"];
  proc.exit = guardedExit;

  const onUncaught = (error: unknown) => {
    // a ModuleExitError has failed the load already; any other fails it too (the loader tells the module's from hangar's)
    fail(error);
  };
  proc.on("uncaughtException", onUncaught);

  return {
    failed,
    restore: () => {
      active = false;
      if (proc.exit === guardedExit) proc.exit = exit;
      proc.removeListener("uncaughtException", onUncaught);
    },
  };
}
