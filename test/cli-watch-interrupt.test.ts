import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";

// `hangar render --watch` listens for Ctrl-C to end the watch; while a module runs, Ctrl-C has its default action
// back, so that a module stuck in a synchronous loop (no JavaScript listener can run) is stopped as without --watch.
// Needs the built CLI (`node scripts/build.mjs`).

const repo = resolve(import.meta.dirname, "..");
const bin = join(repo, "bin/hangar.js");
let work: string;
beforeEach(() => {
  // inside the repository, so that `hangar` resolves
  work = mkdtempSync(join(repo, "test/.tmp-watch-interrupt-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Waits until `done()` holds, checking every 50 ms, for at most `ms`; whether it did. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > ms) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

test("Ctrl-C stops --watch while a module is stuck in a synchronous loop", async () => {
  writeFileSync(
    join(work, "loop.ts"),
    [
      'import { writeFileSync } from "node:fs";',
      'import { pipeline } from "hangar";',
      `writeFileSync(${JSON.stringify(join(work, "started"))}, "");`,
      "if (Date.now() > 0) while (true) {}",
      "export default pipeline({ jobs: [] });",
      "",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [bin, "render", "loop.ts", "--watch"], { cwd: work, stdio: "ignore" });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    expect(await until(() => existsSync(join(work, "started")), 20_000)).toBe(true);
    child.kill("SIGINT");
    expect(await until(exited, 5_000)).toBe(true);
    // ended by the signal, as a render without --watch is (a shell reports 130)
    expect(child.signalCode).toBe("SIGINT");
  } finally {
    if (!exited()) child.kill("SIGKILL");
  }
}, 60_000);
