import { dirname, extname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Pipeline } from "../../model/pipeline.ts";
import type { TemplateVars } from "../../parse/vars.ts";
import type { Diagnostic } from "../../source/diagnostic.ts";
import { defineCommand, describeWrite, EXIT, type ExitCode, reportError, usageError } from "../define-command.ts";
import type { Io, WriteOutcome } from "../io.ts";
import { outFile, readTimeout, timeoutOption, VAR_OPTIONS } from "../options.ts";

const FORMATS = ["svg", "html", "dot"] as const;
type GraphFormat = (typeof FORMATS)[number];

/** The format an output file's extension asks for: svg without one, undefined for one graph cannot write. */
function formatOfFile(file: string): GraphFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === "" || ext === ".svg") return "svg";
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".dot" || ext === ".gv") return "dot";
  return undefined;
}

/**
 * The pipeline of a YAML or JSON file (standard input for `-`), or `undefined` after reporting why it cannot be
 * drawn. The file is read as bytes, as validate reads it (a UTF-16 byte order mark selects UTF-16, as in fly). A
 * `((var))` with no value in a typed field (`trigger: ((auto))`) does not stop the drawing: the field is left out,
 * with a note.
 */
async function readPipelineFile(
  entry: string,
  shown: string,
  vars: TemplateVars | undefined,
  io: Io,
): Promise<Pipeline | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = entry === "-" ? await io.readStdinBytes() : await io.readBytes(resolve(io.cwd(), entry));
  } catch (error) {
    const { fileProblem } = await import("../file-problem.ts");
    reportError(io, "graph", `cannot read ${shown}: ${fileProblem(error, "read")}`);
    return undefined;
  }
  const [{ parsePipeline }, { NOT_A_PIPELINE, notAPipeline }] = await Promise.all([
    import("../../parse/parse-pipeline.ts"),
    import("../not-a-pipeline.ts"),
  ]);
  // read as validate reads it, so that a task config file or another tool's file is said to be one, not drawn empty
  const parsed = parsePipeline(bytes, { file: shown, as: "auto", ...(vars !== undefined && { vars }) });
  const kind = notAPipeline(parsed);
  if (kind !== undefined) {
    const check = kind === "task" ? ` (\`hangar validate ${entry}\` checks it)` : "";
    reportError(io, "graph", `${shown} is ${NOT_A_PIPELINE[kind]}: there is nothing to draw${check}`);
    return undefined;
  }
  if (parsed.pipeline !== undefined && parsed.wellFormed) return parsed.pipeline;
  const at = (d: Diagnostic) => (d.loc === undefined ? shown : `${d.loc.file ?? shown}:${d.loc.line}:${d.loc.col}`);
  const [{ withoutUnresolvedVars }, { cutLongTokens, shownPath }, { printable }] = await Promise.all([
    import("../../graph/unresolved-vars.ts"),
    import("../../source/diagnostic.ts"),
    import("../../source/printable.ts"),
  ]);
  // as validate shows findings: long user tokens (a key, a var's name) cut, so a megabyte in the file is not printed,
  // and control characters as escapes
  const shownMessage = (d: Diagnostic) => printable(cutLongTokens(d.message));
  const drawable = withoutUnresolvedVars(parsed.pipeline, parsed.diagnostics);
  if (drawable !== undefined) {
    for (const d of drawable.left) {
      io.stderr(
        `${printable(at(d))}: note: ${printable(shownPath(d.path))} is drawn as if not set: ${shownMessage(d)}\n`,
      );
    }
    return drawable.pipeline;
  }
  for (const d of parsed.diagnostics.filter((d) => d.severity === "error")) {
    io.stderr(`${printable(at(d))}: ${shownMessage(d)}\n`);
  }
  reportError(io, "graph", `${shown} is not a pipeline that can be drawn (run \`hangar validate ${entry}\`)`);
  return undefined;
}

