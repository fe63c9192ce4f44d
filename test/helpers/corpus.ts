import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");

/**
 * A folder of the shared corpus (`../shared/corpus/<name>`: public third-party files read at test time, never copied
 * here), looked for beside the checkout and then beside each folder above it, so that a worktree of it
 * (`<root>/wt/<branch>`) finds the corpus beside the main checkout too; undefined when there is none.
 */
export function corpusDir(name: "pipelines" | "ol-infrastructure"): string | undefined {
  for (let dir = repo; ; dir = dirname(dir)) {
    const candidate = join(dirname(dir), "shared", "corpus", name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
