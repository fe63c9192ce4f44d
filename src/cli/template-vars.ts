import { resolve } from "node:path";
import { parseVarFlag, parseVarsFile } from "../parse/var-flags.ts";
import { type TemplateVars, type VarPair, VarsError } from "../parse/vars.ts";
import type { CommandArgs } from "./define-command.ts";
import { flagValues as list } from "./fly-vars.ts";
import type { Io } from "./io.ts";

// the flags' parts that need no YAML reader live in fly-vars.ts (render loads it without the reader)
export { checkVars, type FlyVarFlags, flyVarFlags, flyVars } from "./fly-vars.ts";

/** The pairs of the values of one var flag; a malformed one is a {@link VarsError} naming the flag, as fly's does. */
function readFlags(values: readonly string[], flag: string, yaml: boolean): VarPair[] {
  return values.map((value) => {
    try {
      return parseVarFlag(value, yaml);
    } catch (error) {
      throw error instanceof VarsError ? new VarsError(`${flag}: ${error.message}`) : error;
    }
  });
}

/**
 * The template vars the options give, or undefined when none is given; a malformed flag or an unreadable
 * file is a message in fly's words (`{ error }`).
 */
export async function readTemplateVars(
  values: CommandArgs["values"],
  io: Io,
): Promise<TemplateVars | undefined | { readonly error: string }> {
  const vars = list(values.var);
  const yamlVars = list(values.yamlVar);
  const instanceVars = list(values.instanceVar);
  const files = list(values.loadVarsFrom);
  if (vars.length + yamlVars.length + instanceVars.length + files.length === 0) return undefined;
  try {
    // fly takes -v pairs, then -y pairs, then instance vars; a later pair replaces an earlier one
    const pairs: VarPair[] = [...readFlags(vars, "-v", false), ...readFlags(yamlVars, "-y", true)];
    const instance = readFlags(instanceVars, "-i", true);
    // fly reads the files from the last one given to the first (yaml_template.go): the error given is the last file's
    const loaded = [];
    for (const file of [...files].reverse()) {
      let text: string;
      try {
        text = await io.readFile(resolve(io.cwd(), file));
      } catch (error) {
        const { fileProblem } = await import("./file-problem.ts");
        return { error: `could not read template variables file (${file}): ${fileProblem(error, "read")}` };
      }
      loaded.push(parseVarsFile(text, file));
    }
    return { pairs, ...(instance.length > 0 && { instance }), files: loaded.reverse() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
