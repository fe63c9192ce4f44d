import { resolve } from "node:path";
import type { ReadAs } from "../../parse/document-kind.ts";
import type { OutputFormat } from "../../validate/format.ts";
import type { FileValidation } from "../../validate/validate-value.ts";
import { defineCommand, EXIT, type ExitCode, reportError, usageError } from "../define-command.ts";
import { readTimeout, stdinTwice, timeoutOption, VAR_OPTIONS } from "../options.ts";

export default defineCommand({
  name: "validate",
  summary:
    "Check pipelines like `fly validate-pipeline` (and task config files as Concourse reads them), plus hangar's data-flow rules",
  arguments: "<files...>",
  argumentsHelp:
    "pipeline files (YAML or JSON) and modules (.ts, .js), folders (their *.yml, *.yaml and *.json files, subfolders too), quoted globs ('ci/**/*.yml'), or - for standard input; a YAML or JSON file whose top level has run or platform and no pipeline key (jobs, resources, ...) is read as a task config file, what fly execute -c runs and a task step's file: names",
  options: [
    {
      flags: "--strict",
      description: "treat warnings (and unknown keys) as errors, like fly --strict",
      default: false,
    },
    { flags: "--format <format>", description: "output format", default: "text", choices: ["text", "json", "fly"] },
    {
      flags: "--as <kind>",
      description:
        "what to read each YAML or JSON file as: auto (a task config file when it plainly is one, else a pipeline), pipeline or task",
      default: "auto",
      choices: ["auto", "pipeline", "task"],
    },
    { flags: "--debug", description: "show stack traces of errors in pipeline modules", default: false },
    timeoutOption,
    ...VAR_OPTIONS,
  ],
  async run({ positionals, values }, io) {
    const usage = (message: string) => usageError(io, "validate", message);
    if (positionals.length === 0) return usage("no pipeline given");
    const twice = stdinTwice(positionals);
    if (twice !== undefined) return usage(twice);
    const timeoutMs = readTimeout(values.timeout);
    if (typeof timeoutMs !== "number") return usage(timeoutMs.usageError);
    // The validator is loaded on use, so that other commands start fast.
    const [
      { pipelineToConcourseData },
      { formatResults, unlistedByFly },
      { hasErrors, validateData },
      { isModuleFile, loadModule },
      { errorsOnce, notPlainData, reportLoadFailure, warningsTo },
      { commonJsNote },
      { plural },
      { withUnknownReferences },
      { expandInputs, unreadable, STDIN_NAME },
    ] = await Promise.all([
      import("../../render/to-concourse.ts"),
      import("../../validate/format.ts"),
      import("../../validate/validate-value.ts"),
      import("../load-pipeline.ts"),
      import("../report.ts"),
      import("../module-type.ts"),
      import("../plural.ts"),
      import("../unknown-references.ts"),
      import("../validate-inputs.ts"),
    ]);
    const { readTemplateVars } = await import("../template-vars.ts");
    const vars = await readTemplateVars(values, io);
    if (vars !== undefined && "error" in vars) return usage(vars.error);
    const strict = values.strict === true;
    const options = { strict, ...(vars !== undefined && { vars }) };
    const format = (typeof values.format === "string" ? values.format : "text") as OutputFormat;
    const as = (typeof values.as === "string" ? values.as : "auto") as ReadAs;
    const results: FileValidation[] = [];
    // a warning of a tsconfig the modules share, once
    const warn = warningsTo(io);
    let failure: ExitCode | undefined;
    const { files, found, empty, unmatched } = expandInputs(positionals, io.cwd());
    if (unmatched.length > 0) return usage(`no file matches ${unmatched.map((p) => `'${p}'`).join(", ")}`);
    const module = as === "task" ? files.find(isModuleFile) : undefined;
    if (module !== undefined)
      return usage(`--as task reads YAML or JSON files, and ${module} is a module (a pipeline)`);
    for (const dir of empty) results.push(unreadable(dir, "no *.yml, *.yaml or *.json file in this folder"));
    let read = 0;
    // files a folder's walk found that are plainly another tool's (package.json, tsconfig.json, a vars file)
    const passedBy: string[] = [];
    // an error in a file the modules share is the same message for each: told once, the modules listed after
    const loadIo = errorsOnce(io, "validate");
    const notLoaded: string[] = [];
    for (const file of files) {
      const path = resolve(io.cwd(), file);
      if (isModuleFile(file)) {
        try {
          const definition = await loadModule(file, io.cwd(), { timeoutMs, warn });
          const advice = commonJsNote(file, io.cwd());
          if (advice !== undefined) io.stderr(`note: ${advice}\n`);
          let data: unknown;
          try {
            data = pipelineToConcourseData(definition.pipeline);
          } catch (error) {
            throw notPlainData(definition.pipeline, file, error);
          }
          results.push(withUnknownReferences(validateData(data, { file, ...options }), definition.unknownReferences));
          read++;
        } catch (error) {
          failure = reportLoadFailure(error, loadIo, { command: "validate", debug: values.debug === true });
          notLoaded.push(file);
        }
        continue;
      }
      // bytes, so that text that is not UTF-8 is go-yaml's error at its place, as fly reports it
      let text: Uint8Array;
      const shown = file === "-" ? STDIN_NAME : file;
      try {
        text = file === "-" ? await io.readStdinBytes() : await io.readBytes(path);
      } catch (error) {
        // an entry of its own (counted, and in the JSON document), and the other files still get theirs
        results.push(unreadable(shown, error));
        continue;
      }
      // loaded here, so that commands that never read pipeline text do not load the YAML parser
      const { validateText } = await import("../../validate/validate-text.ts");
      const result = validateText(text, { file: shown, ...options, as });
      if (result.neither === true && found.has(file)) {
        passedBy.push(file);
        continue;
      }
      read++;
      results.push(result);
      // a file auto read as a pipeline that has keys of a task config too: how it was read, and how else it can be
      if (result.taskKeys !== undefined) io.stderr(readAsPipelineNote(shown, result.taskKeys));
    }
    if (passedBy.length > 0) io.stderr(passedByNote(passedBy, plural));
    // a message told once for several modules names none of them: they are listed
    if (loadIo.repeated() > 0) {
      reportError(io, "validate", `${plural(notLoaded.length, "module")} did not load: ${notLoaded.join(", ")}`);
    }
    const color = format === "text" && io.isTTY.stdout && (io.env.NO_COLOR ?? "") === "";
    io.stdout(formatResults(results, format, { color }));
    // the summary counts the files validated: none when every file failed to load (each said so on its own line)
    if (format === "text" && results.length > 0) io.stderr(summary(results, plural));
    if (format === "fly") {
      for (const result of results) {
        const unlisted = unlistedByFly(result);
        if (unlisted === 0) continue;
        const errors = `${plural(unlisted, "error")} of hangar's own, which fly does not report, ${unlisted === 1 ? "is" : "are"}`;
        io.stderr(
          `note: ${result.file}: ${errors} not listed (run without --format fly to see ${unlisted === 1 ? "it" : "them"})\n`,
        );
      }
    }
    if (failure !== undefined) return failure;
    // exit 2 only when nothing could be read; otherwise unreadable files are errors among the findings
    if (read === 0) return EXIT.failure;
    return hasErrors(results) ? EXIT.findings : EXIT.ok;
  },
});

function passedByNote(files: readonly string[], plural: (count: number, noun: string) => string): string {
  const shown = files.length <= 5 ? files.join(", ") : `${files.slice(0, 5).join(", ")} and ${files.length - 5} more`;
  return `note: passed by ${plural(files.length, "file")} found in a folder that ${files.length === 1 ? "is" : "are"} neither a pipeline nor a task config (no key of either at the top level): ${shown}; name a file to validate it anyway\n`;
}

function readAsPipelineNote(file: string, taskKeys: readonly string[]): string {
  const keys = taskKeys.join(", ");
  return `note: ${file} was read as a pipeline, though its top level has keys of a task config (${keys}); --as task reads it as a task config file\n`;
}

/** `2 errors, 1 warning in 3 files` (on stderr, so stdout holds only the findings). */
function summary(results: readonly FileValidation[], plural: (count: number, noun: string) => string): string {
  let errors = 0;
  let warnings = 0;
  for (const r of results) for (const d of r.diagnostics) d.severity === "error" ? errors++ : warnings++;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(results.length, "file")}\n`;
}
