// Whole-process wall time: `hangar render FILE` beside `node -e 0`, timed from this process with
// spawnSync (no external tool needed), runs alternated so that load on the machine hits both alike.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

function wall(args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(" ")} exited with ${result.status}:\n${result.stderr}`);
  }
  return seconds;
}

/**
 * Times `node bin/hangar.js render ENTRY -o <temp>/definition.json` and `node -e 0`, `warmups` times
 * each discarded, then `runs` times each; returns every measured sample in seconds.
 * `beforeEach` (optional) runs before each hangar run, e.g. to empty a cache for a cold-start figure.
 */
export function measureStartup({ repo, entry, runs = 10, warmups = 2, beforeEach }) {
  const out = mkdtempSync(join(tmpdir(), "hangar-bench-"));
  try {
    const hangarArgs = ["bin/hangar.js", "render", entry, "-o", join(out, "definition.json")];
    const samples = { hangar: [], node: [] };
    for (let i = 0; i < warmups + runs; i++) {
      beforeEach?.();
      const h = wall(hangarArgs, repo);
      const z = wall(["-e", "0"], repo);
      if (i >= warmups) {
        samples.hangar.push(h);
        samples.node.push(z);
      }
    }
    return samples;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
