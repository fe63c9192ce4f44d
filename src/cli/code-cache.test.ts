import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";
import { codeCacheKey } from "./code-cache.ts";

const repo = resolve(import.meta.dirname, "../..");

let work: string;
let bundle: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hangar-code-cache-"));
  bundle = join(work, "bundle.cjs");
  cacheDir = join(work, "cache");
  writeFileSync(join(work, "esm.mjs"), 'export const answer = "from an ES module";\n');
  writeBundle("one");
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A CommonJS bundle that prints `word`, what `require` gives it, and what it imports through an injected importer. */
function writeBundle(word: string): void {
  writeFileSync(
    bundle,
    [
      `const { basename } = require("node:path");`,
      `module.exports.word = ${JSON.stringify(word)};`,
      `hangarImportModule(${JSON.stringify(pathToFileURL(join(work, "esm.mjs")).href)}).then((m) =>`,
      `  console.log(${JSON.stringify(word)}, basename(__filename), typeof module.exports, m.answer));`,
    ].join("\n"),
  );
}

/**
 * Runs the bundle through the built dist/code-cache.cjs in a new process: how it used the cache, and its output.
 * The bundle's `module.exports` comes back to the caller: `use` ends with the word it exported.
 */
function run(dir: string | false = cacheDir): { use: string; output: string } {
  const script = [
    `const { runBundle } = require(${JSON.stringify(join(repo, "dist/code-cache.cjs"))});`,
    `const { use, exports } = runBundle(${JSON.stringify(bundle)}, { cacheDir: ${JSON.stringify(dir)}, key: "render", inject: { hangarImportModule: (url) => import(url) } });`,
    "process.on('exit', () => console.log(use, exports.word));",
  ].join("\n");
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  const [output = "", last = ""] = child.stdout.trim().split("\n");
  const [use = "", exported = ""] = last.split(" ");
  expect(output.startsWith(`${exported} `)).toBe(true);
  return { use, output };
}

const cached = () => readdirSync(cacheDir).filter((name) => name.endsWith(".bin"));

test("the first run writes the code at exit, the next ones run from it", () => {
  expect(run()).toEqual({ use: "miss", output: "one bundle.cjs object from an ES module" });
  expect(cached()).toEqual([expect.stringMatching(/^code-render-[0-9a-f]{16}-.+\.bin$/)]);
  expect(run()).toEqual({ use: "hit", output: "one bundle.cjs object from an ES module" });
  expect(run()).toEqual({ use: "hit", output: "one bundle.cjs object from an ES module" });
});

test("a changed bundle is never run from the old code: same length, new content, the old file goes", () => {
  run();
  const [old] = cached();
  writeBundle("two");
  // V8 itself checks only the source's length: the bundle's size and time in the file name tell the change
  const later = new Date(Date.now() + 60_000);
  utimesSync(bundle, later, later);
  expect(run()).toEqual({ use: "miss", output: "two bundle.cjs object from an ES module" });
  expect(cached()).toHaveLength(1);
  expect(cached()).not.toContain(old);
  expect(run().use).toBe("hit");
});

test("a corrupt cache is rejected and written again; a cache that cannot be written only costs the compile", () => {
  run();
  const [file = ""] = cached();
  writeFileSync(join(cacheDir, file), "not V8's code");
  expect(run()).toEqual({ use: "miss", output: "one bundle.cjs object from an ES module" });
  expect(run().use).toBe("hit");

  rmSync(cacheDir, { recursive: true });
  writeFileSync(cacheDir, "a file where the cache folder would be");
  expect(run()).toEqual({ use: "miss", output: "one bundle.cjs object from an ES module" });
  expect(run().use).toBe("miss");
  rmSync(cacheDir);
  expect(run(false)).toEqual({ use: "off", output: "one bundle.cjs object from an ES module" });
});

test("the code is kept per command; --version, --help and the like share one", () => {
  expect(codeCacheKey(["render", "pipeline.ts"])).toBe("render");
  expect(codeCacheKey(["validate"])).toBe("validate");
  expect(codeCacheKey(["--version"])).toBe("options");
  expect(codeCacheKey(["-h"])).toBe("options");
  expect(codeCacheKey([])).toBe("options");
  expect(codeCacheKey(["../../etc"])).toBe("options");
});
