import { resolve } from "node:path";
import { isObject } from "../model/common.ts";
import { fileProblem } from "./file-problem.ts";
import type { Io } from "./io.ts";
import { isModuleFile, LoadError, type LoadedDefinition, loadModule, type ModuleLoadOptions } from "./load-pipeline.ts";
import { NOT_A_PIPELINE, notAPipeline } from "./not-a-pipeline.ts";

/** A pipeline config read for comparing or setting: plain Concourse data, as fly would send it. */
export interface LoadedConfig {
  /** The config as plain data (`((vars))` as written). */
  readonly config: unknown;
  /** The definition, when the config came from a pipeline module (with the names `pipeline()` found undefined). */
  readonly definition?: LoadedDefinition;
}

/**
 * Reads a pipeline config from a pipeline module (rendered), a YAML or JSON file, or standard input
 * for `-`. The API's `{ "config": ... }` answer (what `GET .../config` returns) is read as its config.
 * Throws a {@link LoadError} naming the file (and line and column) when it cannot be read or parsed, or when a
 * module takes longer than `options.timeoutMs` to give its pipeline. A module's compile warnings go to `options.warn`,
 * else to stderr.
 */
export async function loadConfig(
  file: string,
  io: Io,
  options: Pick<ModuleLoadOptions, "timeoutMs" | "warn"> = {},
): Promise<LoadedConfig> {
  if (file !== "-" && isModuleFile(file)) {
    const { notPlainData, notPlainDataError, warningsTo } = await import("./report.ts");
    const definition = await loadModule(file, io.cwd(), { ...options, warn: options.warn ?? warningsTo(io) });
    const [{ pipelineToConcourseData }, { findNotPlainData }] = await Promise.all([
      import("../render/to-concourse.ts"),
      import("../walk/plain-data.ts"),
    ]);
    let config: unknown;
    try {
      config = pipelineToConcourseData(definition.pipeline);
    } catch (error) {
      throw notPlainData(definition.pipeline, file, error);
    }
    // what is compared and sent is JSON: a BigInt, a function, a symbol, NaN or Infinity (which toConcourseData keeps)
    // is refused as render refuses it, not compared or written as YAML
    const found = findNotPlainData(config);
    if (found !== undefined) throw notPlainDataError(file, found);
    return { config, definition };
  }
  // bytes, as fly and `hangar validate` read a file: UTF-16 with its byte order mark, and invalid UTF-8 at its place
  let bytes: Uint8Array;
  try {
    bytes = file === "-" ? await io.readStdinBytes() : await io.readBytes(resolve(io.cwd(), file));
  } catch (error) {
    throw new LoadError(`cannot read ${file}: ${fileProblem(error, "read")}`, error);
  }
  const [{ parsePipeline }, { STDIN_NAME }] = await Promise.all([
    import("../parse/parse-pipeline.ts"),
    import("./validate-inputs.ts"),
  ]);
  const shown = file === "-" ? STDIN_NAME : file;
  // read as validate reads it, so that a task config file or another tool's file is said to be one
  const parsed = parsePipeline(bytes, { file: shown, as: "auto" });
  const kind = notAPipeline(parsed);
  if (kind === "task") {
    throw new LoadError(`${shown} is ${NOT_A_PIPELINE.task} (\`hangar validate ${file}\` checks it)`);
  }
  const broken = parsed.diagnostics.find(
    (d) => d.severity === "error" && (d.ruleId.startsWith("yaml/") || d.ruleId.startsWith("input/")),
  );
  if (broken !== undefined || parsed.pipeline === undefined) {
    const where = broken?.loc ? `${shown}:${broken.loc.line}:${broken.loc.col}` : shown;
    const message = broken?.message ?? "not a pipeline (expected a mapping)";
    throw new LoadError(`${where}: ${message}`);
  }
  const config: unknown = parsed.pipeline;
  const wrapped = isObject(config) && Object.keys(config).length === 1 && isObject(config.config);
  if (kind === "other" && !wrapped) {
    throw new LoadError(`${shown} is ${NOT_A_PIPELINE.other}`);
  }
  return { config: wrapped ? config.config : config };
}
