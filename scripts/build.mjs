// Builds the package: the library bundled into dist/ by esbuild (ESM, shared chunks), the CLI into two
// CommonJS files (dist/cli.cjs and dist/cli-run.cjs, see below) with their Node 20 loader (dist/code-cache.cjs),
// and the declarations (.d.ts with declaration maps to src/) into dist/types/ by tsc, from tsconfig.build.json.
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
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

// The CLI: two CommonJS files. dist/cli.cjs, the front, holds what `--version`, `--help` and argument parsing need:
// the entry and the command files (about 50 KB). dist/cli-run.cjs holds what the commands import when they run:
// each `import("./x.ts")` of the front becomes `hangarRunModule("src/.../x.ts")`, which loads cli-run.cjs once and
// runs that module's body (and its imports' bodies) when first asked; packages are `require`d only then.
// CommonJS rather than ES modules because:
// - two files instead of an entry and some 40 chunks: Node's ES module loader resolves, reads and links each one
//   (about 20 ms of a cached `hangar render`), and starts about 9 ms later for an ES module entry;
// - on Node 20, bin/hangar.js runs them through V8's code cache (src/cli/code-cache.ts), which only a script can use.
// The front apart saves `--version` and `--help` reading and loading the other 520 KB (2 to 8 ms of CPU in paired runs).
// Figures: README, performance.
const cliOptions = {
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
  sourcemap: false,
  logLevel: "warning",
};
const banner = (...lines) => ({
  js: ['"use strict";', 'var __hangarModuleUrl = require("node:url").pathToFileURL(__filename).href;', ...lines].join(
    "\n",
  ),
});
/**
 * The modules the front imports lazily, by path from the package's root (what cli-run.cjs serves), each with who
 * imports it: a command (`render`, from src/cli/commands/render.ts) or `*`, another file of the front.
 */
const runModules = new Map();
/** The commands, by their files (src/cli/commands/render.ts): each gets a run bundle of its own. */
const COMMANDS = readdirSync("src/cli/commands")
  .map((file) => /^([a-z]+)\.ts$/.exec(file)?.[1])
  .filter((name) => name !== undefined && name !== "index");
/** The command of a command file (`render` for src/cli/commands/render.ts), or `*` for any other file. */
const importerGroup = (importer) => {
  const name = /[\\/]src[\\/]cli[\\/]commands[\\/]([a-z]+)\.ts$/.exec(importer)?.[1];
  return name !== undefined && COMMANDS.includes(name) ? name : "*";
};
await build({
  ...cliOptions,
  entryPoints: { cli: "src/cli/main.ts" },
  // the loader of cli-run.cjs that bin/hangar.js gives the front on Node 20 (it runs the file through the code
  // cache), else Node's require
  // which run bundle where Node loads them (22+): the command's (see runBundleFile in src/cli/code-cache.ts), told
  // from a list rather than by looking for the file, which loads one more of Node's modules (internal/fs/dir) there
  banner: banner(
    `var hangarRunFile = () => ${JSON.stringify(COMMANDS)}.includes(process.argv[2]) ? "./cli-run-" + process.argv[2] + ".cjs" : "./cli-run.cjs";`,
    'var runModuleFromBin = typeof hangarRunModule === "function" ? hangarRunModule : (path) => require(hangarRunFile()).modules[path]();',
  ),
  plugins: [
    {
      name: "lazy-imports-from-cli-run",
      setup(b) {
        b.onResolve({ filter: /^\./ }, (args) => {
          if (args.kind !== "dynamic-import") return undefined;
          const path = relative(process.cwd(), join(args.resolveDir, args.path)).split(sep).join("/");
          if (!runModules.has(path)) runModules.set(path, new Set());
          runModules.get(path).add(importerGroup(args.importer));
          return { path, namespace: "cli-run" };
        });
        b.onLoad({ filter: /.*/, namespace: "cli-run" }, (args) => ({
          contents: `module.exports = runModuleFromBin(${JSON.stringify(args.path)});`,
          loader: "js",
        }));
      },
    },
  ],
});
// bin/hangar.js's loader of the three on Node 20
await build({ ...cliOptions, entryPoints: { "code-cache": "src/cli/code-cache.ts" }, banner: banner() });
/** The bundle of a lazily loaded module list: `modules[path]()` runs a module's body and returns its exports. */
const moduleList = (paths, sourcefile) => ({
  contents: `export const modules = {\n${[...paths]
    .sort()
    .map((path) => `  ${JSON.stringify(path)}: () => require(${JSON.stringify(`./${path}`)}),\n`)
    .join("")}};\n`,
  resolveDir: process.cwd(),
  sourcefile,
});
// js-yaml's CommonJS entry is some 20 files for Node's loader to resolve, read and compile on every run that reads
// YAML; its ES module build, as one CommonJS file (dist/js-yaml.cjs below), is one (paired runs of `hangar validate`
// of a small file: about 9 ms of CPU less). A file of its own, required only when YAML is read.
const jsYamlOneFile = {
  name: "js-yaml-one-file",
  setup(b) {
    b.onResolve({ filter: /^js-yaml$/ }, () => ({ path: "./js-yaml.cjs", external: true }));
  },
};
// The validator that `hangar render` runs on what it writes is a third file, dist/cli-validator.cjs, with its own
// code cache: a render whose diagnostics are kept (src/cli/validation-cache.ts) neither reads nor deserializes the
// validator's code. Kept in cli-run.cjs, V8's code of the render command was 377 KB, most of it the validator's, and
// deserializing it cost about 3 ms of CPU more than the 207 KB without it (10 profiled renders each, paired).
const VALIDATOR = "src/validate/validate-value.ts";
await build({
  ...cliOptions,
  stdin: moduleList([VALIDATOR], "cli-validator.js"),
  outfile: "dist/cli-validator.cjs",
  outdir: undefined,
  outExtension: undefined,
  banner: banner(),
  plugins: [jsYamlOneFile],
});
/**
 * A bundle of the modules the front imports lazily: dist/cli-run-<command>.cjs, those one command imports and those the
 * rest of the front does, and dist/cli-run.cjs, only the latter. A process loads one: its command's (a file that holds
 * only what the command runs), or cli-run.cjs when its first argument is no command (then only the front's own run:
 * help, an unknown command's suggestion; a command's modules run only under its own name). Speed: V8's code of a
 * bundle's top level grows with the whole bundle, not with what runs (222 KB for a bundle of every command's modules
 * before a line of it ran), and a cached render deserialized it all, about 9 ms of its CPU in a profile (README,
 * performance).
 */
