/**
 * fly's var flags where no YAML is read: repeating them in the printed `fly set-pipeline` command, and the vars a
 * rendered pipeline is checked with. Kept apart from template-vars.ts, which reads var files and YAML values,
 * so that rendering loads no YAML reader.
 */
import type { TemplateVars, VarPair } from "../parse/vars.ts";
import type { FlyCommandOptions } from "../render/fly-command.ts";
import type { CommandArgs } from "./define-command.ts";

/** The values of a flag given any number of times. */
export const flagValues = (value: CommandArgs["values"][string]): readonly string[] =>
  Array.isArray(value) ? value : typeof value === "string" ? [value] : [];

/** Whether any of fly's var flags (`-v`, `-y`, `-i`, `-l`) is given. */
export const givesVars = (values: CommandArgs["values"]): boolean =>
  [values.var, values.yamlVar, values.instanceVar, values.loadVarsFrom].some((v) => flagValues(v).length > 0);

/** fly's var flags as given, for the printed `fly set-pipeline` command (values as typed, not decoded). */
export interface FlyVarFlags {
  readonly instanceVars: Readonly<Record<string, string>>;
  readonly vars: Readonly<Record<string, string>>;
  readonly yamlVars: Readonly<Record<string, string>>;
  readonly varFiles: readonly string[];
}

/**
 * The var flags to repeat in the printed fly command (read after {@link readTemplateVars} accepted them): of a name
 * given twice, the last, in the place of the last (`-v a.b=1 -v a=2 -v a.b=3` is `-v a=2 -v a.b=3`, which fly reads
 * as the three: kept in the place of the first, it read a=2).
 */
export function flyVarFlags(values: CommandArgs["values"]): FlyVarFlags {
  const pairs = (value: CommandArgs["values"][string]): Record<string, string> => {
    const last = new Map<string, string>();
    for (const flag of flagValues(value)) {
      const name = flag.slice(0, flag.indexOf("="));
      last.delete(name);
      last.set(name, flag.slice(flag.indexOf("=") + 1));
    }
    return Object.fromEntries(last);
  };
  return {
    instanceVars: pairs(values.instanceVar),
    vars: pairs(values.var),
    yamlVars: pairs(values.yamlVar),
    varFiles: flagValues(values.loadVarsFrom),
  };
}

/**
 * The vars a rendered pipeline is checked with: the flags', with the module's own instance vars among the instance
 * vars, before the flags' `-i` (the printed command passes them with `-i`, a flag of the same name in place of one;
 * fly takes instance vars after `-v` and `-y`, so they win over those). Undefined when there are none.
 */
export function checkVars(
  flags: TemplateVars | undefined,
  instanceVars: Readonly<Record<string, unknown>> | undefined,
): TemplateVars | undefined {
  const given = flags?.instance ?? [];
  const own = Object.entries(instanceVars ?? {})
    .filter(([name]) => !given.some((pair) => pair.path.length === 1 && pair.path[0] === name))
    .map(([name, value]): VarPair => ({ path: [name], value }));
  if (own.length === 0) return flags;
  return { pairs: flags?.pairs ?? [], instance: [...own, ...given], files: flags?.files ?? [] };
}

/**
 * The var options of the printed fly command: the module's instance vars (but those a flag names as typed: the flag
 * wins), then the flags' `-i` as typed, which fly reads as hangar read them (`-i a.b=1` a path, `-i pr=1` a number).
 */
export function flyVars(
  definition: { readonly instanceVars?: Readonly<Record<string, string | number | boolean>> | undefined },
  flags: FlyVarFlags | undefined,
): Pick<FlyCommandOptions, "instanceVars" | "instanceVarFlags" | "vars" | "yamlVars" | "varFiles"> {
  const typed = flags?.instanceVars ?? {};
  const own = Object.entries(definition.instanceVars ?? {}).filter(([name]) => !Object.hasOwn(typed, name));
  return {
    ...(own.length > 0 && { instanceVars: Object.fromEntries(own) }),
    ...(flags !== undefined && {
      instanceVarFlags: flags.instanceVars,
      vars: flags.vars,
      yamlVars: flags.yamlVars,
      varFiles: flags.varFiles,
    }),
  };
}
