import { defineCommand, EXIT, usageError } from "../define-command.ts";
import type { LoadedConfig } from "../load-config.ts";
import { readContext, readTimeout, stdinTwice, timeoutOption } from "../options.ts";

export default defineCommand({
  name: "diff",
  summary: "Compare two pipeline configs object by object, like fly set-pipeline's diff, trimmed to the changes",
  arguments: "<old> <new>",
  argumentsHelp: "each a pipeline module (.ts, .js) or a YAML or JSON file; - reads one of them from standard input",
  options: [
    { flags: "-U, --context <lines>", description: "unchanged lines shown around each change", default: "3" },
    { flags: "--format <format>", description: "output format", default: "text", choices: ["text", "json"] },
    { flags: "--show-secrets", description: "show the values of secrets instead of <redacted>", default: false },
    { flags: "--debug", description: "show stack traces of errors in pipeline modules", default: false },
    timeoutOption,
  ],
  async run({ positionals: [oldFile, newFile], values }, io) {
    const usage = (message: string) => usageError(io, "diff", message);
    const context = readContext(values.context);
    if (typeof context !== "number") return usage(context.usageError);
    const timeoutMs = readTimeout(values.timeout);
    if (typeof timeoutMs !== "number") return usage(timeoutMs.usageError);
    if (oldFile === undefined || newFile === undefined) return usage("two pipelines are compared: give <old> <new>");
    const twice = stdinTwice([oldFile, newFile]);
    if (twice !== undefined) return usage(twice);
    const [{ loadConfig }, { reportLoadFailure, warningsTo }] = await Promise.all([
      import("../load-config.ts"),
      import("../report.ts"),
    ]);
    let before: LoadedConfig;
    let after: LoadedConfig;
    // a warning of a tsconfig both modules compile with, once
    const warn = warningsTo(io);
    try {
      before = await loadConfig(oldFile, io, { timeoutMs, warn });
      after = await loadConfig(newFile, io, { timeoutMs, warn });
    } catch (error) {
      return reportLoadFailure(error, io, { command: "diff", debug: values.debug === true });
    }
    const [{ diffPipelines }, { changesToJson, formatChanges }, { printableJson }] = await Promise.all([
      import("../../diff/diff.ts"),
      import("../../diff/format.ts"),
      import("../../source/printable.ts"),
    ]);
    const changes = diffPipelines(before.config, after.config);
    const options = { context, showSecrets: values.showSecrets === true };
    if (values.format === "json") {
      // the same JSON, with the controls a terminal acts on that JSON.stringify leaves raw (C1, bidi) as escapes
      io.stdout(`${printableJson(JSON.stringify(changesToJson(changes, options), null, 2))}\n`);
    } else {
      const color = io.isTTY.stdout && (io.env.NO_COLOR ?? "") === "";
      io.stdout(formatChanges(changes, { ...options, color }));
    }
    return changes.length === 0 ? EXIT.ok : EXIT.findings;
  },
});
