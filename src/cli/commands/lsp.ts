import { defineCommand, EXIT, reportError } from "../define-command.ts";

export default defineCommand({
  name: "lsp",
  summary: "Run the language server for pipeline YAML (LSP over stdio, for editors)",
  arguments: "",
  options: [
    { flags: "--stdio", description: "talk LSP on stdin and stdout (the default and only transport)", default: true },
    { flags: "--strict", description: "report warnings as errors, like fly --strict", default: false },
  ],
  async run({ values }, io) {
    if (io.streams === undefined) {
      reportError(io, "lsp", "needs standard input and output");
      return EXIT.failure;
    }
    const [{ startServer }, { loadSchema }, { readTemplateVars }] = await Promise.all([
      import("../../lsp/server.ts"),
      import("../../schema/schema-file.ts"),
      import("../template-vars.ts"),
    ]);
    const end = await startServer(io.streams.input, io.streams.output, {
      schema: loadSchema(),
      strict: values.strict === true,
      // the settings' vars, read as `hangar validate -l <file> -y <name=value>` reads them, files from the root
      readVars: ({ varsFiles, yamlVars }, root) =>
        readTemplateVars(
          { loadVarsFrom: [...varsFiles], yamlVar: [...yamlVars] },
          root === undefined ? io : { ...io, cwd: () => root },
        ),
    });
    if (end.ok) return EXIT.ok;
    reportError(io, "lsp", `${end.message}; the stream cannot be followed after it, so the server stops`);
    return EXIT.failure;
  },
});
