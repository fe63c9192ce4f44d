import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");

/**
 * Type-checks generated modules as a user's strict project would: one `tsc` run under the repo's tsconfig (strict,
 * exactOptionalPropertyTypes, ...) with `hangar` mapped to src/index.ts. `dir` is a folder inside the repo (a
 * tsconfig.json is written there); `include` are globs relative to it. Returns what tsc printed (empty when the
 * modules type-check) and its exit status.
 */
export function typeCheck(dir: string, include: readonly string[]): { output: string; status: number | null } {
  const up = relative(dir, repo).replaceAll("\\", "/");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: `${up}/tsconfig.json`,
      compilerOptions: { paths: { hangar: [`${up}/src/index.ts`] } },
      include,
      exclude: [],
    }),
  );
  const tsc = spawnSync(join(repo, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  return { output: tsc.stdout + tsc.stderr, status: tsc.status };
}
