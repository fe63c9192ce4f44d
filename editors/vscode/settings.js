// How the extension talks to hangar, as plain functions of its settings (no `vscode` import: testable).

/** The globs the extension treats as pipelines when the user has not set `hangar.pipelineGlobs`. */
const DEFAULT_GLOBS = ["**/ci/**/*.yml", "**/pipeline*.yml"];

/**
 * The server to start: `hangar lsp` over stdio (the client adds `--stdio`).
 * @param {{ path?: string, strict?: boolean }} settings
 */
function serverOptions(settings) {
  const args = ["lsp", ...(settings.strict ? ["--strict"] : [])];
  return { command: settings.path || "hangar", args, transport: 0 /* TransportKind.stdio */ };
}

/**
 * The settings the server reads, under `hangar` (its initializationOptions; `workspace/didChangeConfiguration` sends
 * the whole `hangar` section in the same shape): the vars files (`-l`) and vars (`-y`) the pipelines are checked with.
 * @param {{ varsFiles?: string[], vars?: Record<string, unknown> }} settings
 */
function serverSettings(settings) {
  return { hangar: { varsFiles: settings.varsFiles || [], vars: settings.vars || {} } };
}

/**
 * The documents the server serves: YAML files matching the pipeline globs.
 * @param {readonly string[] | undefined} globs
 */
function documentSelector(globs) {
  return (globs && globs.length > 0 ? globs : DEFAULT_GLOBS).map((pattern) => ({ language: "yaml", pattern }));
}

/**
 * The `yaml.schemas` setting that associates the schema with the globs, or `undefined` when the globs are
 * the defaults (the manifest's `yamlValidation` covers those).
 * @param {Record<string, unknown> | undefined} current the present `yaml.schemas`
 * @param {string} schemaUri
 * @param {readonly string[] | undefined} globs
 */
function yamlSchemas(current, schemaUri, globs) {
  const wanted = globs && globs.length > 0 ? [...globs] : DEFAULT_GLOBS;
  const isDefault = wanted.length === DEFAULT_GLOBS.length && wanted.every((g, i) => g === DEFAULT_GLOBS[i]);
  if (isDefault) return undefined;
  return { ...(current || {}), [schemaUri]: wanted };
}

module.exports = { DEFAULT_GLOBS, serverOptions, serverSettings, documentSelector, yamlSchemas };
