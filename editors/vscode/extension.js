// The VS Code client of `hangar lsp`: starts the server for pipeline YAML files and, when the pipeline
// globs are customised, associates hangar's schema with them in the YAML extension.

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { documentSelector, serverOptions, serverSettings, yamlSchemas } = require("./settings.js");

/** @param {import("vscode").ExtensionContext} context */
async function activate(context) {
  const config = vscode.workspace.getConfiguration("hangar");
  const globs = config.get("pipelineGlobs");
  const varsFiles = config.get("varsFiles") || [];
  const folder = (vscode.workspace.workspaceFolders || [])[0];
  const client = new LanguageClient(
    "hangar",
    "hangar",
    serverOptions({ path: config.get("path"), strict: config.get("strict") }),
    {
      documentSelector: documentSelector(globs),
      initializationOptions: serverSettings({ varsFiles, vars: config.get("vars") }),
      // the server reads the `hangar` section again when it changes, and its vars files when they do
      synchronize: {
        configurationSection: "hangar",
        fileEvents: folder
          ? varsFiles.map((f) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, f)))
          : [],
      },
    },
  );
  context.subscriptions.push({ dispose: () => client.stop() });
  if (config.get("registerSchema")) {
    const schemaUri = vscode.Uri.joinPath(context.extensionUri, "schema.json").toString();
    const yaml = vscode.workspace.getConfiguration("yaml");
    const schemas = yamlSchemas(yaml.get("schemas"), schemaUri, globs);
    if (schemas !== undefined) await yaml.update("schemas", schemas, vscode.ConfigurationTarget.Workspace);
  }
  await client.start();
}

function deactivate() {}

module.exports = { activate, deactivate };
