import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { writeAll } from "./write-all.ts";

/** What a write did: `written`, or `unchanged` when the file held the content already and was left as it was. */
export type WriteOutcome = "written" | "unchanged";

/** Everything a command reads from or writes to the outside world; injected so commands are testable. */
export interface Io {
  /** Writes to standard output (the command's product). */
  stdout(text: string): void;
  /** Writes to standard error (progress and failures). */
  stderr(text: string): void;
  /** Reads a file as UTF-8 text. */
  readFile(path: string): Promise<string>;
  /** Reads a file's bytes (for pipelines, whose encoding errors are findings of their own). */
  readBytes(path: string): Promise<Uint8Array>;
  /**
   * Writes a file atomically: on failure an existing file is left untouched; a file that holds `content` already is
   * not written again (see {@link writeFileAtomic}).
   */
  writeFile(path: string, content: string): Promise<WriteOutcome>;
  /** Creates a folder and its missing parents (nothing when it exists). */
  makeDir(path: string): Promise<void>;
  /** Reads all of standard input as UTF-8 text (for `-` as a file name). */
  readStdin(): Promise<string>;
  /** Reads all of standard input as bytes. */
  readStdinBytes(): Promise<Uint8Array>;
  /**
   * Asks a question on the terminal and returns the line answered; "" (no answer) when the terminal's input ends
   * or is interrupted before a line (Ctrl-D, Ctrl-C); undefined, without asking, when standard input is not a
   * terminal (a script or CI).
   */
  ask(question: string): Promise<string | undefined>;
  /**
   * A signal that aborts when the user presses Ctrl-C (SIGINT). Asking for it means Ctrl-C no longer
   * ends the process, except within {@link Interruption.stoppable}: the command must finish (and clean up) when it
   * aborts.
   */
  interrupted(): Interruption;
  /** The working directory that relative paths are resolved against. */
  cwd(): string;
  /** Whether standard output / error are terminals (for colour). */
  readonly isTTY: { readonly stdout: boolean; readonly stderr: boolean };
  /** Environment variables (NO_COLOR, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The raw standard streams, for commands that speak a protocol on them (`hangar lsp`). */
  readonly streams?: { readonly input: NodeJS.ReadableStream & Readable; readonly output: Writable };
}

/** What {@link Io.interrupted} gives. */
export interface Interruption {
  readonly signal: AbortSignal;
  /**
   * Runs `work` with Ctrl-C's default action back (it ends the process at once, as in a command that does not ask
   * for {@link Io.interrupted}): work that may block in a synchronous loop (a pipeline module) can then be stopped,
   * which no JavaScript listener can do while the loop runs.
   */
  readonly stoppable: <T>(work: () => Promise<T>) => Promise<T>;
}

const lstatOrUndefined = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

