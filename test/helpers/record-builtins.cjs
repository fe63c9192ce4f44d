// Preloaded with `node --require` in tests: at exit, writes the names of Node's own modules the process loaded
// (`process.moduleLoadList`, such as `NativeModule net`), one per line, to $RECORD_BUILTINS.
const fs = require("node:fs");

process.on("exit", () => {
  const record = process.env.RECORD_BUILTINS;
  if (record) fs.writeFileSync(record, `${process.moduleLoadList.join("\n")}\n`);
});
