import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "vitest";

const repo = resolve(import.meta.dirname, "..");
const hooks = pathToFileURL(join(repo, "test/helpers/record-loads.mjs")).href;
const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)})`;

/** The file modules Node loads for `hangar ...args`. */
function loadedBy(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "hangar-loads-"));
  try {
    const record = join(dir, "loads.txt");
    const run = spawnSync(process.execPath, ["--import", register, join(repo, "bin/hangar.js"), ...args], {
      env: { ...process.env, RECORD_LOADS: record },
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    return readFileSync(record, "utf8")
      .trim()
      .split("\n")
      .map((url) => fileURLToPath(url));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A built file and every file it imports statically, transitively (what loading it costs at least). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, from = ""] of readFileSync(file, "utf8").matchAll(
    /^(?:import|export)\s[^;]*?from\s*"(\.[^"]+)";?$/gms,
  )) {
    staticClosure(resolve(dirname(file), from), seen);
  }
  return seen;
}

test.each([["--version"], ["--help"], ["render", "--help"], ["validate", "--help"]])(
  "hangar %s loads the CLI's entry and its static imports, nothing else",
  (...args) => {
    const expected = staticClosure(join(repo, "dist/cli.js"));
    expected.add(join(repo, "bin/hangar.js"));
    expect(new Set(loadedBy(args))).toEqual(expected);
  },
);

test("the CLI's entry stays small: command files import their work when they run", () => {
  const files = [...staticClosure(join(repo, "dist/cli.js"))];
  const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
  // about 26 KB today; the validator alone is over 140 KB, the library's index with its chunks over 60 KB
  expect(bytes).toBeLessThan(48 * 1024);
  expect(files.map((f) => readFileSync(f, "utf8")).join("\n")).not.toMatch(/from "(yaml|js-yaml|esbuild)"/);
});

test("hangar render of a module loads no YAML reader unless a var flag needs one", () => {
  const dir = mkdtempSync(join(tmpdir(), "hangar-render-loads-"));
  try {
    const out = join(dir, "definition.json");
    const entry = join(repo, "examples/docker-baseline/pipeline.ts");
    const yamlReaders = (files: string[]) =>
      files.filter((f) => f.includes(`${join("node_modules", "js-yaml")}`) || /read-yaml|template-vars/.test(f));
    const plain = loadedBy(["render", entry, "-o", out]);
    expect(plain.some((f) => f.includes(join("dist", "chunks")))).toBe(true);
    expect(yamlReaders(plain)).toEqual([]);
    // a -y value is YAML: then the reader is loaded
    expect(yamlReaders(loadedBy(["render", entry, "-o", out, "-y", "x=[1]"]))).not.toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
