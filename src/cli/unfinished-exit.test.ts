import { EventEmitter } from "node:events";
import { describe, expect, test } from "vitest";
import { type ExitingProcess, watchUnfinishedExit } from "./unfinished-exit.ts";

/** A process whose exit only records its code and tells the `exit` listeners, as Node does before it ends. */
function fakeProcess(): ExitingProcess & { exits: number[]; listeners: () => number } {
  const events = new EventEmitter();
  const proc = {
    exitCode: undefined as number | string | null | undefined,
    exits: [] as number[],
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
    removeListener: (event: string, listener: (...args: unknown[]) => void) => events.removeListener(event, listener),
    exit: (code?: number | string | null) => {
      proc.exits.push(Number(code));
      proc.exitCode = code;
      events.emit("exit", Number(code));
      return undefined as never;
    },
    listeners: () => events.listenerCount("exit"),
  };
  return proc as unknown as ExitingProcess & { exits: number[]; listeners: () => number };
}

describe("watchUnfinishedExit", () => {
  test("a command that runs modules: an exit hangar did not ask for before it is done is exit 2", () => {
    const proc = fakeProcess();
    watchUnfinishedExit(proc, "render");
    proc.exit(0);
    expect(proc.exitCode).toBe(2);
  });

  test("after the work is done such an exit keeps hangar's code; hangar's own exit is its code", () => {
    const late = fakeProcess();
    watchUnfinishedExit(late, "validate").finished(1);
    late.exit(0);
    expect(late.exitCode).toBe(1);
    const own = fakeProcess();
    const run = watchUnfinishedExit(own, "render");
    run.exit(130);
    expect(own.exitCode).toBe(130);
    expect(own.listeners()).toBe(0);
  });

  test("the other commands are not watched: the language server ends with the code its client's exit gives", () => {
    for (const command of ["lsp", "schema", "init", "import", undefined]) {
      const proc = fakeProcess();
      watchUnfinishedExit(proc, command);
      expect(proc.listeners()).toBe(0);
    }
  });
});
