// Bundles parts of hangar from src/ for a bench section, with the library build's esbuild settings.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * Bundles `exports` (lines such as `export { parsePipeline } from "./src/parse/parse-pipeline.ts";`) into
 * `node_modules/.cache/hangar-bench/<name>.mjs` of `repo` and returns the bundle's path.
 */
export async function bundleFromSource(repo, name, exports) {
  const out = join(repo, `node_modules/.cache/hangar-bench/${name}.mjs`);
  mkdirSync(dirname(out), { recursive: true });
  await build({
    stdin: { contents: exports.join("\n"), resolveDir: repo, loader: "ts", sourcefile: `bench-${name}.ts` },
    outfile: out,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  return out;
}

/** {@link bundleFromSource}, then imports the bundle. */
export async function importFromSource(repo, name, exports) {
  return import(pathToFileURL(await bundleFromSource(repo, name, exports)).href);
}
