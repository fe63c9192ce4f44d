import { readdir, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { type ImportedModule, type ImportOptions, importPipeline } from "../import/to-typescript.ts";
import { printable } from "../source/printable.ts";
import { commandError } from "./define-command.ts";
import { isFileEntry } from "./file-paths.ts";
import { fileProblem } from "./file-problem.ts";
import type { Io } from "./io.ts";
import { NOT_A_PIPELINE, type NotAPipeline } from "./not-a-pipeline.ts";
import { onceEach, PIPELINE_EXTENSIONS } from "./validate-inputs.ts";

/** The pipeline files named by the arguments: files as given, folders as the YAML and JSON files in them. */
export async function collectInputs(
  args: readonly string[],
  io: Io,
): Promise<{ ok: true; files: string[]; found: ReadonlySet<string> } | { ok: false; message: string }> {
  const files: string[] = [];
  const found = new Set<string>();
  const named = new Set<string>();
  for (const arg of args) {
    if (arg === "-") {
      files.push(arg);
      continue;
    }
    const path = resolve(io.cwd(), arg);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) return { ok: false, message: `${arg}: no such file or folder` };
    if (!info.isDirectory()) {
      files.push(arg);
      named.add(path);
      continue;
    }
    const inside = (await readdir(path, { withFileTypes: true }))
      .filter((e) => PIPELINE_EXTENSIONS.has(extname(e.name)) && !e.name.startsWith(".") && isFileEntry(e, path))
      .map((e) => e.name)
      .sort();
    if (inside.length === 0) return { ok: false, message: `${arg}: no .yml, .yaml or .json file in this folder` };
    for (const name of inside) {
      files.push(join(arg, name));
      found.add(join(arg, name));
    }
  }
  // a file named on its own is imported whatever it is; a file given twice (named, and in a folder given too) once
  for (const file of found) if (named.has(resolve(io.cwd(), file))) found.delete(file);
  return { ok: true, files: onceEach(files, io.cwd()), found };
}

/** One imported pipeline: where its modules go (a file, or a folder when split) and the modules. */
export interface ImportedFile {
  readonly file: string;
  /** The output path relative to `--out-dir`: `<name>.ts`, or with a split `<name>/` (its modules inside). */
  readonly target: string;
  readonly modules: readonly ImportedModule[];
}

/**
 * Imports every file, in memory; nothing is written when one fails. Messages (notes, and each failure
 * with its file and position) are returned for stderr. A file of `found` (a folder's, not named on its own) that is
 * plainly no pipeline (a task config file, a vars file) is passed by with a note, as `hangar validate` passes by
 * another tool's file.
 */
export async function importFiles(
  files: readonly string[],
  io: Io,
  options: Omit<ImportOptions, "file">,
  found: ReadonlySet<string> = new Set(),
): Promise<{ ok: boolean; imported: ImportedFile[]; messages: string[] }> {
  const imported: ImportedFile[] = [];
  const messages: string[] = [];
  const targets = new Map<string, string>();
  let ok = true;
  for (const file of files) {
    const shown = file === "-" ? "<stdin>" : file;
    let text: Uint8Array;
    try {
      text = file === "-" ? await io.readStdinBytes() : await io.readBytes(resolve(io.cwd(), file));
    } catch (error) {
      messages.push(commandError("import", `cannot read ${shown}: ${fileProblem(error, "read")}`));
      ok = false;
      continue;
    }
    const result = importPipeline(text, { ...options, file: shown });
    if (!result.ok && result.notPipeline !== undefined && found.has(file)) {
      messages.push(`note: passed by ${shown}, found in a folder: ${PASSED_BY[result.notPipeline]}`);
      continue;
    }
    if (!result.ok) {
      for (const d of result.diagnostics) {
        const at = d.loc === undefined ? shown : `${d.loc.file ?? shown}:${d.loc.line}:${d.loc.col}`;
        messages.push(`${printable(at)}: ${printable(d.message)}`);
      }
      ok = false;
      continue;
    }
    for (const note of result.notes) messages.push(`${printable(shown)}: ${printable(note)}`);
    const name = file === "-" ? "pipeline" : basename(file, extname(file));
    const target = options.split === undefined ? `${name}.ts` : name;
    const other = targets.get(target);
    if (other !== undefined) {
      messages.push(commandError("import", `${other} and ${shown} would both be written to ${target}`));
      ok = false;
      continue;
    }
    targets.set(target, shown);
    imported.push({
      file,
      target: options.split === undefined ? "" : target,
      modules: renameSingle(result.modules, target, options),
    });
  }
  return { ok, imported, messages };
}

/** What a file a folder's walk found and import passes by is, by the kind of file it plainly is. */
const PASSED_BY: Readonly<Record<NotAPipeline, string>> = {
  task: `${NOT_A_PIPELINE.task} (\`hangar validate\` checks it)`,
  other: NOT_A_PIPELINE.other,
};

/** A single module is written as `<name>.ts`; split modules keep their names inside `<name>/`. */
function renameSingle(
  modules: readonly ImportedModule[],
  target: string,
  options: Omit<ImportOptions, "file">,
): ImportedModule[] {
  return options.split === undefined ? modules.map((m) => ({ ...m, file: target })) : [...modules];
}
