import { realpathSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { flyCommand } from "../render/fly-command.ts";
import { renderJson } from "../render/render.ts";
import { writeFileAtomic } from "./io.ts";
import type { PipelineDefinition } from "./load-pipeline.ts";

const realpath = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/**
 * Makes a pipeline module runnable as a script, like the pipeline scripts of the Python original:
 * when the module is the program being run (`npx tsx pipeline.ts`), writes definition.json in the
 * working directory and prints the fly command. Does nothing when the module is imported, for
 * instance by `hangar render`.
 * @example
 * const definition = { name: "app", target: "ci", pipeline: pipeline({ jobs }) };
 * export default definition;
 * await runIfMain(import.meta.url, definition);
 */
export async function runIfMain(moduleUrl: string, definition: PipelineDefinition): Promise<boolean> {
  const script = process.argv[1];
  // a module loaded from elsewhere than a file (hangar's loader may run compiled code from memory) is never the program
  if (script === undefined || !moduleUrl.startsWith("file:")) return false;
  if (realpath(script) !== realpath(fileURLToPath(moduleUrl))) return false;
  const out = resolve(process.cwd(), "definition.json");
  await writeFileAtomic(out, renderJson(definition.pipeline));
  process.stdout.write(
    `${flyCommand({
      target: definition.target ?? "TARGET",
      pipeline: definition.name ?? "pipeline",
      config: relative(process.cwd(), out),
      ...(definition.team !== undefined && { team: definition.team }),
      ...(definition.instanceVars !== undefined && { instanceVars: definition.instanceVars }),
    })}\n`,
  );
  return true;
}

export { LoadError, type LoadOptions, loadPipelineModule, type PipelineDefinition } from "./load-pipeline.ts";
