import { argumentError, expectObject } from "../model/arguments.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { explainNotPlainData } from "../walk/plain-data.ts";
import { toConcourseForText } from "./to-concourse.ts";
import { toYaml, yamlComment, yamlSafeJson } from "./yaml.ts";

/**
 * The pipeline as Concourse reads it, in JSON that go-yaml (fly's reader) reads as JSON does: 2-space indent, canonical
 * key order, trailing newline. Data JSON cannot hold unchanged (a cycle, a BigInt, NaN or Infinity, a function, a
 * symbol, a Date) is an `api/argument` error naming its path, as {@link renderYaml} gives.
 */
export function renderJson(pipeline: Pipeline): string {
  expectObject("renderJson", "pipeline", pipeline);
  try {
    return `${yamlSafeJson(toConcourseForText(pipeline), 2)}\n`;
  } catch (error) {
    throw explainNotPlainData("renderJson", "the pipeline", pipeline, error);
  }
}

/**
 * The pipeline converted to Concourse's data once, and that data written as JSON or YAML: for a
 * caller that also validates what it writes, without converting again. `data` shares the parts of
 * `pipeline` that needed no change: read it, never keep or change it.
 */
export function renderData(pipeline: Pipeline, format: "json" | "yaml"): { data: unknown; text: string } {
  const data = toConcourseForText(pipeline);
  return { data, text: format === "yaml" ? toYaml(data) : `${yamlSafeJson(data, 2)}\n` };
}

/** Options of {@link renderYaml}. */
export interface RenderYamlOptions {
  /** Comment lines written at the top of the document. */
  readonly header?: string | undefined;
}

/**
 * The pipeline as Concourse reads it, in block-style YAML that Concourse's YAML 1.1 parser reads back
 * unchanged (ambiguous strings such as `on`, `yes`, `0755` are quoted).
 */
export function renderYaml(pipeline: Pipeline, options: RenderYamlOptions = {}): string {
  expectObject("renderYaml", "pipeline", pipeline);
  expectObject("renderYaml", "options", options);
  if (options.header !== undefined && typeof options.header !== "string") {
    throw argumentError("renderYaml", "option 'header'", "a string", options.header);
  }
  let body: string;
  try {
    body = toYaml(toConcourseForText(pipeline));
  } catch (error) {
    throw explainNotPlainData("renderYaml", "the pipeline", pipeline, error);
  }
  if (options.header === undefined) return body;
  return `${yamlComment(options.header)}\n${body}`;
}
