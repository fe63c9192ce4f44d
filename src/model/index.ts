export type { Compact, Duration, JsonValue, Named, Params, Path, PathSegment, Ref, Tags, Version } from "./common.ts";
export { compact, nameOf } from "./common.ts";
export { HangarError, isHangarError } from "./errors.ts";
export type { Group } from "./group.ts";
export type { BuildLogRetention, Job } from "./job.ts";
export type { AcrossVar, HookKey, ModifierKey, StepModifiers } from "./modifiers.ts";
export { HOOK_KEYS, MODIFIER_KEYS } from "./modifiers.ts";
export type { Display, Pipeline } from "./pipeline.ts";
export type { Resource } from "./resource.ts";
export type { Prototype, ResourceType } from "./resource-type.ts";
export type {
  DoStep,
  GetStep,
  InParallelConfig,
  InParallelStep,
  LoadVarStep,
  PutStep,
  RunStep,
  SetPipelineStep,
  Step,
  StepKind,
  StepOf,
  TaskStep,
  TryStep,
} from "./step.ts";
export { inParallelSteps, isStepKind, STEP_KINDS, stepKind, stepKindOrUndefined } from "./step.ts";
export type {
  ContainerLimits,
  ImageResource,
  Platform,
  TaskCache,
  TaskConfig,
  TaskInput,
  TaskOutput,
  TaskRunConfig,
} from "./task.ts";
export type { VarSource } from "./var-source.ts";
