import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

// The layers of src/, lowest first: a folder may import its own layer and the ones below, never one above
// (model ← concourse/source ← walk/parse ← factories/fragment/render/validate ← readers ← cli).
const LAYERS: readonly (readonly string[])[] = [
  ["model"],
  ["concourse", "source"],
  ["walk", "parse"],
  ["factories", "fragment", "render", "validate"],
  ["import", "graph", "diff", "api", "schema", "lsp"],
  ["cli"],
];

const src = dirname(fileURLToPath(import.meta.url));
const layerOf = new Map(LAYERS.flatMap((folders, rank) => folders.map((f) => [f, rank] as const)));

/** The library's source files (tests are left out: a test may use any helper to set up its case). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The folder of src/ a file is in (`index.ts` for the package entry). */
const folderOf = (file: string): string => relative(src, file).split(sep)[0] as string;

const IMPORT = /^\s*(?:import|export)\b[^"']*?\bfrom\s*["'](\.[^"']+)["']/gm;

describe("layers of src/", () => {
  const files = sourceFiles(src);

  test("every folder of src/ has a layer", () => {
    const folders = new Set(files.map(folderOf).filter((f) => f !== "index.ts"));
    expect([...folders].filter((f) => !layerOf.has(f))).toEqual([]);
  });

  test("nothing imports a layer above its own", () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      const rank = layerOf.get(from);
      if (rank === undefined) continue; // the package entry (src/index.ts) may import anything
      for (const [, spec] of readFileSync(file, "utf8").matchAll(IMPORT)) {
        const to = folderOf(resolve(dirname(file), spec as string));
        const toRank = layerOf.get(to);
        if (toRank !== undefined && toRank > rank) upward.push(`${relative(src, file)} imports ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test("the check sees an upward import", () => {
    const text = 'import { validate } from "../validate/validate.ts";\nexport { x } from "./x.ts";\n';
    expect([...text.matchAll(IMPORT)].map((m) => m[1])).toEqual(["../validate/validate.ts", "./x.ts"]);
  });
});

// Module-level state: a `let` (or `var`) outside any function, or a Map or Set whose type lets it change, is state
// shared by every call, which breaks as soon as two pipelines are handled at once or one inside another. Lookup
// tables are fine when typed `ReadonlyMap` / `ReadonlySet`.
const MODULE_LET = /^(?:export\s+)?(?:let|var)\s+(\w+)/gm;
const MODULE_COLLECTION = /^(?:export\s+)?const\s+(\w+)\s*(?::\s*([^=]+?))?\s*=\s*new\s+(Map|Set|WeakMap|WeakSet)\b/gm;

/** The names of a source text's module-level mutable state. */
function moduleState(text: string): string[] {
  const found = [...text.matchAll(MODULE_LET)].map((m) => m[1] as string);
  for (const m of text.matchAll(MODULE_COLLECTION)) {
    const type = m[2]?.trim() ?? "";
    if (!/^Readonly(Map|Set)</.test(type)) found.push(m[1] as string);
  }
  return found;
}

describe("no module-level mutable state in src/", () => {
  test("no module-level let, var, or Map or Set that may change", () => {
    const state = sourceFiles(src).flatMap((file) =>
      moduleState(readFileSync(file, "utf8")).map((name) => `${relative(src, file)}: ${name}`),
    );
    expect(state).toEqual([]);
  });

  test("the check sees each kind of module-level state, and only at module level", () => {
    const text = [
      "let count = 0;",
      "export let mode = 1;",
      "const cache = new Map<string, number>();",
      "const seen: Set<string> = new Set();",
      "const table: ReadonlyMap<string, number> = new Map([['a', 1]]);",
      "const kinds: ReadonlySet<string> = new Set(['get']);",
      "function f() {",
      "  let local = 0;",
      "  const memo = new Map();",
      "}",
    ].join("\n");
    expect(moduleState(text)).toEqual(["count", "mode", "cache", "seen"]);
  });
});
