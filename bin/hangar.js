#!/usr/bin/env node
// Node 22+ keeps V8's compiled code of the modules loaded after this call (hangar's dist/ and the
// pipeline modules it imports) in a cache on disk; older Node has no such function and skips it.
import module from "node:module";

module.enableCompileCache?.();
await import("../dist/cli.js");
