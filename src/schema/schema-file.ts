import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonSchema } from "./generate.ts";

/**
 * Where the built schema is: `dist/schema.json` of the package this module belongs to (found by walking
 * up to the package's own package.json, so it works from src/ and from the bundles in dist/).
 * `undefined` when the package was never built.
 */
export function schemaFile(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isHangar(manifest)) {
      const file = join(dir, "dist", "schema.json");
      return existsSync(file) ? file : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function isHangar(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "hangar";
  } catch {
    return false;
  }
}

/** The built schema, parsed; `undefined` when the package was never built. */
export function loadSchema(): JsonSchema | undefined {
  const file = schemaFile();
  return file === undefined ? undefined : (JSON.parse(readFileSync(file, "utf8")) as JsonSchema);
}
