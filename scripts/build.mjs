// Builds the package: the library and the CLI bundled into dist/ by esbuild (ESM, shared chunks,
// commands loaded lazily), and the declarations (.d.ts with declaration maps to src/) into
// dist/types/ by tsc, from tsconfig.build.json.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: {
    index: "src/index.ts",
    cli: "src/cli/main.ts",
    script: "src/cli/script.ts",
    validate: "src/validate/index.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: false,
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});

// TypeScript's own compiler (the native one of TypeScript 7 emits declarations like the JavaScript one did).
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
} catch {
  console.error("build: tsc could not emit the declarations (see above)");
  process.exit(1);
}

// The JSON Schema of pipeline YAML, generated from the model (dist/schema.json).
await import("./build-schema.mjs");
