import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

// The declarations that `npm run build` (run by `pretest` and `prepare`) writes to dist/types.
const root = resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  types: string;
  exports: Record<string, string | { types?: string; default?: string }>;
};
// code entries only: ./package.json and ./schema.json are data
const entries = Object.entries(manifest.exports).filter(([name]) => !name.endsWith(".json"));

/** Every declaration file reachable from `file` through relative imports, `file` first. */
function declarationGraph(file: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from |import\()"(\.{1,2}\/[^"]+)"/g)) {
      visit(resolve(dirname(path), (specifier ?? "").replace(/\.ts$/, ".d.ts")));
    }
  };
  visit(file);
  return [...seen];
}

// What would need @types/node in a user's project.
const NODE_TYPES = /\bNodeJS\.|["']node:|reference types=["']node["']|\bBuffer\b/;

describe("package declarations", () => {
  test.each(entries)("%s has types and a build beside them", (_name, target) => {
    expect(typeof target).toBe("object");
    const { types, default: code } = target as { types?: string; default?: string };
    expect(types).toMatch(/^\.\/dist\/types\/.*\.d\.ts$/);
    expect(existsSync(join(root, types ?? ""))).toBe(true);
    expect(existsSync(join(root, code ?? ""))).toBe(true);
  });

  test("the package's types field is the main entry's", () => {
    expect(manifest.types).toBe((manifest.exports["."] as { types: string }).types);
  });

  // hangar/script may use Node's types; the model, the factories and the validator must not
  test.each([".", "./validate"])("%s needs no @types/node", (name) => {
    const files = declarationGraph(join(root, (manifest.exports[name] as { types: string }).types));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => NODE_TYPES.test(readFileSync(file, "utf8")))).toEqual([]);
  });

  test("every declaration maps back to a source file", () => {
    const files = entries.flatMap(([, target]) => declarationGraph(join(root, (target as { types: string }).types)));
    const missing = files.filter((file) => {
      const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
      return !map.sources.every((source) => existsSync(resolve(dirname(file), source)));
    });
    expect(missing).toEqual([]);
  });

  test.each([
    ["export declare function f(p: NodeJS.Process): void;", true],
    ['import type { Readable } from "node:stream";', true],
    ['/// <reference types="node" />', true],
    ["export declare const b: Buffer;", true],
    ['import type { Pipeline } from "./model/pipeline.ts";', false],
  ])("the @types/node check reads %j as %s", (text, needsNode) => {
    expect(NODE_TYPES.test(text)).toBe(needsNode);
  });
});
