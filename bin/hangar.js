#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts a CommonJS entry about 9 ms sooner than an ES module one (paired runs
// beside `node -e 0`: an empty .cjs +0 ms, an empty .mjs +9 ms). The CLI is CommonJS bundles: dist/cli.cjs, the
// front (arguments, help), dist/cli-run-<command>.cjs, what a command imports when it runs (dist/cli-run.cjs, what
// they all import), and dist/cli-validator.cjs, the validator a render runs on what it writes (scripts/build.mjs).
"use strict";
const Module = require("node:module");
const { join } = require("node:path");

const dist = join(__dirname, "..", "dist");
if (Module.enableCompileCache) {
  // Node 22+ keeps V8's compiled code of the modules loaded after this call (hangar's CLI and the pipeline modules
  // it imports) in a cache on disk.
  Module.enableCompileCache();
  require(join(dist, "cli.cjs"));
} else {
  // Node 20 has no such cache: hangar keeps the compiled code of its own bundles (see src/cli/code-cache.ts).
  const { codeCacheKey, runBundle, runBundleFile } = require("../dist/code-cache.cjs");
  const key = codeCacheKey(process.argv.slice(2));
  let validator; // cli-validator.cjs's exports, once a render validates what it writes
  const hangarValidatorModule = (path) => {
    validator ??= runBundle(join(dist, "cli-validator.cjs"), { key });
    return validator.exports.modules[path]();
  };
  let run; // the exports of the command's run bundle (cli-run-<command>.cjs), once it asks for one of its modules
  const hangarRunModule = (path) => {
    const inject = { hangarImportModule: (url) => import(url), hangarValidatorModule };
    run ??= runBundle(runBundleFile(dist, key), { key, inject });
    return run.exports.modules[path]();
  };
  runBundle(join(dist, "cli.cjs"), { key, inject: { hangarRunModule } });
}
