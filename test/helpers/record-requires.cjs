// Preloaded with `node --require` in tests: at exit, appends the URL of every CommonJS module loaded
// (require.cache) to $RECORD_LOADS, one per line, beside what record-loads.mjs writes of ES modules.
const { appendFileSync } = require("node:fs");
const { pathToFileURL } = require("node:url");

process.on("exit", () => {
  const record = process.env.RECORD_LOADS;
  if (!record) return;
  const files = Object.keys(require.cache).filter((file) => file !== __filename);
  appendFileSync(record, files.map((file) => `${pathToFileURL(file).href}\n`).join(""));
});
