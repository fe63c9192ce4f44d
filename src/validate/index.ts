export { type InputFormat, type ParsedPipeline, type ParseOptions, parsePipeline } from "../parse/parse-pipeline.ts";
export type { Diagnostic, Parity, Severity, SourceLoc } from "../source/diagnostic.ts";
export { concourseContext, flyLine } from "./concourse-context.ts";
export { defineRule, type Rule, type RuleContext } from "./define-rule.ts";
export {
  type FormatOptions,
  formatResults,
  type JsonDiagnostic,
  type JsonFileResult,
  OUTPUT_FORMATS,
  type OutputFormat,
  toJson,
} from "./format.ts";
export { rules } from "./rules/index.ts";
export { type RuleSetting, type ValidateOptions, validate } from "./validate.ts";
export { type ValidateTextOptions, validateText } from "./validate-text.ts";
export { type FileValidation, hasErrors, validateValue } from "./validate-value.ts";
