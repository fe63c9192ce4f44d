// Preloaded with `node --require` in tests: at exit, appends the URL of every CommonJS module loaded
// (require.cache), and of every .cjs or .script.js file read as text (how bin/hangar.js loads hangar's bundles on
// Node 20, and hangar a compiled pipeline module's script form, through V8's code cache), to $RECORD_LOADS, one per
// line, beside what record-loads.mjs writes of ES modules.
const fs = require("node:fs");
const { pathToFileURL } = require("node:url");

const read = new Set();
const readFileSync = fs.readFileSync;
fs.readFileSync = function recordingReadFileSync(path, ...rest) {
  if (typeof path === "string" && (path.endsWith(".cjs") || path.endsWith(".script.js"))) read.add(path);
  return readFileSync.call(this, path, ...rest);
};

process.on("exit", () => {
  const record = process.env.RECORD_LOADS;
  if (!record) return;
  const files = new Set([...Object.keys(require.cache).filter((file) => file !== __filename), ...read]);
  fs.appendFileSync(record, [...files].map((file) => `${pathToFileURL(file).href}\n`).join(""));
});
