import { resolve } from "node:path";
import { defineCommand, describeWrite, EXIT, type ExitCode, reportError, usageError } from "../define-command.ts";
import type { WriteOutcome } from "../io.ts";
import { outFile, readTimeout, timeoutOption, VAR_OPTIONS } from "../options.ts";

export default defineCommand({
  name: "render",
  summary: "Render pipeline modules to JSON (or YAML) and print the fly commands",
  arguments: "<entries...>",
  argumentsHelp: "pipeline modules (.ts, .js), or globs of them (quoted: src/**/*.pipeline.ts)",
  options: [
    {
      flags: "-o, --out <path>",
      description: "file to write (default: definition.json, or definition.yml with --format yaml; - for stdout)",
    },
    {
      flags: "--out-dir <dir>",
      description: "render every entry (files or globs) into DIR/<pipeline name>.json (or .yml)",
    },
    { flags: "--format <format>", description: "output format", default: "json", choices: ["json", "yaml"] },
    { flags: "--stdout", description: "write the rendered pipeline to stdout instead of a file", default: false },
    {
      flags: "--check",
      description: "write nothing; exit 1 listing the outputs that are stale or missing on disk",
      default: false,
    },
    {
      flags: "--watch",
      description: "render again whenever the module or a local file it imports changes (Ctrl-C stops)",
      default: false,
    },
    { flags: "--fly-script <file>", description: "with --out-dir: write the fly commands to a shell script" },
    { flags: "-t, --target <target>", description: "fly target for the printed command (overrides the module's)" },
    { flags: "-p, --pipeline <name>", description: "pipeline name for the printed command (overrides the module's)" },
    { flags: "--no-validate", description: "write the pipeline even if the validator finds errors" },
    { flags: "--debug", description: "show stack traces of errors in the pipeline module", default: false },
    timeoutOption,
    ...VAR_OPTIONS,
  ],
  async run({ positionals, values }, io) {
    const usage = (message: string) => usageError(io, "render", message);
    const [
      { expandEntries },
      { renderEntry },
      { shownCommand },
      { flyCommand },
      { plural },
      { flyVarFlags, flyVars, givesVars },
    ] = await Promise.all([
      import("../expand-entries.ts"),
      import("../render-batch.ts"),
      import("../shown-command.ts"),
      import("../../render/fly-command.ts"),
      import("../plural.ts"),
      import("../fly-vars.ts"),
    ]);
    const { files, unmatched } = expandEntries(positionals, io.cwd());
    if (unmatched.length > 0) return usage(`no file matches ${unmatched.map((p) => `'${p}'`).join(", ")}`);
    const format = values.format === "yaml" ? "yaml" : "json";
    const timeoutMs = readTimeout(values.timeout);
    if (typeof timeoutMs !== "number") return usage(timeoutMs.usageError);
    // fly's vars: the pipeline is checked as fly would check it with them; the text written keeps its ((vars)),
    // and the printed fly command passes the same flags
    // (the YAML reader of var files and -y values is loaded only when a var flag is given)
    const vars = givesVars(values)
      ? await (await import("../template-vars.ts")).readTemplateVars(values, io)
      : undefined;
    if (vars !== undefined && "error" in vars) return usage(vars.error);
    const flyFlags = vars === undefined ? undefined : flyVarFlags(values);
    const common = {
      format,
      validate: values.validate !== false,
      debug: values.debug === true,
      timeoutMs,
      ...(vars !== undefined && { vars }),
    } as const;
    const target = typeof values.target === "string" ? values.target : undefined;
    // `-o -` is standard output, as --stdout
    const toStdout = values.stdout === true || values.out === "-";
    // `fly -t ''` selects no target
    if (target === "") return usage("-t '' names no fly target");

    const once = typeof values.outDir === "string" ? batch(values.outDir) : single();
    if (typeof once !== "function") return once;
    if (values.watch !== true) return once();
    if (values.check === true) return usage("--watch and --check cannot be used together");
    const [{ watchRender }, { expandReading }] = await Promise.all([
      import("../watch.ts"),
      import("../expand-entries.ts"),
    ]);
    const { signal, stoppable } = io.interrupted();
    // with --out-dir, the globs are expanded again when a module is added or removed (one module is rendered without)
    const expand = typeof values.outDir === "string" ? () => expandReading(positionals, io.cwd()) : undefined;
    return watchRender(files, once, io, { signal, stoppable, ...(expand !== undefined && { expand }) });

    /** The batch render, or a usage error. */
    function batch(outDir: string): ((modules?: readonly string[]) => Promise<ExitCode>) | ExitCode {
      if (values.out !== undefined) return usage("-o and --out-dir cannot be used together");
      if (values.stdout === true) return usage("--stdout and --out-dir cannot be used together");
      if (values.pipeline !== undefined)
        return usage("-p names one pipeline; with --out-dir each is named by its module");
      const options = {
        ...common,
        outDir,
        check: values.check === true,
        ...(target !== undefined && { target }),
        ...(typeof values.flyScript === "string" && { flyScript: values.flyScript }),
        ...(flyFlags !== undefined && { flyFlags }),
      };
      return async (modules = files) => (await import("../render-batch.ts")).renderBatch(modules, options, io);
    }

    /** The render of one entry, or a usage error. */
    function single(): (() => Promise<ExitCode>) | ExitCode {
      const [entry] = files;
      if (entry === undefined || files.length > 1) return usage("several pipelines are rendered with --out-dir DIR");
      if (values.flyScript !== undefined) return usage("--fly-script needs --out-dir");
      if (toStdout && values.check === true)
        return usage(`${values.stdout === true ? "--stdout" : "-o -"} and --check cannot be used together`);
      if (values.stdout === true && outFile(values.out) !== undefined)
        return usage("--stdout and -o cannot be used together");
      return () => renderOne(entry);
    }

    async function renderOne(entry: string): Promise<ExitCode> {
      const rendered = await renderEntry(entry, common, io);
      if (typeof rendered === "number") return rendered;
      const { definition, text } = rendered;
      if (toStdout) {
        io.stdout(text);
        return EXIT.ok;
      }
      const out =
        typeof values.out === "string" ? values.out : format === "yaml" ? "definition.yml" : "definition.json";
      if (values.check === true) {
        const { checkOutputs } = await import("../check-outputs.ts");
        return (await checkOutputs([{ path: out, text }], io)) ? EXIT.ok : EXIT.findings;
      }
      let outcome: WriteOutcome;
      try {
        outcome = await io.writeFile(resolve(io.cwd(), out), text);
      } catch (error) {
        const { fileProblem } = await import("../file-problem.ts");
        reportError(io, "render", `cannot write ${out}: ${fileProblem(error, "write")}`);
        return EXIT.failure;
      }
      const name = typeof values.pipeline === "string" ? values.pipeline : rendered.name;
      const stats = `${plural(definition.pipeline.jobs.length, "job")}, ${plural(definition.pipeline.resources?.length ?? 0, "resource")}`;
      io.stderr(`${describeWrite(outcome, out)} (${stats})\n`);
      if (target === undefined && definition.target === undefined)
        io.stderr("note: no fly target given (add `target` to the default export or pass --target)\n");
      const command = flyCommand({
        target: target ?? definition.target ?? "TARGET",
        pipeline: name,
        config: out,
        ...(definition.team !== undefined && { team: definition.team }),
        ...flyVars(definition, flyFlags),
      });
      io.stdout(`${shownCommand(command, () => io.isTTY.stdout)}\n`);
      return EXIT.ok;
    }
  },
});
