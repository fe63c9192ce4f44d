import { basename, dirname, extname, resolve } from "node:path";
import { defineCommand, EXIT } from "../define-command.ts";
import type { PipelineDefinition } from "../load-pipeline.ts";

/** The pipeline's name when the module does not give one: its file name, or its folder's for `pipeline.ts`. */
function defaultName(entry: string): string {
  const base = basename(entry, extname(entry));
  return base === "pipeline" || base === "index" ? basename(dirname(resolve(entry))) : base;
}

export default defineCommand({
  name: "render",
  summary: "Render a pipeline module to definition.json (or YAML) and print the fly command",
  arguments: "<entry>",
  options: [
    {
      flags: "-o, --out <path>",
      description: "file to write (default: definition.json, or definition.yml with --format yaml)",
    },
    { flags: "--format <format>", description: "output format", default: "json", choices: ["json", "yaml"] },
    { flags: "--stdout", description: "write the rendered pipeline to stdout instead of a file", default: false },
    { flags: "-t, --target <target>", description: "fly target for the printed command (overrides the module's)" },
    { flags: "-p, --pipeline <name>", description: "pipeline name for the printed command (overrides the module's)" },
    { flags: "--no-validate", description: "write the pipeline even if the validator finds errors" },
    { flags: "--debug", description: "show stack traces of errors in the pipeline module", default: false },
  ],
  async run({ positionals: [entry], values }, io) {
    if (entry === undefined) return EXIT.failure;
    const [{ flyCommand }, { renderJson, renderYaml }, { loadPipelineModule }, { reportLoadFailure }] =
      await Promise.all([
        import("../../render/fly-command.ts"),
        import("../../render/render.ts"),
        import("../load-pipeline.ts"),
        import("../report.ts"),
      ]);
    let definition: PipelineDefinition;
    let text: string;
    try {
      definition = await loadPipelineModule(entry, io.cwd());
      text = values.format === "yaml" ? renderYaml(definition.pipeline) : renderJson(definition.pipeline);
    } catch (error) {
      return reportLoadFailure(error, io, values.debug === true);
    }
    if (values.validate !== false) {
      const { validateRendered } = await import("../validate-rendered.ts");
      if (!validateRendered(definition.pipeline, entry, io)) return EXIT.findings;
    }
    if (values.stdout === true) {
      io.stdout(text);
      return EXIT.ok;
    }
    const out =
      typeof values.out === "string" ? values.out : values.format === "yaml" ? "definition.yml" : "definition.json";
    try {
      await io.writeFile(resolve(io.cwd(), out), text);
    } catch (error) {
      io.stderr(`hangar: cannot write ${out}: ${(error as Error).message}\n`);
      return EXIT.failure;
    }
    const name = typeof values.pipeline === "string" ? values.pipeline : (definition.name ?? defaultName(entry));
    const target = typeof values.target === "string" ? values.target : definition.target;
    const stats = `${definition.pipeline.jobs.length} jobs, ${definition.pipeline.resources?.length ?? 0} resources`;
    io.stderr(`wrote ${out} (${stats})\n`);
    if (target === undefined)
      io.stderr("note: no fly target given (add `target` to the default export or pass --target)\n");
    io.stdout(
      `${flyCommand({
        target: target ?? "TARGET",
        pipeline: name,
        config: out,
        ...(definition.team !== undefined && { team: definition.team }),
        ...(definition.instanceVars !== undefined && { instanceVars: definition.instanceVars }),
      })}\n`,
    );
    return EXIT.ok;
  },
});
