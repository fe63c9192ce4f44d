import { defineCommand, EXIT, reportError, usageError } from "../define-command.ts";
import { outFile, stdinTwice } from "../options.ts";

export default defineCommand({
  name: "import",
  summary: "Turn YAML or JSON pipelines into TypeScript modules that render to the same pipeline",
  arguments: "<files...>",
  argumentsHelp:
    "YAML or JSON pipeline files, folders (the *.yml, *.yaml and *.json files in them), or - for standard input",
  options: [
    { flags: "-o, --out <path>", description: "file to write the module to (one input; default, or -: stdout)" },
    { flags: "--out-dir <dir>", description: "folder to write one module per input to (several inputs, folders)" },
    {
      flags: "--upgrade",
      description: "rewrite deprecated forms (aggregate → in_parallel, build_logs_to_retain → build_log_retention)",
      default: false,
    },
    { flags: "--split <how>", description: "one module per group (`group`) or per N jobs (a number), and an index" },
    { flags: "--no-factories", description: "write resources, resource types and task steps as object literals only" },
    {
      flags: "--force",
      description: "replace modules that exist (an earlier import, maybe edited since)",
      default: false,
    },
  ],
  async run({ positionals, values }, io) {
    const [{ relative, resolve }, { stat }, { collectInputs, importFiles }] = await Promise.all([
      import("node:path"),
      import("node:fs/promises"),
      import("../import-files.ts"),
    ]);
    const out = outFile(values.out);
    const outDir = typeof values.outDir === "string" ? values.outDir : undefined;
    const split = typeof values.split === "string" ? values.split : undefined;
    const usage = (message: string) => usageError(io, "import", message);
    // what stops the writing, the command line being right: no usage to point to
    const failure = (message: string) => {
      reportError(io, "import", message);
      return EXIT.failure;
    };
    if (positionals.length === 0) return usage("no pipeline given");
    const twice = stdinTwice(positionals);
    if (twice !== undefined) return usage(twice);
    if (out !== undefined && outDir !== undefined) return usage("give either -o or --out-dir, not both");
    const splitOption =
      split === undefined
        ? undefined
        : split === "group"
          ? ({ by: "group" } as const)
          : /^[1-9][0-9]*$/.test(split)
            ? { jobsPerModule: Number(split) }
            : null;
    if (splitOption === null) return usage(`--split takes 'group' or a number of jobs, not '${split}'`);
    if (splitOption !== undefined && outDir === undefined)
      return usage("--split writes several modules: give --out-dir");

    const inputs = await collectInputs(positionals, io);
    if (!inputs.ok) return usage(inputs.message);
    if (inputs.files.length > 1 && outDir === undefined) {
      return usage(`${inputs.files.length} pipelines given: write them with --out-dir`);
    }
    const result = await importFiles(
      inputs.files,
      io,
      {
        upgrade: values.upgrade === true,
        factories: values.factories !== false,
        ...(splitOption !== undefined && { split: splitOption }),
      },
      inputs.found,
    );
    for (const line of result.messages) io.stderr(`${line}\n`);
    if (!result.ok) return EXIT.failure;
    if (result.imported.length === 0) return failure("no pipeline to import: every file given was passed by");
    if (outDir === undefined && out === undefined) {
      io.stdout(result.imported[0]?.modules[0]?.code ?? "");
      return EXIT.ok;
    }
    const writes =
      out !== undefined
        ? [{ path: resolve(io.cwd(), out), code: result.imported[0]?.modules[0]?.code ?? "" }]
        : result.imported.flatMap((imported) =>
            imported.modules.map((m) => ({
              path: resolve(io.cwd(), outDir as string, imported.target, m.file),
              code: m.code,
            })),
          );
    // every target is checked before the first write, so that a refusal leaves nothing half-written
    const read = new Set(inputs.files.filter((f) => f !== "-").map((f) => resolve(io.cwd(), f)));
    const existing: string[] = [];
    for (const { path } of writes) {
      const shown = relative(io.cwd(), path) || path;
      if (read.has(path)) return usage(`${shown} is a pipeline being imported; it would be replaced by its module`);
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory() === true) return failure(`cannot write ${shown}: it is a folder (nothing was written)`);
      if (info !== undefined && values.force !== true) existing.push(shown);
    }
    if (existing.length > 0) {
      return failure(`would replace ${existing.join(", ")} (nothing was written); pass --force to replace`);
    }
    let unchanged = 0;
    for (const { path, code } of writes) {
      try {
        await io.makeDir(resolve(path, ".."));
        if ((await io.writeFile(path, code)) === "unchanged") unchanged++;
      } catch (error) {
        const { fileProblem } = await import("../file-problem.ts");
        return failure(`cannot write ${relative(io.cwd(), path) || path}: ${fileProblem(error, "write")}`);
      }
    }
    const modules = (n: number) => `${n} module${n === 1 ? "" : "s"}`;
    const written = writes.length - unchanged;
    io.stderr(
      unchanged === 0
        ? `wrote ${modules(written)}\n`
        : written === 0
          ? `${modules(unchanged)} unchanged\n`
          : `wrote ${modules(written)}, ${unchanged} unchanged\n`,
    );
    return EXIT.ok;
  },
});
