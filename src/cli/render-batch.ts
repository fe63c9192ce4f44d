import { realpathSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { TemplateVars } from "../parse/vars.ts";
import { flyCommand } from "../render/fly-command.ts";
import { renderData } from "../render/render.ts";
import { checkOutputs } from "./check-outputs.ts";
import type { HangarLink } from "./compile-cache.ts";
import { describeWrite, EXIT, type ExitCode, reportError } from "./define-command.ts";
import { checkVars, type FlyVarFlags, flyVars } from "./fly-vars.ts";
import type { Io, WriteOutcome } from "./io.ts";
import { type LoadedDefinition, loadModule, type PipelineDefinition } from "./load-pipeline.ts";
import { commonJsNote } from "./module-type.ts";
import { plural } from "./plural.ts";
import { errorsOnce, notPlainData, reportLoadFailure, warningsTo } from "./report.ts";
import { shownCommand } from "./shown-command.ts";

/** The command whose work this module does: its errors are `hangar render: ...`. */
const COMMAND = "render";

/** Options of {@link renderBatch}, as `hangar render ... --out-dir DIR` gives them. */
export interface BatchOptions {
  readonly outDir: string;
  readonly format: "json" | "yaml";
  /** Validate each pipeline and skip the ones with errors. */
  readonly validate: boolean;
  /** Compare with the files on disk instead of writing. */
  readonly check: boolean;
  /** The fly target for every printed command (overrides each module's). */
  readonly target?: string;
  /** Write the fly commands to this shell script instead of stdout. */
  readonly flyScript?: string;
  readonly debug: boolean;
  /** How long each module may take to give its pipeline (milliseconds). */
  readonly timeoutMs?: number;
  /** fly's vars (`-v`, `-y`, `-l`, `-i`): each pipeline is checked with them filled in; the text written keeps its ((vars)). */
  readonly vars?: TemplateVars;
  /** The same flags as given, repeated in every printed fly command. */
  readonly flyFlags?: FlyVarFlags;
}

/** A pipeline module rendered in memory, and where it goes. */
export interface RenderedEntry {
  readonly entry: string;
  readonly definition: PipelineDefinition;
  /** The pipeline's name in Concourse: the definition's `name`, else from the entry's path. */
  readonly name: string;
  readonly text: string;
}

/** The pipeline's name when the module does not give one: its file name, or its folder's for `pipeline.ts`/`index.ts`. */
export function defaultName(entry: string): string {
  const base = basename(entry, extname(entry));
  return base === "pipeline" || base === "index" ? basename(dirname(resolve(entry))) : base;
}

/** The name of the file a pipeline is written to in the output folder. */
const fileName = (name: string, format: BatchOptions["format"]) => `${name}.${format === "yaml" ? "yml" : "json"}`;

/**
 * Loads and renders one module; reports a failure (load error or validation errors) on stderr and
 * returns its exit code instead of a result. With `options.inBatch`, the caches are left for the batch to clean up once,
 * after its last module (see {@link cleanUpCaches}). The compile's warnings go to `options.warn`, else to stderr.
 */
export async function renderEntry(
  entry: string,
  options: Pick<BatchOptions, "format" | "validate" | "debug" | "timeoutMs" | "vars"> & {
    readonly warn?: (message: string) => void;
    /** Which hangar the module imports: the one bundled into it (the default), or one shared by a batch. */
    readonly hangar?: HangarLink;
    /** Set by a batch of several modules, which cleans up the caches once after its last module. */
    readonly inBatch?: boolean;
  },
  io: Io,
): Promise<RenderedEntry | ExitCode> {
  const { hangar = "bundled", inBatch = false } = options;
  let definition: LoadedDefinition;
  let rendered: { data: unknown; text: string };
  try {
    definition = await loadModule(entry, io.cwd(), {
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      // errors are placed in the user's source without Node's source maps; only --debug's stack traces need them
      stackSourceMaps: options.debug,
      hangar,
      inBatch,
      warn: options.warn ?? warningsTo(io),
    });
  } catch (error) {
    return reportLoadFailure(error, io, { command: COMMAND, debug: options.debug });
  }
  const advice = commonJsNote(entry, io.cwd());
  if (advice !== undefined) io.stderr(`note: ${advice}\n`);
  try {
    // one conversion: the text written and the data validated come from it
    rendered = renderData(definition.pipeline, options.format);
  } catch (error) {
    return reportLoadFailure(notPlainData(definition.pipeline, entry, error), io, {
      command: COMMAND,
      debug: options.debug,
    });
  }
  if (!options.validate && definition.unknownReferences !== undefined) {
    const { refuseUnknownReferences } = await import("./validate-rendered.ts");
    if (
      !refuseUnknownReferences(entry, definition.unknownReferences, io, {
        command: COMMAND,
        done: "written, even with --no-validate",
      })
    ) {
      return EXIT.findings;
    }
  }
  if (options.validate) {
    const { validateRendered } = await import("./validate-rendered.ts");
    const vars = checkVars(options.vars, definition.instanceVars);
    const more = {
      unknownReferences: definition.unknownReferences,
      vars,
      inBatch,
      command: COMMAND,
      done: "written",
    } as const;
    if (!(await validateRendered({ ...rendered, format: options.format }, entry, io, more))) return EXIT.findings;
  }
  const { text } = rendered;
  return { entry, definition, name: definition.name ?? defaultName(entry), text };
}

/**
 * The first output path that two entries would write, as an error message, or undefined. Two entries that set
 * other pipelines (instances of one pipeline, by their instance vars; or in another team or target) with the same
 * config share its file.
 */
async function findClash(
  rendered: readonly (RenderedEntry & { out: string })[],
  target: string | undefined,
): Promise<string | undefined> {
  const byPath = new Map<string, RenderedEntry>();
  for (const r of rendered) {
    const other = byPath.get(r.out);
    if (other !== undefined) {
      const { instanceVarsKey } = await import("../concourse/instance-vars.ts");
      const sets = ({ definition }: RenderedEntry) =>
        JSON.stringify([target ?? definition.target, definition.team, instanceVarsKey(definition.instanceVars)]);
      if (other.text === r.text && sets(other) !== sets(r)) continue;
      const names = other.name === r.name ? `pipeline '${r.name}'` : `pipelines '${other.name}' and '${r.name}'`;
      const both = `${r.out} would be written for both ${other.entry} and ${r.entry} (${names})`;
      if (other.text === r.text || other.name !== r.name) {
        return `${both}; nothing was written (give one of them another \`name\`)`;
      }
      return `${both}, whose configs differ; nothing was written (instances of one pipeline share its file: give what differs as ((vars)) set by their instance vars, or one of them another \`name\`)`;
    }
    byPath.set(r.out, r);
  }
  return undefined;
}

/** The file `path` (relative to `cwd`) names: through symbolic links when it exists, as hangar writes through them. */
function realPath(cwd: string, path: string): string {
  const full = resolve(cwd, path);
  try {
    return realpathSync(full);
  } catch {
    return full;
  }
}

/**
 * What the fly script would be written over, as an error message: one of the pipeline modules given, or a file a
 * pipeline is written to; else undefined.
 */
function flyScriptClash(
  flyScript: string,
  entries: readonly string[],
  rendered: readonly { entry: string; name: string; out: string }[],
  cwd: string,
): string | undefined {
  const script = realPath(cwd, flyScript);
  const entry = entries.find((e) => realPath(cwd, e) === script);
  if (entry !== undefined) {
    return `--fly-script ${flyScript} is the pipeline module ${entry}; nothing was written (give the script another path)`;
  }
  const out = rendered.find((r) => realPath(cwd, r.out) === script);
  if (out !== undefined) {
    return `--fly-script ${flyScript} is ${out.out}, where pipeline '${out.name}' of ${out.entry} is written; nothing was written (give the script another path)`;
  }
  return undefined;
}

/** A POSIX shell script that sets every rendered pipeline. */
const flyScript = (commands: readonly string[]) =>
  `#!/bin/sh\n# Sets the pipelines rendered by \`hangar render\`; run it with sh.\nset -eu\n${commands.map((c) => `${c}\n`).join("")}`;

/**
 * `hangar render <entries...> --out-dir DIR`: renders every module in one process and writes
 * `DIR/<pipeline name>.json` (or `.yml`). A module that fails to load or has validation errors is
 * reported and skipped; the others are still written. Two pipelines that would be written to the same
 * file, or a fly script that would be written over a pipeline's file or one of the modules, are an error before
 * anything is written. Prints one fly command per written pipeline (or a
 * script with `flyScript`). Returns the worst exit code of the pipelines (2 for a load failure, 1 for
 * validation errors).
 */
export async function renderBatch(entries: readonly string[], options: BatchOptions, io: Io): Promise<ExitCode> {
  if (entries.length <= 1) return renderAll(entries, options, io);
  try {
    return await renderAll(entries, options, io);
  } finally {
    await cleanUpCaches(entries, io.cwd());
  }
}

/**
 * Cleans up the caches of a batch's modules once, after the batch (each module's render left them alone): every
 * cache folder the modules use keeps at least one compiled module and one validation for each module, so that the
 * next run of the same batch finds all of them (a batch of 101 modules in a cache of 100 entries evicted, each
 * run, the very entries the next run needed).
 */
async function cleanUpCaches(entries: readonly string[], cwd: string): Promise<void> {
  const { cacheDirFor } = await import("./cache-dir.ts");
  const { pruneCompileCache } = await import("./compile-cache.ts");
  const { pruneValidations } = await import("./validation-cache.ts");
  const folders = new Set(entries.map((entry) => cacheDirFor(resolve(cwd, entry))));
  for (const folder of folders) {
    if (folder === undefined) continue;
    pruneCompileCache(folder, entries.length);
    pruneValidations(folder, entries.length);
  }
}

/** {@link renderBatch}, with the caches left to it to clean up when there are several entries. */
async function renderAll(entries: readonly string[], options: BatchOptions, io: Io): Promise<ExitCode> {
  const rendered: (RenderedEntry & { out: string })[] = [];
  const failed: { entry: string; code: ExitCode }[] = [];
  const inBatch = entries.length > 1;
  // a warning of a tsconfig or a helper the modules share, once
  const warn = warningsTo(io);
  // an error in a file the modules share is the same message for each: told once, the modules that failed listed
  const entryIo = errorsOnce(io, COMMAND);
  for (const entry of entries) {
    // the modules of a batch share one hangar, loaded once
    const hangar = inBatch ? "shared" : "bundled";
    const result = await renderEntry(entry, { ...options, warn, hangar, inBatch }, entryIo);
    if (typeof result === "number") {
      failed.push({ entry, code: result });
      continue;
    }
    if (result.name === "" || basename(result.name) !== result.name || result.name.startsWith(".")) {
      reportError(
        io,
        COMMAND,
        `${entry}: the pipeline name '${result.name}' cannot be a file name in ${options.outDir}`,
      );
      failed.push({ entry, code: EXIT.failure });
      continue;
    }
    rendered.push({ ...result, out: join(options.outDir, fileName(result.name, options.format)) });
  }

  const clash =
    (await findClash(rendered, options.target)) ??
    (options.flyScript === undefined ? undefined : flyScriptClash(options.flyScript, entries, rendered, io.cwd()));
  if (clash !== undefined) {
    reportError(io, COMMAND, clash);
    return EXIT.failure;
  }

  const worst = (codes: readonly ExitCode[]): ExitCode => Math.max(EXIT.ok, ...codes) as ExitCode;
  /** The fly command that sets each of `pipelines`. */
  const commandsFor = (pipelines: typeof rendered) =>
    pipelines.map((r) =>
      flyCommand({
        target: options.target ?? r.definition.target ?? "TARGET",
        pipeline: r.name,
        config: r.out,
        ...(r.definition.team !== undefined && { team: r.definition.team }),
        ...flyVars(r.definition, options.flyFlags),
      }),
    );
  if (options.check) {
    // the fly script is an output too: compared with the one these pipelines would give, unless one failed (its
    // command is not known; rendering again would drop it from the script, which is no fix)
    const checkScript = options.flyScript !== undefined && failed.length === 0;
    if (options.flyScript !== undefined && !checkScript) {
      io.stderr(`not checked: ${options.flyScript} (a pipeline failed)\n`);
    }
    const script =
      options.flyScript === undefined || !checkScript
        ? []
        : [{ path: options.flyScript, text: flyScript(commandsFor(rendered)) }];
    // instances of one pipeline share a file: one output
    const files = [...new Map(rendered.map((r) => [r.out, { path: r.out, text: r.text }])).values()];
    const outputs = [...files, ...script];
    const upToDate = await checkOutputs(outputs, io, failed.length);
    return worst([...failed.map((f) => f.code), upToDate ? EXIT.ok : EXIT.findings]);
  }

  const written: typeof rendered = [];
  if (rendered.length > 0) {
    try {
      await io.makeDir(resolve(io.cwd(), options.outDir));
    } catch (error) {
      const { fileProblem } = await import("./file-problem.ts");
      reportError(io, COMMAND, `cannot create ${options.outDir}: ${fileProblem(error, "write")}`);
      return EXIT.failure;
    }
  }
  for (const r of rendered) {
    // an instance of a pipeline written already (they share its file)
    if (written.some((w) => w.out === r.out)) {
      written.push(r);
      continue;
    }
    let outcome: WriteOutcome;
    try {
      outcome = await io.writeFile(resolve(io.cwd(), r.out), r.text);
    } catch (error) {
      const { fileProblem } = await import("./file-problem.ts");
      reportError(io, COMMAND, `cannot write ${r.out}: ${fileProblem(error, "write")}`);
      failed.push({ entry: r.entry, code: EXIT.failure });
      continue;
    }
    const { pipeline } = r.definition;
    io.stderr(
      `${describeWrite(outcome, r.out)} (${plural(pipeline.jobs.length, "job")}, ${plural(pipeline.resources?.length ?? 0, "resource")})\n`,
    );
    written.push(r);
  }

  const commands = commandsFor(written);
  if (options.target === undefined && written.some((r) => r.definition.target === undefined)) {
    io.stderr("note: some pipelines have no fly target (add `target` to the default export or pass --target)\n");
  }
  if (options.flyScript !== undefined && failed.length > 0) {
    // the failed pipeline's command is not known: a script without it would not set it
    io.stderr(`${options.flyScript} left as it was (a pipeline failed)\n`);
  } else if (options.flyScript !== undefined) {
    try {
      const script = resolve(io.cwd(), options.flyScript);
      // its folder may be the output folder, not made when no pipeline was written
      await io.makeDir(dirname(script));
      const outcome = await io.writeFile(script, flyScript(commands));
      io.stderr(`${describeWrite(outcome, options.flyScript)} (${plural(commands.length, "fly command")})\n`);
    } catch (error) {
      const { fileProblem } = await import("./file-problem.ts");
      reportError(io, COMMAND, `cannot write ${options.flyScript}: ${fileProblem(error, "write")}`);
      failed.push({ entry: options.flyScript, code: EXIT.failure });
    }
  } else {
    for (const command of commands) io.stdout(`${shownCommand(command, () => io.isTTY.stdout)}\n`);
  }

  const shownDir = relative(io.cwd(), resolve(io.cwd(), options.outDir)) || ".";
  const failures = failed.length === 0 ? "" : `; failed: ${failed.map((f) => f.entry).join(", ")}`;
  io.stderr(`rendered ${written.length} of ${entries.length} pipelines into ${shownDir}${failures}\n`);
  return worst(failed.map((f) => f.code));
}
