import { parsePipeline } from "../parse/parse-pipeline.ts";
import { type Diagnostic, isAboutKey } from "../source/diagnostic.ts";
import { validate } from "./validate.ts";
import { type FileValidation, finish, type ValidateTextOptions } from "./validate-value.ts";

export { type FileValidation, hasErrors, type ValidateTextOptions, validateValue } from "./validate-value.ts";

/**
 * Parses and validates a pipeline from YAML or JSON text: parse and shape diagnostics first; the rules run
 * only when every value has the type Concourse expects (as fly, which stops at a decoding error).
 * Given bytes (a file as read), bytes that are not valid UTF-8 are an error, as go-yaml makes them for fly.
 * Never throws.
 */
export function validateText(text: string | Uint8Array, options: ValidateTextOptions = {}): FileValidation {
  const file = options.file ?? "<input>";
  const parsed = parsePipeline(text, {
    file,
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.vars === undefined ? {} : { vars: options.vars }),
  });
  const found: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.wellFormed && parsed.pipeline !== undefined) {
    for (const d of validate(parsed.pipeline, options)) {
      const loc = parsed.locate(d.path, isAboutKey(d) ? "key" : "value");
      found.push(loc === undefined ? d : { ...d, loc });
    }
  }
  return { file, diagnostics: finish(found, options.strict === true) };
}
