import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

/** What runs right after each esbuild build has read the files, before the cache keeps anything. */
const afterBuild = vi.hoisted(() => ({ run: undefined as (() => void) | undefined }));

vi.mock("esbuild", async (importOriginal) => {
  const esbuild = await importOriginal<typeof import("esbuild")>();
  const build = async (options: Parameters<typeof esbuild.build>[0]) => {
    const result = await esbuild.build(options);
    const run = afterBuild.run;
    afterBuild.run = undefined;
    run?.();
    return result;
  };
  return { ...esbuild, build, default: { ...esbuild, build } };
});

const { compileModule } = await import("./compile-cache.ts");

const repo = resolve(import.meta.dirname, "../..");
let work: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-compile-"));
  cacheDir = join(work, "cache");
  writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "v1";\n');
  writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "./lib.ts";\nexport default { branch: BRANCH };\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The code the cache gives for app.ts, in the form asked for. */
async function compiled(wanted: "module" | "script"): Promise<string> {
  const { url, script } = await compileModule(join(work, "app.ts"), "app.ts", work, cacheDir, "bundled", wanted);
  return script !== undefined ? readFileSync(script, "utf8") : readFileSync(new URL(url), "utf8");
}

test.each(["module", "script"] as const)(
  "a file saved while the %s compiles is compiled again by the next run, not taken as current",
  async (wanted) => {
    // the save lands after esbuild has read lib.ts (the old code is compiled) and before the entry is kept
    afterBuild.run = () => writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "v2-x";\n');
    expect(await compiled(wanted)).toContain('"v1"');
    expect(readFileSync(join(work, "lib.ts"), "utf8")).toContain("v2-x");
    const next = await compiled(wanted);
    expect(next).toContain('"v2-x"');
    expect(next).not.toContain('"v1"');
    // and that is kept: a third run is a hit with the new code
    expect(await compiled(wanted)).toContain('"v2-x"');
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".json"))).toHaveLength(1);
  },
);
