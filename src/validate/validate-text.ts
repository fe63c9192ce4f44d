import { type ParsedPipeline, parsePipeline } from "../parse/parse-pipeline.ts";
import { type Diagnostic, isAboutKey } from "../source/diagnostic.ts";
import { refusedVarNames } from "./refused-var-names.ts";
import { validate } from "./validate.ts";
import { validateTaskConfig } from "./validate-task-config.ts";
import {
  type FileValidation,
  finish,
  ruleOptions,
  secretsFromVars,
  type ValidateTextOptions,
} from "./validate-value.ts";

export { type FileValidation, hasErrors, type ValidateTextOptions, validateValue } from "./validate-value.ts";

/**
 * Parses and validates a pipeline from YAML or JSON text: parse and shape diagnostics first; the rules run
 * only when every value has the type Concourse expects (as fly, which stops at a decoding error). A `((var))` name
 * Concourse refuses is reported whatever the shape, and alone (fly reads every name before it decodes the pipeline,
 * and stops at a bad one).
 * Given bytes (a file as read), bytes that are not valid UTF-8 are an error, as go-yaml makes them for fly.
 * Never throws.
 */
export function validateText(text: string | Uint8Array, options: ValidateTextOptions = {}): FileValidation {
  const parsed = parsePipeline(text, {
    file: options.file ?? "<input>",
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.vars === undefined ? {} : { vars: options.vars }),
    ...(options.as === undefined ? {} : { as: options.as }),
  });
  return validateParsed(parsed, options);
}

/**
 * The second half of {@link validateText}, for a caller that also reads the parsed value (the language
 * server takes the names it suggests from it): the rules run on a well-formed pipeline, each finding located
 * in the parsed text; on a pipeline that is not, the var names Concourse refuses are still looked for.
 * `options.file` names the file, as it was given to `parsePipeline`.
 */
export function validateParsed(parsed: ParsedPipeline, options: ValidateTextOptions = {}): FileValidation {
  const file = options.file ?? "<input>";
  const found: Diagnostic[] = [...parsed.diagnostics];
  const locateIn = (d: Diagnostic, target: "key" | "value"): Diagnostic => {
    const loc = parsed.locate(d.path, target);
    return loc === undefined ? d : { ...d, loc };
  };
  if (parsed.kind === "task") {
    if (parsed.wellFormed && parsed.taskConfig !== undefined) {
      // the unknown keys of a task config file are reported at the first of them
      for (const d of validateTaskConfig(parsed.taskConfig, options)) {
        found.push(locateIn(d, d.ruleId === "task-config-unknown-fields" ? "key" : "value"));
      }
    }
    if (parsed.taskConfig !== undefined && options.vars === undefined) {
      // fly execute puts its vars in place before it reads the config, as validate-pipeline does (and a task step
      // puts the build's in place when it runs): a name Concourse refuses stops it there, whatever the config's shape
      for (const d of refusedVarNames(parsed.taskConfig, undefined, parsed.knownMappings)) {
        found.push(locateIn(d, isAboutKey(d) ? "key" : "value"));
      }
    }
    return { file, diagnostics: finish(found, options.strict === true), readAs: "task" };
  }
  if (parsed.wellFormed && parsed.pipeline !== undefined) {
    const knownMappings = parsed.knownMappings;
    const withKnown = knownMappings === undefined ? options : { ...options, knownMappings };
    const ruled = validate(parsed.pipeline, ruleOptions(withKnown));
    const told = parsed.asWritten === undefined ? ruled : secretsFromVars(ruled, parsed.asWritten);
    for (const d of told) found.push(locateIn(d, isAboutKey(d) ? "key" : "value"));
  } else if (parsed.pipeline !== undefined && options.vars === undefined) {
    // fly's templating reads every var's name before the pipeline is decoded (templatehelpers `Evaluate`), and stops
    // at one it refuses, where a shape error would stop it later: `finish` keeps such names alone (see
    // stopAtRefusedNames). With vars given, the parse read the names. No census was taken of a pipeline the rules do
    // not read: the scan's own quick pass is the one walk.
    for (const d of refusedVarNames(parsed.pipeline, undefined, parsed.knownMappings))
      found.push(locateIn(d, isAboutKey(d) ? "key" : "value"));
  }
  const taskKeys = parsed.taskKeys === undefined ? {} : { taskKeys: parsed.taskKeys };
  return {
    file,
    diagnostics: finish(found, options.strict === true),
    ...taskKeys,
    ...(parsed.neither === true && { neither: true }),
  };
}
