import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { argumentError, expectObject } from "../model/arguments.ts";
import { isObject } from "../model/common.ts";
import {
  badInstanceVar,
  flyCommand,
  INSTANCE_VAR_VALUE,
  unwritableInstanceVar,
  unwritableInstanceVarMessage,
} from "../render/fly-command.ts";
import { renderData } from "../render/render.ts";
import { explainNotPlainData } from "../walk/plain-data.ts";
import { fileProblem } from "./file-problem.ts";
import type { PipelineDefinition } from "./load-pipeline.ts";
import { shownCommand } from "./shown-command.ts";

// No static import of node:fs here, nor of io.ts (which has one): every pipeline module that calls runIfMain loads
// this file, under `hangar render` too, and an ES module's import of node:fs makes Node build its ES module face,
// which reads every export of node:fs, the file streams' too, and so loads Node's stream modules (about 2.5 ms of a
// cached render of docker-baseline, profiled). Node 20.16 and later hand the module over without that
// (`process.getBuiltinModule`); older ones import it.
const nodeFs = async (): Promise<typeof import("node:fs")> =>
  (process.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined) ?? (await import("node:fs"));

const realpath = (fs: typeof import("node:fs"), path: string): string => {
  try {
    return fs.realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/**
 * Makes a pipeline module runnable as a script, like the pipeline scripts of the Python original:
 * when the module is the program being run (`npx tsx pipeline.ts`), writes definition.json in the
 * working directory and prints the fly command. Does nothing when the module is imported, for
 * instance by `hangar render`. Run as the program, it validates the pipeline as `hangar render` does: findings go to
 * stderr, and errors leave nothing written with exit code 1 (`process.exitCode`); a mistake (a definition with no
 * pipeline, data that is not data, a folder it cannot write) is one line on stderr and exit code 2.
 * @example
 * const definition = { name: "app", target: "ci", pipeline: pipeline({ jobs }) };
 * export default definition;
 * await runIfMain(import.meta.url, definition);
 */
export async function runIfMain(moduleUrl: string, definition: PipelineDefinition): Promise<boolean> {
  if (typeof moduleUrl !== "string")
    throw argumentError("runIfMain", "moduleUrl", "a string (import.meta.url)", moduleUrl);
  const script = process.argv[1];
  // a module loaded from elsewhere than a file (hangar's loader may run compiled code from memory) is never the program
  if (script === undefined || !moduleUrl.startsWith("file:")) return false;
  const fs = await nodeFs();
  if (realpath(fs, script) !== realpath(fs, fileURLToPath(moduleUrl))) return false;
  // the program: a mistake is one line on stderr and exit code 2 (as `hangar render` gives), never a stack trace
  const shown = relative(process.cwd(), script) || script;
  let rendered: { data: unknown; text: string };
  try {
    if (!isObject(definition)) throw argumentError("runIfMain", "definition", "an object with a pipeline", definition);
    expectObject("runIfMain", "definition.pipeline", definition.pipeline);
    if (definition.target === "") throw argumentError("runIfMain", "definition.target", "a fly target's name", "");
    const bad = definition.instanceVars === undefined ? undefined : badInstanceVar(definition.instanceVars);
    if (bad !== undefined) throw argumentError("runIfMain", `definition.${bad.at}`, INSTANCE_VAR_VALUE, bad.value);
    const unwritable = isObject(definition.instanceVars)
      ? unwritableInstanceVar(definition.instanceVars, true)
      : undefined;
    if (unwritable !== undefined)
      return fail(`${shown}: runIfMain(): definition.${unwritable.at}: ${unwritableInstanceVarMessage(unwritable)}`);
    rendered = renderData(definition.pipeline, "json");
  } catch (error) {
    const explained = explainNotPlainData("runIfMain", "the pipeline", definition?.pipeline, error);
    return fail(`${shown}: ${explained instanceof Error ? explained.message : String(explained)}`);
  }
  // validated as `hangar render` validates it: findings on stderr, and errors leave nothing written (exit code 1)
  const [{ validateData, hasErrors }, { formatText }] = await Promise.all([
    import("../validate/validate-value.ts"),
    import("../validate/format.ts"),
  ]);
  const result = validateData(rendered.data, { file: shown });
  if (result.diagnostics.length > 0) process.stderr.write(formatText(result));
  if (hasErrors([result])) {
    process.stderr.write(`hangar: ${shown} has errors; nothing was written\n`);
    process.exitCode = 1;
    return true;
  }
  const { text } = rendered;
  const { writeFileAtomic } = await import("./io.ts");
  const out = resolve(process.cwd(), "definition.json");
  try {
    writeFileAtomic(out, text);
  } catch (error) {
    return fail(`cannot write ${relative(process.cwd(), out)}: ${fileProblem(error, "write")}`);
  }
  const command = flyCommand({
    target: definition.target ?? "TARGET",
    pipeline: definition.name ?? "pipeline",
    config: relative(process.cwd(), out),
    ...(definition.team !== undefined && { team: definition.team }),
    ...(definition.instanceVars !== undefined && { instanceVars: definition.instanceVars }),
  });
  // as `hangar render` prints it: its control characters as escapes on a terminal, exact for a pipe or a script
  process.stdout.write(`${shownCommand(command, () => process.stdout.isTTY === true)}\n`);
  return true;
}

/** Reports a failure of the program: `hangar: <message>` on stderr, exit code 2; true, as the module was the program. */
function fail(message: string): true {
  process.stderr.write(`hangar: ${message}\n`);
  process.exitCode = 2;
  return true;
}

export { LoadError, type LoadOptions, loadPipelineModule, type PipelineDefinition } from "./load-pipeline.ts";
