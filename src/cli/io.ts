import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Everything a command reads from or writes to the outside world; injected so commands are testable. */
export interface Io {
  /** Writes to standard output (the command's product). */
  stdout(text: string): void;
  /** Writes to standard error (progress and failures). */
  stderr(text: string): void;
  /** Reads a file as UTF-8 text. */
  readFile(path: string): Promise<string>;
  /** Writes a file atomically: on failure an existing file is left untouched. */
  writeFile(path: string, content: string): Promise<void>;
  /** Creates a folder and its missing parents (nothing when it exists). */
  makeDir(path: string): Promise<void>;
  /** Reads all of standard input as UTF-8 text (for `-` as a file name). */
  readStdin(): Promise<string>;
  /** The working directory that relative paths are resolved against. */
  cwd(): string;
  /** Whether standard output / error are terminals (for colour). */
  readonly isTTY: { readonly stdout: boolean; readonly stderr: boolean };
  /** Environment variables (NO_COLOR, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Writes `content` to a temporary file beside `path`, then renames it over `path`. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, content, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The real world: process streams and the file system. */
export function nodeIo(proc: NodeJS.Process): Io {
  return {
    stdout: (text) => void proc.stdout.write(text),
    stderr: (text) => void proc.stderr.write(text),
    readFile: (path) => readFile(path, "utf8"),
    writeFile: writeFileAtomic,
    makeDir: async (path) => void (await mkdir(path, { recursive: true })),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of proc.stdin) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString("utf8");
    },
    cwd: () => proc.cwd(),
    isTTY: { stdout: proc.stdout.isTTY === true, stderr: proc.stderr.isTTY === true },
    env: proc.env,
  };
}