const runBundle = (paths, outfile) =>
  build({
    ...cliOptions,
    stdin: moduleList(paths, outfile.replace(/^dist\//, "").replace(/\.cjs$/, ".js")),
    outfile,
    outdir: undefined,
    outExtension: undefined,
    // the pipeline module's import (src/cli/import-module.ts): the importer bin/hangar.js gives the bundle on
    // Node 20 (the vm.Script it runs in cannot import), Node's own import() when the bundle is `require`d; the
    // validator's loader likewise (through the code cache on Node 20, else `require`)
    banner: banner(
      'var importModuleFromBin = typeof hangarImportModule === "function" ? hangarImportModule : (url) => import(url);',
      'var validatorModuleFromBin = typeof hangarValidatorModule === "function" ? hangarValidatorModule : (path) => require("./cli-validator.cjs").modules[path]();',
    ),
    plugins: [
      jsYamlOneFile,
      {
        name: "import-module-from-bin",
        setup(b) {
          b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]import-module\.ts$/ }, () => ({
            contents: "export const importModule = (url) => importModuleFromBin(url);",
            loader: "js",
          }));
        },
      },
      {
        // the validator imported lazily (by validate-rendered.ts) comes from cli-validator.cjs; the validate command
        // and the language server keep cli-run.cjs's own copy
        name: "validator-apart",
        setup(b) {
          b.onResolve({ filter: /validate-value\.ts$/ }, (args) => {
            if (args.kind !== "dynamic-import") return undefined;
            const path = relative(process.cwd(), join(args.resolveDir, args.path)).split(sep).join("/");
            if (path !== VALIDATOR) return undefined;
            return { path, namespace: "cli-validator" };
          });
          b.onLoad({ filter: /.*/, namespace: "cli-validator" }, (args) => ({
            contents: `module.exports = validatorModuleFromBin(${JSON.stringify(args.path)});`,
            loader: "js",
          }));
        },
      },
    ],
  });
await runBundle(
  [...runModules].filter(([, groups]) => groups.has("*")).map(([path]) => path),
  "dist/cli-run.cjs",
);
for (const command of COMMANDS) {
  const paths = [...runModules].filter(([, groups]) => groups.has(command) || groups.has("*")).map(([path]) => path);
  await runBundle(paths, `dist/cli-run-${command}.cjs`);
}

await build({
  ...cliOptions,
  entryPoints: {
    "js-yaml": join(dirname(createRequire(import.meta.url).resolve("js-yaml/package.json")), "dist/js-yaml.mjs"),
  },
  banner: banner(),
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
