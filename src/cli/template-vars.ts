import { resolve } from "node:path";
import { parseVarFlag, parseVarsFile } from "../parse/var-flags.ts";
import type { TemplateVars, VarPair } from "../parse/vars.ts";
import type { FlyCommandOptions } from "../render/fly-command.ts";
import type { CommandArgs } from "./define-command.ts";
import type { Io } from "./io.ts";

const list = (value: CommandArgs["values"][string]): readonly string[] =>
  Array.isArray(value) ? value : typeof value === "string" ? [value] : [];

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
    const pairs: VarPair[] = [
      ...vars.map((v) => parseVarFlag(v, false)),
      ...yamlVars.map((v) => parseVarFlag(v, true)),
      ...instanceVars.map((v) => parseVarFlag(v, true)),
    ];
    const loaded = [];
    for (const file of files) {
      let text: string;
      try {
        text = await io.readFile(resolve(io.cwd(), file));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { error: `could not read template variables file (${file}): ${reason}` };
      }
      loaded.push(parseVarsFile(text, file));
    }
    return { pairs, files: loaded };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** fly's var flags as given, for the printed `fly set-pipeline` command (values as typed, not decoded). */
export interface FlyVarFlags {
  readonly instanceVars: Readonly<Record<string, string>>;
  readonly vars: Readonly<Record<string, string>>;
  readonly yamlVars: Readonly<Record<string, string>>;
  readonly varFiles: readonly string[];
}

/** The var flags to repeat in the printed fly command (read after {@link readTemplateVars} accepted them). */
export function flyVarFlags(values: CommandArgs["values"]): FlyVarFlags {
  const pairs = (value: CommandArgs["values"][string]): Record<string, string> =>
    Object.fromEntries(
      list(value).map((flag) => [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)]),
    );
  return {
    instanceVars: pairs(values.instanceVar),
    vars: pairs(values.var),
    yamlVars: pairs(values.yamlVar),
    varFiles: list(values.loadVarsFrom),
  };
}

/**
 * The vars a rendered pipeline is checked with: the module's own instance vars first (the printed command passes
 * them with `-i`, so fly fills them in), then the flags' (which win). Undefined when there are none.
 */
export function checkVars(
  flags: TemplateVars | undefined,
  instanceVars: Readonly<Record<string, unknown>> | undefined,
): TemplateVars | undefined {
  const own = Object.entries(instanceVars ?? {}).map(([name, value]): VarPair => ({ path: [name], value }));
  if (own.length === 0) return flags;
  return { pairs: [...own, ...(flags?.pairs ?? [])], files: flags?.files ?? [] };
}

/** The var options of the printed fly command: the module's instance vars and the flags' (a flag wins). */
export function flyVars(
  definition: { readonly instanceVars?: Readonly<Record<string, string | number | boolean>> },
  flags: FlyVarFlags | undefined,
): Pick<FlyCommandOptions, "instanceVars" | "vars" | "yamlVars" | "varFiles"> {
  const instanceVars = { ...definition.instanceVars, ...flags?.instanceVars };
  return {
    ...(Object.keys(instanceVars).length > 0 && { instanceVars }),
    ...(flags !== undefined && { vars: flags.vars, yamlVars: flags.yamlVars, varFiles: flags.varFiles }),
  };
}
