import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach } from "vitest";

/** The repository, and its CLI as built (`node scripts/build.mjs`: bin/ runs dist/). */
export const repo = resolve(import.meta.dirname, "../..");
export const bin = join(repo, "bin/hangar.js");

/** `hangar render ...args` of the built CLI, run in `cwd`. */
export const renderIn = (cwd: string, ...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [bin, "render", ...args], { cwd, encoding: "utf8" });

/**
 * A work folder per test, made before it and removed after: inside the repository, so that `hangar` resolves, with a
 * node_modules of its own, so that hangar's cache folder is its own. Returns the current test's folder.
 */
export function workFolderEach(name: string): () => string {
  let work: string | undefined;
  beforeEach(() => {
    work = mkdtempSync(join(repo, `test/.tmp-${name}-`));
    mkdirSync(join(work, "node_modules"));
  });
  afterEach(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });
  return () => {
    if (work === undefined) throw new Error("workFolderEach: no test is running");
    return work;
  };
}
