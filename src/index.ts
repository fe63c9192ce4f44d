export * from "./factories/index.ts";
export {
  doSteps,
  type GetOptions,
  get,
  type InParallelOptions,
  inParallel,
  type PutOptions,
  put,
  type TaskOptions,
  task,
  tryStep,
  withModifiers,
} from "./factories/steps.ts";
export { type Fragment, type FragmentParts, fragment } from "./fragment/fragment.ts";
export { type Conflict, FragmentConflictError, mergeFragments } from "./fragment/merge-fragments.ts";
export { type PipelineParts, pipeline } from "./fragment/pipeline.ts";
export * from "./model/index.ts";
export { type FlyCommandOptions, flyCommand, shellQuote } from "./render/fly-command.ts";
export { type RenderYamlOptions, renderJson, renderYaml } from "./render/render.ts";
export { toConcourse } from "./render/to-concourse.ts";
export { formatPath } from "./source/path.ts";
export { type JobStep, type WalkedStep, walkPipelineSteps, walkStep, walkSteps } from "./walk/walk-steps.ts";
