import { HangarError } from "../model/errors.ts";

/**
 * What a pipeline module's call of `process.exit` throws while hangar waits for its pipeline: the call is the
 * module's error, placed where it was made (`t2.ts:1:9: the module called process.exit(0) before giving its pipeline`), not the end of
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
    super("cli/module-exit", `the module called ${call} before giving its pipeline`);
  }
}

/** The part of `process` that {@link guardLoad} changes while a module loads. */
export type GuardedProcess = Pick<NodeJS.Process, "exit" | "exitCode" | "on" | "removeListener"> & {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
};

/**
 * The functions of `node:fs` that write to a file descriptor given first (`fs.writeSync(1, text)`,
 * `fs.writeFileSync(process.stdout.fd, text)`).
 */
export const FD_WRITERS = [
  "write",
  "writeSync",
  "writev",
  "writevSync",
  "writeFile",
  "writeFileSync",
  "appendFile",
  "appendFileSync",
] as const;

/** `node:fs` as {@link guardLoad} patches it: its functions that write to a descriptor (see {@link FD_WRITERS}). */
export type FdWriters = Record<(typeof FD_WRITERS)[number], unknown>;

/** Options of {@link guardLoad}. */
export interface GuardOptions {
  /** What the module writes to `process.stdout` goes to `process.stderr` (the CLI's stdout is its product). */
  readonly stdoutToStderr: boolean;
  /**
   * With `stdoutToStderr`, `node:fs` (its CommonJS exports, which the module's `require` and imports read): what the
   * module writes to descriptor 1 through it goes to descriptor 2; and `sync`, what brings the ES module imports of
   * `node:fs` up to date with its exports (`syncBuiltinESMExports` of `node:module`).
   */
  readonly fs?: { readonly exports: FdWriters; readonly sync: () => void };
}

/** What {@link guardLoad} gives: how the load ends early, and how to put the process back. */
export interface LoadGuard {
  /**
   * Rejects when the module calls `process.exit` (with a {@link ModuleExitError}) or leaves an exception uncaught
   * (one thrown in a timer, say), which would otherwise end hangar; never resolves. Raced with the load.
   */
  readonly failed: Promise<never>;
  /** Puts `process.exit`, `process.stdout` and the listener back; the process is Node's own again. */
  readonly restore: () => void;
}

/**
 * Guards hangar against what a pipeline module does to the process while hangar waits for its pipeline:
 * - `process.exit(code)` throws a {@link ModuleExitError} at the call (the code after it does not run, as after an
 *   exit) and fails the load, where it ended hangar silently with the module's code;
 * - an exception the module leaves uncaught (a timer's) fails the load, where Node ended hangar with its stack;
 * - with `stdoutToStderr`, what it writes to `process.stdout` goes to `process.stderr`, as its `console.log` does
 *   (see main.ts), and so does what it writes to descriptor 1 through `node:fs` (`fs.writeSync(1, text)`) when
 *   given `fs`: hangar's stdout holds only its product (a pipeline, fly commands, a graph, changes as JSON).
 *
 * All of it lasts until {@link LoadGuard.restore}, called once the module gave its pipeline or failed: a call of
 * `process.exit` the module makes later (from a timer that fires after the pipeline was given, while hangar
 * validates or writes) is Node's own again and ends the process (the CLI then says it did not finish and exits 2,
 * see unfinished-exit.ts); hangar does not keep the process patched past the load (watch mode and a batch load module after module, and a
 * script calling loadPipelineModule owns its process). A replacement a module kept a reference to calls Node's own
 * once restored, so guards that overlap never leave the process patched.
 */
export function guardLoad(proc: GuardedProcess, options: GuardOptions): LoadGuard {
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

  const restoreStdout = options.stdoutToStderr ? redirectStdout(proc, () => active) : () => {};
  const { fs } = options;
  const restoreFd = options.stdoutToStderr && fs !== undefined ? redirectFd(fs, () => active) : () => {};

  return {
    failed,
    restore: () => {
      active = false;
      if (proc.exit === guardedExit) proc.exit = exit;
      proc.removeListener("uncaughtException", onUncaught);
      restoreStdout();
      restoreFd();
    },
  };
}

/**
 * Makes the functions of `fs.exports` that write to a descriptor (see {@link FD_WRITERS}) write to descriptor 2 what
 * they are given for descriptor 1 while `active()`; returns how to undo it. (hangar writes its own output to
 * descriptor 1 only after the module gave its pipeline.) A replacement a module kept calls the function it replaced once
 * restored.
 */
function redirectFd(fs: { readonly exports: FdWriters; readonly sync: () => void }, active: () => boolean): () => void {
  const { exports } = fs;
  const replaced = FD_WRITERS.flatMap((name) => {
    const original = exports[name];
    if (typeof original !== "function") return [];
    const replacement = function (this: unknown, fd: unknown, ...rest: unknown[]) {
      return Reflect.apply(original, this, [fd === 1 && active() ? 2 : fd, ...rest]);
    };
    exports[name] = replacement;
    return [{ name, original, replacement }];
  });
  fs.sync();
  return () => {
    for (const { name, original, replacement } of replaced) if (exports[name] === replacement) exports[name] = original;
    fs.sync();
  };
}

/**
 * Sends what is written to `proc.stdout` to `proc.stderr` while `active()`; returns how to undo it. The stream is
 * not made for it (making it loads Node's stream modules, see io.ts): its getter is wrapped, and the stream's `write`
 * replaced when the module first reads it.
 */
function redirectStdout(proc: GuardedProcess, active: () => boolean): () => void {
  /** Each stream patched, with its own `write` before (none: the prototype's). */
  const patched = new Map<NodeJS.WriteStream, PropertyDescriptor | undefined>();
  const patch = (stream: NodeJS.WriteStream) => {
    if (patched.has(stream)) return;
    const before = Object.getOwnPropertyDescriptor(stream, "write");
    const write = stream.write;
    patched.set(stream, before);
    Object.defineProperty(stream, "write", {
      configurable: true,
      writable: true,
      value(...args: unknown[]) {
        return active() ? Reflect.apply(proc.stderr.write, proc.stderr, args) : Reflect.apply(write, stream, args);
      },
    });
  };
  const own = Object.getOwnPropertyDescriptor(proc, "stdout");
  const get = own?.get;
  let wrapped: (() => NodeJS.WriteStream) | undefined;
  if (own?.configurable === true && get !== undefined) {
    wrapped = () => {
      const stream = get.call(proc) as NodeJS.WriteStream;
      if (active()) patch(stream);
      return stream;
    };
    Object.defineProperty(proc, "stdout", { ...own, get: wrapped });
  } else patch(proc.stdout);
  return () => {
    if (own !== undefined && Object.getOwnPropertyDescriptor(proc, "stdout")?.get === wrapped) {
      Object.defineProperty(proc, "stdout", own);
    }
    for (const [stream, before] of patched) {
      if (before === undefined) delete (stream as { write?: unknown }).write;
      else Object.defineProperty(stream, "write", before);
    }
  };
}
