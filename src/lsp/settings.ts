/**
 * The language server's settings that a client gives, under a `hangar` section, in `initializationOptions` and in
 * `workspace/didChangeConfiguration`'s settings: the vars the pipelines are checked with, as `hangar validate` takes
 * them from its var flags.
 *
 * ```json
 * { "hangar": { "varsFiles": ["ci/vars.yml"], "vars": { "auto": true } } }
 * ```
 *
 * `varsFiles` are `-l` files (relative to the workspace root), `vars` are `-y` pairs, each value its JSON, which YAML
 * reads as the same value (`{ "auto": true }` is `-y auto=true`, `{ "v": "1.0" }` is `-y 'v="1.0"'`, a string).
 */
import { fileURLToPath } from "node:url";
import { isObject } from "../model/common.ts";
import type { TemplateVars } from "../parse/vars.ts";

/** The vars the settings give, as the CLI's var flags: `-l` files, then `-y` pairs (`name=<value as JSON>`). */
export interface VarSettings {
  readonly varsFiles: readonly string[];
  readonly yamlVars: readonly string[];
}

/**
 * Reads the vars of {@link VarSettings} as `hangar validate -l ... -y ...` reads its flags (the CLI's reader,
 * given by `hangar lsp`): files relative to `root` (the server's working directory when undefined); undefined
 * when none is given; a file that cannot be read or parsed, or a malformed pair, is `{ error }` naming it.
 */
export type VarsReader = (
  given: VarSettings,
  root: string | undefined,
) => Promise<TemplateVars | undefined | { readonly error: string }>;

/** The vars of a client's settings (the object holding the `hangar` section), or what is wrong with them. */
export function varSettingsOf(settings: unknown): VarSettings | { readonly problem: string } {
  const section = isObject(settings) ? settings.hangar : undefined;
  if (!isObject(section)) return { varsFiles: [], yamlVars: [] };
  const { varsFiles = [], vars = {} } = section;
  if (!Array.isArray(varsFiles) || !varsFiles.every((f) => typeof f === "string"))
    return { problem: "hangar.varsFiles must be a list of file names" };
  if (!isObject(vars)) return { problem: "hangar.vars must be a mapping of var names to values" };
  return {
    varsFiles,
    yamlVars: Object.entries(vars).map(([name, value]) => `${name}=${JSON.stringify(value ?? null)}`),
  };
}

/** The folder vars files are relative to: the workspace's root (`rootUri`, else the first folder, else `rootPath`). */
export function workspaceRoot(params: unknown): string | undefined {
  if (!isObject(params)) return undefined;
  const { rootUri, workspaceFolders, rootPath } = params;
  const folder = Array.isArray(workspaceFolders) && isObject(workspaceFolders[0]) ? workspaceFolders[0].uri : undefined;
  for (const uri of [rootUri, folder]) {
    if (typeof uri !== "string" || !uri.startsWith("file:")) continue;
    try {
      return fileURLToPath(uri);
    } catch {
      // a file URI the platform cannot read as a path (a host on POSIX): the next one, if any
    }
  }
  return typeof rootPath === "string" ? rootPath : undefined;
}
