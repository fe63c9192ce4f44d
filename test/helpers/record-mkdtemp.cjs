// Preloaded with `node --require` in tests (through NODE_OPTIONS, so vitest's workers load it too): appends the path of
// every folder the process makes with fs.mkdtempSync to $RECORD_MKDTEMP, one per line, as it makes it.
const fs = require("node:fs");
const { syncBuiltinESMExports } = require("node:module");

const record = process.env.RECORD_MKDTEMP;
if (record) {
  const mkdtempSync = fs.mkdtempSync;
  fs.mkdtempSync = (...args) => {
    const made = mkdtempSync(...args);
    fs.appendFileSync(record, `${made}\n`);
    return made;
  };
  // `import { mkdtempSync } from "node:fs"` sees the wrapper too
  syncBuiltinESMExports();
}