export default defineCommand({
  name: "graph",
  summary: "Draw a pipeline as Concourse's UI does (SVG, HTML page or dot), each fragment outlined",
  arguments: "<entry>",
  argumentsHelp: "a pipeline module (.ts, .js) or a YAML or JSON file, or - for standard input",
  options: [
    {
      flags: "-o, --out <path>",
      description:
        "file to write (default, or -: stdout); .svg, .html or .dot sets the format, another extension needs --format",
    },
    {
      flags: "--format <format>",
      description: "output format; without it, the extension of --out decides, else svg",
      choices: FORMATS,
    },
    { flags: "--group <name>", description: "draw only the jobs of this group" },
    timeoutOption,
    ...VAR_OPTIONS,
    { flags: "--debug", description: "show stack traces of errors in the pipeline module", default: false },
  ],
  async run({ positionals: [entry], values }, io): Promise<ExitCode> {
    const usage = (message: string) => usageError(io, "graph", message);
    if (entry === undefined) return usage("no pipeline given");
    const out = outFile(values.out);
    const format = (values.format as GraphFormat | undefined) ?? (out === undefined ? "svg" : formatOfFile(out));
    if (format === undefined) {
      return usage(
        `cannot tell the format of ${out} from its extension: graph writes svg (.svg), html (.html, .htm) or dot (.dot, .gv); name the file so, or pass --format svg|html|dot`,
      );
    }
    const group = typeof values.group === "string" ? values.group : undefined;

    const timeoutMs = readTimeout(values.timeout);
    if (typeof timeoutMs !== "number") return usage(timeoutMs.usageError);
    const [
      { isModuleFile, loadModule },
      { notPlainData, reportLoadFailure, warningsTo },
      { readTemplateVars },
      { STDIN_NAME },
    ] = await Promise.all([
      import("../load-pipeline.ts"),
      import("../report.ts"),
      import("../template-vars.ts"),
      import("../validate-inputs.ts"),
    ]);
    const shown = entry === "-" ? STDIN_NAME : entry;
    const vars = await readTemplateVars(values, io);
    if (vars !== undefined && "error" in vars) return usage(vars.error);
    let authored: Pipeline | undefined;
    if (isModuleFile(entry)) {
      try {
        authored = (await loadModule(entry, io.cwd(), { timeoutMs, warn: warningsTo(io) })).pipeline;
      } catch (error) {
        return reportLoadFailure(error, io, { command: "graph", debug: values.debug === true });
      }
    } else {
      authored = await readPipelineFile(entry, shown, vars, io);
      if (authored === undefined) return EXIT.failure;
    }

    const [{ pipelineToConcourseData }, { layoutPipeline }, { fragmentLabels }, { provenanceOf }, { isHangarError }] =
      await Promise.all([
        import("../../render/to-concourse.ts"),
        import("../../graph/layout.ts"),
        import("../../graph/fragments.ts"),
        import("../../fragment/provenance.ts"),
        import("../../model/errors.ts"),
      ]);
    let pipeline: Pipeline;
    try {
      pipeline = pipelineToConcourseData(authored) as Pipeline;
    } catch (error) {
      return reportLoadFailure(notPlainData(authored, entry, error), io, {
        command: "graph",
        debug: values.debug === true,
      });
    }
    if (vars !== undefined && isModuleFile(entry)) {
      // a file's vars were put in place as it was parsed; a module's are put in its rendered data, as render does
      const [{ interpolate }, { cutLongTokens, shownPath }] = await Promise.all([
        import("../../parse/vars.ts"),
        import("../../source/diagnostic.ts"),
      ]);
      const filled = interpolate(pipeline, vars);
      for (const p of filled.problems) {
        reportError(io, "graph", `${entry}: ${shownPath(p.path)}: ${cutLongTokens(p.message)}`);
      }
      if (filled.problems.length > 0) return EXIT.failure;
      pipeline = filled.value as Pipeline;
    }
    const provenance = provenanceOf(authored);
    const entryDir = dirname(resolve(io.cwd(), entry));
    const showFile = (file: string) => {
      const path = file.startsWith("file://") ? fileURLToPath(file) : file;
      return isAbsolute(path) ? relative(entryDir, path) : path;
    };
    const fragments = provenance === undefined ? undefined : fragmentLabels(provenance, showFile);
    const title = shown;
    let text: string;
    try {
      const layoutOf = (g: string | undefined) =>
        layoutPipeline(pipeline, { ...(g !== undefined && { group: g }), ...(fragments && { fragments }) });
      if (format === "html") {
        const [{ toHtml }, { toYaml }] = await Promise.all([
          import("../../graph/html.ts"),
          import("../../render/yaml.ts"),
        ]);
        const groups = group !== undefined ? [group] : (pipeline.groups ?? []).map((g) => g.name);
        // the view of every job is "all", unless a group has that name
        const everything = groups.includes("all") ? "all jobs" : "all";
        const views = [
          ...(group === undefined ? [{ name: everything, layout: layoutOf(undefined) }] : []),
          ...groups.map((g) => ({ name: g, layout: layoutOf(g) })),
        ];
        const jobConfigs = new Map(pipeline.jobs.map((job) => [job.name, toYaml(job)]));
        text = toHtml(views, { title, jobConfigs });
      } else if (format === "dot") {
        const { toDot } = await import("../../graph/dot.ts");
        text = toDot(layoutOf(group), { title });
      } else {
        const { toSvg } = await import("../../graph/svg.ts");
        text = toSvg(layoutOf(group), { title });
      }
    } catch (error) {
      if (isHangarError(error)) {
        // --group naming no group of the pipeline is a usage error
        if (error.code === "graph/unknown-group") return usage(`--group: ${shown}: ${error.message}`);
        reportError(io, "graph", `${shown}: ${error.message}`);
        return EXIT.findings;
      }
      // a job's YAML (html) refuses NaN, a function, a BigInt: named with its path, as render does
      const explained = notPlainData(pipeline, shown, error);
      if (explained === error) throw error;
      return reportLoadFailure(explained, io, { command: "graph", debug: values.debug === true });
    }
    if (out === undefined) {
      io.stdout(text);
      return EXIT.ok;
    }
    let outcome: WriteOutcome;
    try {
      outcome = await io.writeFile(resolve(io.cwd(), out), text);
    } catch (error) {
      const { fileProblem } = await import("../file-problem.ts");
      reportError(io, "graph", `cannot write ${out}: ${fileProblem(error, "write")}`);
      return EXIT.failure;
    }
    io.stderr(`${describeWrite(outcome, out)}\n`);
    return EXIT.ok;
  },
});
