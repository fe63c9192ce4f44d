// Builds the package: the library bundled into dist/ by esbuild (ESM, shared chunks), the CLI into one
// CommonJS file (dist/cli.cjs, commands loaded lazily) with its Node 20 loader (dist/code-cache.cjs), and
// the declarations (.d.ts with declaration maps to src/) into dist/types/ by tsc, from tsconfig.build.json.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: {
    index: "src/index.ts",
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

// The CLI: one CommonJS file. A command's lazy imports become functions in it that run a module's body when the
// command first needs it, and packages are `require`d only then. CommonJS rather than ES modules because:
// - one file instead of an entry and some 40 chunks: Node's ES module loader resolves, reads and links each one
//   (about 20 ms of a cached `hangar render`), and starts about 9 ms later for an ES module entry;
// - on Node 20, bin/hangar.js runs it through V8's code cache (src/cli/code-cache.ts), which only a script can use.
// Figures: README, performance.
const CLI_BANNER = [
  '"use strict";',
  'var __hangarModuleUrl = require("node:url").pathToFileURL(__filename).href;',
  // the pipeline module's import (src/cli/import-module.ts): the importer bin/hangar.js gives the bundle on
  // Node 20 (the vm.Script it runs in cannot import), Node's own import() when the bundle is `require`d
  'var importModuleFromBin = typeof hangarImportModule === "function" ? hangarImportModule : (url) => import(url);',
].join("\n");
await build({
  entryPoints: { cli: "src/cli/main.ts", "code-cache": "src/cli/code-cache.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  packages: "external",
  // every other import() is of a builtin or of a package with a CommonJS entry (esbuild): `require` serves it
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__hangarModuleUrl" },
  banner: { js: CLI_BANNER },
  sourcemap: false,
  logLevel: "warning",
  plugins: [
    {
      name: "import-module-from-bin",
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]import-module\.ts$/ }, () => ({
          contents: "export const importModule = (url) => importModuleFromBin(url);",
          loader: "js",
        }));
      },
    },
  ],
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
