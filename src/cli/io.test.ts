import { execFileSync } from "node:child_process";
import { EventEmitter } from "node:events";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  deferSignals,
  nodeIo,
  READ_LIMIT,
  readAll,
  readFileCapped,
  type StdioProcess,
  stdioWriter,
  writeFileAtomic,
} from "./io.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hangar-io-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  test("writes a new file, and replaces an existing one keeping its mode", () => {
    writeFileAtomic(join(dir, "new.json"), "one");
    expect(readFileSync(join(dir, "new.json"), "utf8")).toBe("one");
    writeFileSync(join(dir, "secret.json"), "old");
    chmodSync(join(dir, "secret.json"), 0o600);
    writeFileAtomic(join(dir, "secret.json"), "new");
    expect(readFileSync(join(dir, "secret.json"), "utf8")).toBe("new");
    expect(statSync(join(dir, "secret.json")).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["new.json", "secret.json"]);
  });

  test("writes through a symbolic link on purpose: the link stays, its target gets the content", () => {
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real/pipeline.json"), "old");
    chmodSync(join(dir, "real/pipeline.json"), 0o640);
    symlinkSync("real/pipeline.json", join(dir, "link.json"));
    writeFileAtomic(join(dir, "link.json"), "new");
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "link.json"))).toBe("real/pipeline.json");
    expect(readFileSync(join(dir, "real/pipeline.json"), "utf8")).toBe("new");
    expect(statSync(join(dir, "real/pipeline.json")).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, "real"))).toEqual(["pipeline.json"]);
    // a dangling link gets its target created
    symlinkSync("real/later.json", join(dir, "dangling.json"));
    writeFileAtomic(join(dir, "dangling.json"), "created");
    expect(readFileSync(join(dir, "real/later.json"), "utf8")).toBe("created");
  });

  test("never replaces a FIFO, a device or a directory", () => {
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(() => writeFileAtomic(join(dir, "fifo"), "x")).toThrow(
      `${join(dir, "fifo")} is a FIFO; hangar writes only regular files`,
    );
    expect(lstatSync(join(dir, "fifo")).isFIFO()).toBe(true);
    expect(() => writeFileAtomic("/dev/null", "x")).toThrow("/dev/null is a device; hangar writes only regular files");
    mkdirSync(join(dir, "folder"));
    expect(() => writeFileAtomic(join(dir, "folder"), "x")).toThrow(/is a directory/);
    symlinkSync("fifo", join(dir, "to-fifo"));
    expect(() => writeFileAtomic(join(dir, "to-fifo"), "x")).toThrow(/is a FIFO/);
    expect(readdirSync(dir).sort()).toEqual(["fifo", "folder", "to-fifo"]);
  });

  test("a file that holds the content already is left as it is; one byte different, of the same size, is written", () => {
    const path = join(dir, "same.json");
    expect(writeFileAtomic(path, '{"é":1}')).toBe("written");
    const before = statSync(path, { bigint: true });
    expect(writeFileAtomic(path, '{"é":1}')).toBe("unchanged");
    const after = statSync(path, { bigint: true });
    // not replaced: the same file (a rename would give another inode), its modification time kept
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
    expect(writeFileAtomic(path, '{"é":2}')).toBe("written");
    expect(readFileSync(path, "utf8")).toBe('{"é":2}');
    expect(statSync(path).ino).not.toBe(Number(before.ino));
    // through a link, the target is compared
    symlinkSync("same.json", join(dir, "link.json"));
    expect(writeFileAtomic(join(dir, "link.json"), '{"é":2}')).toBe("unchanged");
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["link.json", "same.json"]);
  });

  test("a failed write leaves the old file and no temporary file", () => {
    writeFileSync(join(dir, "keep.json"), "old");
    expect(() => writeFileAtomic(join(dir, "missing/keep.json"), "new")).toThrow(
      `ENOENT: no such file or directory, open '${join(dir, "missing/keep.json")}'`,
    );
    expect(readdirSync(dir)).toEqual(["keep.json"]);
  });
});

