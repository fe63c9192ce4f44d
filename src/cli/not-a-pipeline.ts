import type { ParsedPipeline } from "../parse/parse-pipeline.ts";

/** What a file given as a pipeline plainly is instead, as `hangar validate` tells them apart. */
export type NotAPipeline = "task" | "other";

/** What a file read `as: "auto"` plainly is when it is no pipeline: undefined for a pipeline, or what may be one. */
export const notAPipeline = (parsed: Pick<ParsedPipeline, "kind" | "neither">): NotAPipeline | undefined =>
  parsed.kind === "task" ? "task" : parsed.neither === true ? "other" : undefined;

/** How the commands that take a pipeline (diff, apply, graph, import) say what such a file is. */
export const NOT_A_PIPELINE: Readonly<Record<NotAPipeline, string>> = {
  task: "a task config file, not a pipeline",
  other: "neither a pipeline nor a task config (no key of either at the top level)",
};
