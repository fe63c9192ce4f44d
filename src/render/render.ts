import { argumentError, expectObject } from "../model/arguments.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { toConcourseForText } from "./to-concourse.ts";
import { toYaml } from "./yaml.ts";

/** The pipeline as Concourse reads it, in JSON: 2-space indent, canonical key order, trailing newline. */
export function renderJson(pipeline: Pipeline): string {
  expectObject("renderJson", "pipeline", pipeline);
  return `${JSON.stringify(toConcourseForText(pipeline), null, 2)}\n`;
}

/**
 * The pipeline converted to Concourse's data once, and that data written as JSON or YAML: for a
 * caller that also validates what it writes, without converting again. `data` shares the parts of
 * `pipeline` that needed no change: read it, never keep or change it.
 */
export function renderData(pipeline: Pipeline, format: "json" | "yaml"): { data: unknown; text: string } {
  const data = toConcourseForText(pipeline);
  return { data, text: format === "yaml" ? toYaml(data) : `${JSON.stringify(data, null, 2)}\n` };
}

/** Options of {@link renderYaml}. */
export interface RenderYamlOptions {
  /** Comment lines written at the top of the document. */
  readonly header?: string;
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
  const body = toYaml(toConcourseForText(pipeline));
  if (options.header === undefined) return body;
  // every line break a YAML 1.1 parser knows, so no part of the header escapes its comment
  const comment = options.header
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    .map((line) => (line === "" ? "#" : `# ${line}`))
    .join("\n");
  return `${comment}\n${body}`;
}