describe("reads are bounded", () => {
  const refusal = `larger than ${READ_LIMIT / (1024 * 1024)} MiB, the most hangar reads of one input`;

  test("a file up to the limit is read whole; past it, refused by its size without reading it", () => {
    writeFileSync(join(dir, "a.yml"), "x".repeat(100));
    expect(readFileCapped(join(dir, "a.yml"), 100).toString()).toBe("x".repeat(100));
    expect(() => readFileCapped(join(dir, "a.yml"), 99)).toThrow(
      "larger than 99 bytes, the most hangar reads of one input",
    );
    expect(() => readFileCapped(dir)).toThrow(expect.objectContaining({ code: "EISDIR" }));
  });

  test.skipIf(process.platform === "win32")("a device without end is read up to the limit, then refused", () => {
    expect(() => readFileCapped("/dev/zero", 1024 * 1024)).toThrow(
      "larger than 1 MiB, the most hangar reads of one input",
    );
    expect(readFileCapped("/dev/null")).toEqual(Buffer.alloc(0));
  });

  test("standard input without end is refused past the limit; a short one is read whole", async () => {
    let given = 0;
    const endless = Readable.from(
      (function* () {
        for (;;) {
          given += 4096;
          yield Buffer.alloc(4096, 0x61);
        }
      })(),
    );
    await expect(readAll(endless, 100_000)).rejects.toThrow(
      "larger than 100000 bytes, the most hangar reads of one input",
    );
    expect(given).toBeLessThan(200_000);
    expect((await readAll(Readable.from([Buffer.from("a: "), Buffer.from("1\n")]), 6)).toString()).toBe("a: 1\n");
  });

  test("nodeIo reads files and standard input through them", async () => {
    const io = nodeIo({ ...process, stdin: Readable.from([Buffer.from("jobs: []\n")]) } as unknown as NodeJS.Process);
    expect(await io.readStdinBytes()).toEqual(Buffer.from("jobs: []\n"));
    await expect(io.readBytes("/dev/zero")).rejects.toThrow(refusal);
    await expect(io.readFile("/dev/zero")).rejects.toThrow(refusal);
  });
});

describe("deferSignals", () => {
  /** A stand-in for `process`: signals are emitted by the test, exits recorded. */
  const fakeProcess = () => {
    const emitter = new EventEmitter();
    const exits: number[] = [];
    return { emitter, exits, target: Object.assign(emitter, { exit: (code: number) => void exits.push(code) }) };
  };
  const nextTurn = () => new Promise((done) => setImmediate(() => setImmediate(done)));

  test("a signal during the write ends the process after it, with the shell's code", async () => {
    const { emitter, exits, target } = fakeProcess();
    deferSignals(target, () => {
      emitter.emit("SIGINT");
      writeFileAtomic(join(dir, "out.json"), "complete");
      expect(exits).toEqual([]);
    });
    await nextTurn();
    expect(exits).toEqual([130]);
    expect(readdirSync(dir)).toEqual(["out.json"]);
    expect(emitter.listenerCount("SIGINT")).toBe(0);
  });

  test("SIGTERM exits 143; without a signal nothing happens and the listeners are gone", async () => {
    const term = fakeProcess();
    deferSignals(term.target, () => void term.emitter.emit("SIGTERM"));
    await nextTurn();
    expect(term.exits).toEqual([143]);
    const quiet = fakeProcess();
    deferSignals(quiet.target, () => undefined);
    await nextTurn();
    expect(quiet.exits).toEqual([]);
    expect(quiet.emitter.listenerCount("SIGINT") + quiet.emitter.listenerCount("SIGTERM")).toBe(0);
  });
});

