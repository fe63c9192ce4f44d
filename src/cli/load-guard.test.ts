import { EventEmitter } from "node:events";
import { describe, expect, test } from "vitest";
import { FD_WRITERS, type FdWriters, type GuardedProcess, guardLoad, ModuleExitError } from "./load-guard.ts";

/** A stand-in for `process`: exit records its code, stdout is made on first read (as Node's is), stderr collects. */
function fakeProcess() {
  const exits: unknown[] = [];
  const written = { stdout: "", stderr: "" };
  const stream = (name: "stdout" | "stderr") => ({
    write(text: string) {
      written[name] += text;
      return true;
    },
  });
  const emitter = new EventEmitter();
  let made = 0;
  const proc = {
    exitCode: undefined,
    exit(code?: number) {
      exits.push(code);
    },
    on: emitter.on.bind(emitter),
    removeListener: emitter.removeListener.bind(emitter),
    stderr: stream("stderr"),
  } as unknown as GuardedProcess;
  const stdout = Object.create(stream("stdout"));
  Object.defineProperty(proc, "stdout", {
    configurable: true,
    enumerable: true,
    get() {
      made++;
      return stdout;
    },
  });
  return { proc, exits, written, emitter, made: () => made };
}

describe("guardLoad", () => {
  test("process.exit throws the module's error and fails the load; restored, it is the process's own", async () => {
    const { proc, exits } = fakeProcess();
    const exit = proc.exit;
    const guard = guardLoad(proc, { stdoutToStderr: false });
    expect(() => proc.exit(1)).toThrow(ModuleExitError);
    await expect(guard.failed).rejects.toThrow("the module called process.exit(1) before giving its pipeline");
    expect(exits).toEqual([]);
    guard.restore();
    expect(proc.exit).toBe(exit);
    proc.exit(0);
    expect(exits).toEqual([0]);
  });

  test("a replacement kept past its load, or guards that overlap, end in the process's own exit", () => {
    const { proc, exits } = fakeProcess();
    const exit = proc.exit;
    const first = guardLoad(proc, { stdoutToStderr: false });
    const kept = proc.exit;
    const second = guardLoad(proc, { stdoutToStderr: false });
    first.restore();
    second.restore();
    expect(proc.exit).not.toBe(exit);
    // the second put back the first's replacement, which the first's restore left inactive
    proc.exit(3);
    kept(4);
    expect(exits).toEqual([3, 4]);
  });

  test("an uncaught exception fails the load while guarded, and is Node's again after", async () => {
    const { proc, emitter } = fakeProcess();
    const guard = guardLoad(proc, { stdoutToStderr: false });
    expect(emitter.listenerCount("uncaughtException")).toBe(1);
    emitter.emit("uncaughtException", new Error("late"));
    await expect(guard.failed).rejects.toThrow("late");
    guard.restore();
    expect(emitter.listenerCount("uncaughtException")).toBe(0);
  });

  test("stdoutToStderr: writes to stdout go to stderr until restored; stdout is not made for it", () => {
    const { proc, written, made } = fakeProcess();
    const guard = guardLoad(proc, { stdoutToStderr: true });
    expect(made()).toBe(0);
    const stdout = proc.stdout;
    stdout.write("noise\n");
    guard.restore();
    stdout.write("data\n");
    proc.stdout.write("more\n");
    expect(written).toEqual({ stdout: "data\nmore\n", stderr: "noise\n" });
    expect(Object.hasOwn(stdout, "write")).toBe(false);
  });

  test("stdoutToStderr with fs: what node:fs writes to descriptor 1 goes to 2 until restored; its ES exports synced", () => {
    const { proc } = fakeProcess();
    const calls: unknown[][] = [];
    const writer = (...args: unknown[]) => calls.push(args);
    const exports = Object.fromEntries(FD_WRITERS.map((name) => [name, writer])) as FdWriters;
    let synced = 0;
    const guard = guardLoad(proc, { stdoutToStderr: true, fs: { exports, sync: () => synced++ } });
    expect(synced).toBe(1);
    const kept = exports.writeSync as (...args: unknown[]) => void;
    for (const name of FD_WRITERS) (exports[name] as (...args: unknown[]) => void)(1, name);
    kept(3, "a file");
    guard.restore();
    expect(synced).toBe(2);
    kept(1, "data");
    expect(exports.writeSync).toBe(writer);
    expect(calls).toEqual([...FD_WRITERS.map((name) => [2, name]), [3, "a file"], [1, "data"]]);
  });

  test("without stdoutToStderr, stdout is left alone", () => {
    const { proc, written } = fakeProcess();
    const guard = guardLoad(proc, { stdoutToStderr: false });
    proc.stdout.write("data\n");
    guard.restore();
    expect(written).toEqual({ stdout: "data\n", stderr: "" });
  });
});
