/**
 * The var names Concourse refuses, found without vars: `fly validate-pipeline` puts its vars in place even when none
 * is given (templatehelpers `Evaluate`, vars/template.go), reading the name of every `((var))` of every string (the
 * keys of every mapping too, each after its value) with
 * `ParseReference`, and a name it refuses (`((a..b))`, `((a."b))`) fails the file there, before the pipeline is read.
 * `fly execute -c` reads a task config file so too (the same templating, before `atc.NewTaskConfig`), and so does a
 * task step when it runs (`InterpolateTemplateConfigSource`, atc/exec/task_config_source.go: every task's config, a
 * file's or an inline one, is interpolated with the build's vars, all of its names read).
 */
import { mayRefuseVar, refusedVar } from "../concourse/vars.ts";
import type { Pipeline } from "../model/pipeline.ts";
import type { TaskConfig } from "../model/task.ts";
import type { KnownMappings } from "../parse/known-mappings.ts";
import { varProblemDiagnostic } from "../parse/vars.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { scanStrings } from "./rules/lib/scan-strings.ts";
import type { StringCensus } from "./rules/lib/string-census.ts";

/**
 * A `vars/interpolation` error for each string of the pipeline (or task config file) holding a `((var))` whose name
 * Concourse refuses, at the string's path (a key's: the path of its entry, marked `onKey` to be located at the key
 * itself), with the error for its first such name (as the vars path reports it). Only when the census saw a string or key that may hold one
 * ({@link mayRefuseVar}), and then the names of those strings alone are read; with no census (`undefined`: a pipeline
 * the rules do not read took none), the scan's own quick pass asks the same cheap test first.
 *
 * fly stops at the first it meets, which of several is first following Go's map order; hangar names them all.
 */
export function refusedVarNames(
  pipeline: Readonly<Pipeline> | Readonly<TaskConfig>,
  census: StringCensus | undefined,
  known: KnownMappings | undefined,
): Diagnostic[] {
  if (census?.mayRefuseVar === false) return [];
  const found: Diagnostic[] = [];
  scanStrings(
    pipeline,
    [],
    (string) => {
      const message = refusedVar(string.value);
      if (message === undefined) return;
      found.push(varProblemDiagnostic({ path: string.path(), message, ...(string.isKey && { onKey: true }) }));
    },
    { only: mayRefuseVar, known, keys: true },
  );
  return found;
}

/**
 * The findings of a file in which fly refuses a var name: those refused names alone (beside hangar's warnings about
 * reading the file, such as a second document fly never reads); `found` as it is when it holds none.
 *
 * fly puts its vars in place (templatehelpers `Evaluate`, vars/template.go) after it reads the YAML and before it
 * decodes the pipeline (validatepipelinehelpers `Validate`; `fly execute` before `NewTaskConfig`), and a name it
 * refuses ends it there: it prints that error alone, never a value of the wrong type, an unknown key or a check of
 * configvalidate. hangar shows what fly shows, whatever the pipeline's shape, on every path (text, data, a module's
 * value) and whether vars were given or not (with vars given the parse stops at the same names): the same document
 * gets the same findings everywhere, and `--format fly` prints the line fly prints. The findings after it are
 * reported once the names are mended, as fly reports them.
 */
export function stopAtRefusedNames(found: readonly Diagnostic[]): readonly Diagnostic[] {
  if (!found.some(isRefusedName)) return found;
  return found.filter((d) => isRefusedName(d) || isReadingNote(d));
}

/** A var fly refuses or could not put in place, which ends fly's read of the pipeline. */
const isRefusedName = (d: Diagnostic): boolean => d.ruleId === "vars/interpolation" && d.severity === "error";

/** hangar's warning about reading the file (a second document, a repeated key), found before vars are put in place. */
const isReadingNote = (d: Diagnostic): boolean => d.ruleId.startsWith("yaml/") && d.severity === "warning";