describe("deferSignals with the real process", () => {
  /** `process` as the target, its exits recorded rather than taken. */
  const realProcess = () => {
    const exits: number[] = [];
    const target = {
      once: (signal: "SIGINT" | "SIGTERM", listener: () => void) => process.once(signal, listener),
      removeListener: (signal: "SIGINT" | "SIGTERM", listener: () => void) => process.removeListener(signal, listener),
      exit: (code: number) => void exits.push(code),
    };
    return { exits, target };
  };

  test.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("a %s sent during the write is acted on once the write is done (exit %d)", async (signal, code) => {
    // kept for the test only, so that a signal the code under test lets through cannot end the test's process
    const guard = () => undefined;
    process.on(signal, guard);
    try {
      const { exits, target } = realProcess();
      let exitsDuringWrite: unknown;
      const written = deferSignals(target, () => {
        // the signal arrives while the file is written: Node hands it to JavaScript only on a later turn
        process.kill(process.pid, signal);
        writeFileAtomic(join(dir, "out.json"), "complete");
        exitsDuringWrite = exits.length;
      });
      await written;
      expect(exitsDuringWrite).toBe(0);
      // acted on before the promise settles: nothing the caller writes next runs first
      expect(exits).toEqual([code]);
      expect(readdirSync(dir)).toEqual(["out.json"]);
    } finally {
      // a signal still on its way is not left to a later test
      await new Promise((done) => setTimeout(done, 50));
      process.removeListener(signal, guard);
    }
  });

  test("the write's error is the promise's, after the listeners are gone", async () => {
    const before = process.listenerCount("SIGINT") + process.listenerCount("SIGTERM");
    const { exits, target } = realProcess();
    await expect(
      deferSignals(target, () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(exits).toEqual([]);
    expect(process.listenerCount("SIGINT") + process.listenerCount("SIGTERM")).toBe(before);
  });
});

describe("nodeIo: interrupted", () => {
  test("Ctrl-C aborts the signal, except within stoppable, where it has its default action back", async () => {
    const proc = new EventEmitter();
    const { signal, stoppable } = nodeIo(proc as unknown as NodeJS.Process).interrupted();
    expect(proc.listenerCount("SIGINT")).toBe(1);
    // no listener: Node gives SIGINT its default action (the process ends), even while a loop blocks
    expect(await stoppable(async () => proc.listenerCount("SIGINT"))).toBe(0);
    await expect(
      stoppable(async () => {
        throw new Error("failed render");
      }),
    ).rejects.toThrow("failed render");
    expect(proc.listenerCount("SIGINT")).toBe(1);
    expect(signal.aborted).toBe(false);
    proc.emit("SIGINT");
    expect(signal.aborted).toBe(true);
    expect(proc.listenerCount("SIGINT")).toBe(0);
  });
});

describe("stdioWriter", () => {
  /** A stream that records what is written and calls back at once. */
  const recorder = () => {
    const chunks: string[] = [];
    const stream = Object.assign(new EventEmitter(), {
      write(chunk: string | Uint8Array, done?: () => void) {
        chunks.push(Buffer.from(chunk).toString("utf8"));
        done?.();
        return true;
      },
    });
    return { chunks, stream };
  };

  test("streams it cannot see made (plain values, not getters) are written through, and flushed", async () => {
    const out = recorder();
    const err = recorder();
    const writer = stdioWriter({ stdout: out.stream, stderr: err.stream } as unknown as StdioProcess);
    writer.write(1, "one\n");
    writer.write(2, "two\n");
    await writer.flushed();
    expect(out.chunks).toEqual(["one\n", ""]);
    expect(err.chunks).toEqual(["two\n", ""]);
  });

  test("a stream made before writing (a getter read) takes the writes, in order, and is flushed", async () => {
    const out = recorder();
    const err = recorder();
    const proc = {};
    Object.defineProperty(proc, "stdout", { get: () => out.stream, configurable: true, enumerable: true });
    Object.defineProperty(proc, "stderr", { get: () => err.stream, configurable: true, enumerable: true });
    const writer = stdioWriter(proc as StdioProcess);
    // a pipeline module's console.log makes the stream
    (proc as { stdout: { write(text: string): void } }).stdout.write("from the module\n");
    writer.write(1, "fly ...\n");
    await writer.flushed();
    expect(out.chunks).toEqual(["from the module\n", "fly ...\n", ""]);
    // stderr was never made: nothing to flush there
    expect(err.chunks).toEqual([]);
  });

  test("a stream whose reader went away (EPIPE, | head) takes nothing more, and the process goes on", async () => {
    const out = recorder();
    const proc = {};
    Object.defineProperty(proc, "stdout", { get: () => out.stream, configurable: true, enumerable: true });
    Object.defineProperty(proc, "stderr", { get: () => recorder().stream, configurable: true, enumerable: true });
    const writer = stdioWriter(proc as StdioProcess);
    // the stream is made before hangar writes (reading process.stdout.isTTY, say)
    void (proc as { stdout: unknown }).stdout;
    writer.write(1, "first\n");
    // with no listener, Node's stream would throw this out of the process ("Unhandled 'error' event")
    out.stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    writer.write(1, "second\n");
    await writer.flushed();
    expect(out.chunks).toEqual(["first\n"]);
    // any other failure of the stream is still thrown
    expect(() => out.stream.emit("error", Object.assign(new Error("write EIO"), { code: "EIO" }))).toThrow("EIO");
  });
});

describe("ask", () => {
  /** nodeIo over a terminal whose input is `input` (what is typed); what it writes on stderr is collected. */
  function terminal(input: PassThrough, isTTY = true) {
    const stderr = new PassThrough();
    let written = "";
    stderr.on("data", (chunk: Buffer) => {
      written += chunk.toString();
    });
    const proc = { stdin: Object.assign(input, { isTTY }), stderr, stdout: new PassThrough(), env: {} };
    return { io: nodeIo(proc as unknown as NodeJS.Process), written: () => written };
  }

  test("the line typed is the answer", async () => {
    const input = new PassThrough();
    const { io } = terminal(input);
    const answer = io.ask("go? ");
    input.write("y\n");
    expect(await answer).toBe("y");
  });

  test("input that ends before a line (Ctrl-D) is no answer, not 'no terminal'; the next line starts afresh", async () => {
    const input = new PassThrough();
    const { io, written } = terminal(input);
    const answer = io.ask("go? ");
    input.end();
    expect(await answer).toBe("");
    expect(written()).toBe("go? \n");
  });

  test("without a terminal nothing is asked", async () => {
    const { io, written } = terminal(new PassThrough(), false);
    expect(await io.ask("go? ")).toBeUndefined();
    expect(written()).toBe("");
  });
});
