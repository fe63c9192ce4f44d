import { mkdir, readFile } from "node:fs/promises";
import type { Io } from "../../src/cli/io.ts";
import { writeFileAtomic } from "../../src/cli/io.ts";

/** An Io that records stdout and stderr and uses the real file system, rooted at `cwd`. */
export function memoryIo(cwd: string, env: Record<string, string | undefined> = {}, stdin: string | Uint8Array = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readFile: (path) => readFile(path, "utf8"),
    readBytes: (path) => readFile(path),
    writeFile: async (path, content) => writeFileAtomic(path, content),
    makeDir: async (path) => void (await mkdir(path, { recursive: true })),
    readStdin: async () => (typeof stdin === "string" ? stdin : Buffer.from(stdin).toString("utf8")),
    readStdinBytes: async () => (typeof stdin === "string" ? Buffer.from(stdin, "utf8") : stdin),
    ask: async () => undefined,
    interrupted: () => ({ signal: new AbortController().signal, stoppable: (work) => work() }),
    cwd: () => cwd,
    isTTY: { stdout: false, stderr: false },
    env,
  };
  return {
    io,
    get stdout() {
      return out.join("");
    },
    get stderr() {
      return err.join("");
    },
  };
}
