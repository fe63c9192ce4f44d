#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts a CommonJS entry about 9 ms sooner than an ES module one (paired runs
// beside `node -e 0`: an empty .cjs +0 ms, an empty .mjs +9 ms). The CLI is one CommonJS bundle, dist/cli.cjs.
"use strict";
const Module = require("node:module");
const { join } = require("node:path");

const cli = join(__dirname, "..", "dist", "cli.cjs");
if (Module.enableCompileCache) {
  // Node 22+ keeps V8's compiled code of the modules loaded after this call (hangar's CLI and the pipeline modules
  // it imports) in a cache on disk.
  Module.enableCompileCache();
  require(cli);
} else {
  // Node 20 has no such cache: hangar keeps the compiled code of its own CLI (see src/cli/code-cache.ts).
  const { codeCacheKey, runBundle } = require("../dist/code-cache.cjs");
  runBundle(cli, { key: codeCacheKey(process.argv.slice(2)), importModule: (url) => import(url) });
}
