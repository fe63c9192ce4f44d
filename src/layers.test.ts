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