/** What a file that is not a regular file is, for the message that refuses to replace it. */
function describe(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Writes `content` to `path` atomically: into a temporary file in the same folder, then renamed over
 * `path`, so a reader sees the old file or the new one, never a part. The write is synchronous, so no
 * signal handler or other code runs between the two (see {@link deferSignals}).
 * - An existing file keeps its permission bits (a file of mode 600 stays 600).
 * - A symbolic link is written through on purpose: the file it points to is replaced and the link
 *   stays (a dangling link gets its target created).
 * - A FIFO, device, socket or directory is never replaced: that is an error.
 * - A regular file that holds `content` already is left as it is (`unchanged`): no temporary file, no sync to disk,
 *   its modification time kept. A cached `hangar render` writes what it wrote the last time, and the sync to disk
 *   was its costliest system call (about 10 ms of a cached render of docker-baseline in a CPU profile).
 */
export function writeFileAtomic(path: string, content: string): WriteOutcome {
  let target = path;
  let existing = lstatOrUndefined(path);
  if (existing?.isSymbolicLink()) {
    try {
      target = realpathSync(path);
    } catch {
      target = resolve(dirname(path), readlinkSync(path));
    }
    existing = lstatOrUndefined(target);
  }
  if (existing !== undefined && !existing.isFile()) {
    throw new Error(`${path} is ${describe(existing)}; hangar writes only regular files`);
  }
  const bytes = Buffer.from(content, "utf8");
  if (existing !== undefined && holds(target, existing.size, bytes)) return "unchanged";
  const temp = join(dirname(target), `.${basename(target)}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o666);
    if (existing !== undefined) fchmodSync(fd, existing.mode & 0o7777);
    writeAll(fd, bytes);
    // on disk before it is renamed over the old file, so that even a crash leaves the old file or the new one
    fsyncSync(fd);
    const written = fd;
    fd = undefined;
    closeSync(written);
    renameSync(temp, target);
    return "written";
  } catch (error) {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {}
    try {
      unlinkSync(temp);
    } catch {}
    throw namingTarget(error, temp, target);
  }
}

/** Whether the regular file at `path`, of `size` bytes, holds `bytes` (one that cannot be read does not). */
function holds(path: string, size: number, bytes: Buffer): boolean {
  if (size !== bytes.length) return false;
  try {
    return readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

/**
 * `error` with the file the caller asked for in place of the hidden temporary file beside it (a folder that cannot
 * be written fails at the temporary file's creation): `EACCES: permission denied, open '/ci/definition.json'`.
 */
function namingTarget(error: unknown, temp: string, target: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || e.path !== temp) return error;
  const named: NodeJS.ErrnoException = new Error(e.message.replaceAll(temp, target), { cause: error });
  if (e.code !== undefined) named.code = e.code;
  if (e.errno !== undefined) named.errno = e.errno;
  if (e.syscall !== undefined) named.syscall = e.syscall;
  named.path = target;
  return named;
}

/** The part of `process` that {@link deferSignals} uses. */
export interface SignalTarget {
  once(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  removeListener(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * Runs `write` with SIGINT and SIGTERM held back: a signal that arrives meanwhile ends the process
 * (exit 130 or 143, as a shell reports it) only after `write` has finished, so it never leaves a
 * temporary file behind. Outside such writes the signals keep their default action, so Ctrl-C still
 * stops a pipeline module that loops forever. `write` runs at once; the promise settles (with `write`'s error, if
 * any) once a signal held back has been acted on, so that nothing written after it runs before the exit.
 */
export async function deferSignals<T>(target: SignalTarget, write: () => T): Promise<T> {
  let received: number | undefined;
  const onInt = () => {
    received ??= 130;
  };
  const onTerm = () => {
    received ??= 143;
  };
  target.once("SIGINT", onInt);
  target.once("SIGTERM", onTerm);
  let outcome: { readonly value: T } | { readonly error: unknown };
  try {
    outcome = { value: write() };
  } catch (error) {
    outcome = { error };
  }
  // A signal that came during the write reaches the listeners when the event loop next polls, which can be after
  // this turn's immediates: the listeners stay one whole turn more (removed before, the signal would be lost).
  await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
  target.removeListener("SIGINT", onInt);
  target.removeListener("SIGTERM", onTerm);
  if (received !== undefined) target.exit(received);
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}

/**
 * The most bytes one read takes, of a file or of standard input: 64 MiB, twice the largest pipeline the parser reads
 * (which says so of a file between the two). A source without end (`/dev/zero`, a pipe that never closes) is refused
 * past it rather than read until the memory is full.
 */
export const READ_LIMIT = 64 * 1024 * 1024;

/** The error of a read past {@link READ_LIMIT}, said in words (see `fileProblem`). */
const tooLarge = (limit: number): Error =>
  new Error(
    `larger than ${limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`}, the most hangar reads of one input`,
  );

/** A file's bytes, at most `limit` of them: a regular file by its size, anything else read until its end or the limit. */
export function readFileCapped(path: string, limit = READ_LIMIT): Buffer {
  const fd = openSync(path, "r");
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size > limit) throw tooLarge(limit);
    if (!stats.isFile() && !stats.isDirectory()) return readUntil(fd, limit);
    // a folder: the read's own EISDIR
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What a device, a pipe or a socket gives until its end, refused past `limit` bytes. */
function readUntil(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > limit) throw tooLarge(limit);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
}

/** A stream's bytes until its end (standard input), refused past `limit` bytes. */
export async function readAll(stream: NodeJS.ReadableStream, limit = READ_LIMIT): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.from(chunk);
    total += bytes.length;
    if (total > limit) throw tooLarge(limit);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

/** The part of `process` that {@link stdioWriter} uses. */
export type StdioProcess = Pick<NodeJS.Process, "stdout" | "stderr">;

/** Writes to standard output and error, and waits for what is still on its way; see {@link stdioWriter}. */
export interface StdioWriter {
  readonly write: (fd: 1 | 2, text: string) => void;
  /** Resolves once everything written through a stream (hangar's or anyone's) has been handed to the system. */
  readonly flushed: () => Promise<void>;
}

/**
 * Writes to descriptors 1 and 2 with `fs.writeSync`, as Node itself writes to a file, a pipe or a terminal on
 * Linux, without making `process.stdout` and `process.stderr`: making the first of them loads Node's net and
 * stream modules (paired runs of a script writing two lines, beside `node -e 0`: +3.9 ms through the streams, +0.7
 * ms with writeSync). Once a stream is made (by a pipeline module's `console.log`, say, or for a descriptor that
 * would block or failed), everything for that descriptor goes through it, in order; a reader that went away (EPIPE)
 * gets nothing more, quietly. `proc`'s `stdout` and `stderr` getters are wrapped to see the streams made.
 */
export function stdioWriter(proc: StdioProcess): StdioWriter {
  /** The streams made so far, by descriptor. */
  const made = new Map<1 | 2, Writable>();
  /** Descriptors whose reader is gone. */
  const gone = new Set<1 | 2>();
  /** Descriptors whose stream cannot be seen made (not a getter of `proc`), or on Windows: always through the stream. */
  const unseen = new Set<1 | 2>();
  for (const [name, fd] of [
    ["stdout", 1],
    ["stderr", 2],
  ] as const) {
    const own = Object.getOwnPropertyDescriptor(proc, name);
    const get = own?.get;
    // (on Windows a console is written through Node's stream, which hands it UTF-16)
    if (get === undefined || own?.configurable !== true || process.platform === "win32") {
      unseen.add(fd);
      continue;
    }
    Object.defineProperty(proc, name, {
      ...own,
      get() {
        const stream = get.call(proc) as Writable;
        made.set(fd, stream);
        return stream;
      },
    });
  }
  /** The streams hangar has written through, each watched for its reader going away. */
  const watched = new WeakSet<Writable>();
  const streamOf = (fd: 1 | 2): Writable => {
    const stream = fd === 1 ? proc.stdout : proc.stderr;
    if (!watched.has(stream)) {
      watched.add(stream);
      // a reader that went away mid-write fails the stream, not the process; anything else is still thrown
      stream.on("error", (error: Error) => {
        if ((error as { code?: unknown }).code !== "EPIPE") throw error;
        gone.add(fd);
      });
    }
    return stream;
  };
  return {
    write(fd, text) {
      if (gone.has(fd)) return;
      if (made.has(fd) || unseen.has(fd)) {
        streamOf(fd).write(text);
        return;
      }
      const bytes = Buffer.from(text, "utf8");
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
      } catch (error) {
        // the reader went away (`hangar schema | head`): nothing more can reach it
        if ((error as { code?: unknown }).code === "EPIPE") gone.add(fd);
        else streamOf(fd).write(bytes.subarray(done));
      }
    },
    async flushed() {
      const fds = [...new Set([...made.keys(), ...unseen])].filter((fd) => !gone.has(fd));
      for (const stream of fds.map(streamOf)) await new Promise<void>((resolve) => stream.write("", () => resolve()));
    },
  };
}

/**
 * The real world: process streams and the file system; `flushed` as {@link StdioWriter}'s. `exit` is how a signal held
 * back during a write ends the process (see {@link deferSignals}): hangar's own end, not one it did not ask for
 * (see unfinished-exit.ts).
 */
export function nodeIo(
  proc: NodeJS.Process,
  exit: (code: number) => void = (code) => proc.exit(code),
): Io & Pick<StdioWriter, "flushed"> {
  const stdio = stdioWriter(proc);
  const signals: SignalTarget = {
    once: (signal, listener) => proc.once(signal, listener),
    removeListener: (signal, listener) => proc.removeListener(signal, listener),
    exit,
  };
  return {
    stdout: (text) => stdio.write(1, text),
    stderr: (text) => stdio.write(2, text),
    flushed: stdio.flushed,
    readFile: async (path) => readFileCapped(path).toString("utf8"),
    readBytes: async (path) => readFileCapped(path),
    writeFile: async (path, content) => deferSignals(signals, () => writeFileAtomic(path, content)),
    makeDir: async (path) => void mkdirSync(path, { recursive: true }),
    readStdin: async () => (await readAll(proc.stdin)).toString("utf8"),
    readStdinBytes: () => readAll(proc.stdin),
    ask: async (question) => {
      if (proc.stdin.isTTY !== true) return undefined;
      const { createInterface } = await import("node:readline/promises");
      const terminal = createInterface({ input: proc.stdin, output: proc.stderr });
      let answered = false;
      // Ctrl-D or Ctrl-C closes the interface before an answer: no answer, and what follows on a line of its own
      const closed = new Promise<string>((resolve) =>
        terminal.once("close", () => {
          if (!answered) proc.stderr.write("\n");
          resolve("");
        }),
      );
      try {
        const answer = await Promise.race([terminal.question(question), closed]);
        answered = true;
        return answer;
      } finally {
        answered = true;
        terminal.close();
      }
    },
    interrupted: () => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      proc.once("SIGINT", abort);
      return {
        signal: controller.signal,
        stoppable: async (work) => {
          // with no listener left, Node gives SIGINT its default action again
          proc.removeListener("SIGINT", abort);
          try {
            return await work();
          } finally {
            if (!controller.signal.aborted) proc.once("SIGINT", abort);
          }
        },
      };
    },
    cwd: () => proc.cwd(),
    // getters: `process.stdin` and `process.stderr` are made when first read, and standard input loads Node's
    // stream modules (about 2 ms of `hangar --version`, whose output is all on stdout); only `hangar lsp` reads it
    get isTTY() {
      return { stdout: proc.stdout.isTTY === true, stderr: proc.stderr.isTTY === true };
    },
    env: proc.env,
    get streams() {
      return { input: proc.stdin, output: proc.stdout };
    },
  };
}
