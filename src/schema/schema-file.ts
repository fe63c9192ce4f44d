import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonSchema } from "./generate.ts";

/** The schemas the build writes: of a pipeline, and of a task config file. */
export type SchemaName = "schema.json" | "task-schema.json";

/**
 * Where a built schema is (`name`: `dist/schema.json`, the pipeline's, unless given) of the package this module
 * belongs to (see {@link hangarPackageRoot}). `undefined` when the package was never built.
 */
export function schemaFile(
  from: string = fileURLToPath(import.meta.url),
  name: SchemaName = "schema.json",
): string | undefined {
  const root = hangarPackageRoot(from);
  const file = root === undefined ? undefined : join(root, "dist", name);
  return file !== undefined && existsSync(file) ? file : undefined;
}

/**
 * The folder of the hangar package that the file `from` belongs to (this module's, unless given), found by walking up
 * to the package's own package.json, so that it works from src/ and from the bundles in dist/; `undefined` when there
 * is none above it.
 */
export function hangarPackageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isHangar(manifest)) return dir;
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

/** A built schema (the pipeline's unless `name` is given), parsed; `undefined` when the package was never built. */
export function loadSchema(name: SchemaName = "schema.json"): JsonSchema | undefined {
  const file = schemaFile(undefined, name);
  return file === undefined ? undefined : (JSON.parse(readFileSync(file, "utf8")) as JsonSchema);
}
