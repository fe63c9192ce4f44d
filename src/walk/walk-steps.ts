import { isObject, type Path, type PathSegment } from "../model/common.ts";
import type { Job } from "../model/job.ts";
import { HOOK_KEYS } from "../model/modifiers.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { type Step, type StepKind, stepKindOrUndefined } from "../model/step.ts";

/** A step found by {@link walkSteps}, with its literal path in the pipeline document. */
export interface WalkedStep {
  readonly step: Step;
  readonly path: Path;
  /** How deep the step is nested below the plan (0 for a plan's own steps). */
  readonly depth: number;
}

/**
 * The one traversal of build plans: yields every step of `steps`, nested ones included (do, try,
 * in_parallel in both forms, and hooks), parents before children, with literal YAML paths such as
 * `["jobs", 1, "plan", 4, "in_parallel", 0]`. Values that are not objects are skipped, so it is safe
 * on parsed, unvalidated input.
 */
export function* walkSteps(steps: unknown, at: Path, depth = 0): Generator<WalkedStep> {
  if (!Array.isArray(steps)) return;
  for (let i = 0; i < steps.length; i++) yield* walkStep(steps[i], [...at, i], depth);
}

/** Like {@link walkSteps} for a single step (and everything nested in it). */
export function* walkStep(step: unknown, path: Path, depth = 0): Generator<WalkedStep> {
  if (!isObject(step)) return;
  yield { step: step as unknown as Step, path, depth };
  const kind = stepKindOrUndefined(step);
  if (kind === "do") yield* walkSteps(step.do, [...path, "do"], depth + 1);
  else if (kind === "try") yield* walkStep(step.try, [...path, "try"], depth + 1);
  else if (kind === "in_parallel") {
    const p = step.in_parallel;
    if (Array.isArray(p)) yield* walkSteps(p, [...path, "in_parallel"], depth + 1);
    else if (isObject(p)) yield* walkSteps(p.steps, [...path, "in_parallel", "steps"], depth + 1);
  }
  for (const hook of HOOK_KEYS) {
    if (step[hook] !== undefined) yield* walkStep(step[hook], [...path, hook], depth + 1);
  }
}

/** A step of a job, with the job and its index. */
export interface JobStep extends WalkedStep {
  readonly job: Job;
  readonly jobIndex: number;
}

/** Every step of every job of a pipeline: plan steps and the job's own hooks. */
export function* walkPipelineSteps(pipeline: Pick<Pipeline, "jobs">): Generator<JobStep> {
  const jobs: unknown = pipeline.jobs;
  if (!Array.isArray(jobs)) return;
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    if (!isObject(job)) continue;
    const at: Path = ["jobs", j];
    for (const s of walkSteps(job.plan, [...at, "plan"])) yield { ...s, job: job as unknown as Job, jobIndex: j };
    for (const hook of HOOK_KEYS) {
      if (job[hook] !== undefined) {
        for (const s of walkStep(job[hook], [...at, hook])) yield { ...s, job: job as unknown as Job, jobIndex: j };
      }
    }
  }
}

/** How a step hangs off what holds it. */
export type StepRelation =
  /** one of a job's `plan` steps */
  | "plan"
  /** a job's own hook (`on_failure`, `ensure`, ...) */
  | "job-hook"
  /** a step of a `do`, `try` or `in_parallel` */
  | "nested"
  /** a step's hook */
  | "hook";

/** A step collected by {@link collectPipelineSteps}: a {@link JobStep} with its kind and the step holding it. */
export interface CollectedStep extends JobStep {
  /** The core step kind (by precedence), `undefined` when the step has none. */
  readonly kind: StepKind | undefined;
  /** The nearest enclosing step, `undefined` for a plan step or a job hook. */
  readonly parent: CollectedStep | undefined;
  readonly relation: StepRelation;
}

/**
 * The same steps as {@link walkPipelineSteps}, in the same order with the same paths, collected into an
 * array without generators, closures or spreads (several times faster on large pipelines; the validator
 * calls it once per run). Each also carries what the walk knows anyway: its kind and its parent.
 */
export function collectPipelineSteps(pipeline: Pick<Pipeline, "jobs">): CollectedStep[] {
  const out: CollectedStep[] = [];
  const jobs: unknown = pipeline.jobs;
  if (!Array.isArray(jobs)) return out;
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    if (!isObject(job)) continue;
    const plan = job.plan;
    if (Array.isArray(plan)) {
      for (let i = 0; i < plan.length; i++) {
        collectStep(out, plan[i], ["jobs", j, "plan", i], undefined, "plan", job, j);
      }
    }
    for (let h = 0; h < HOOK_KEYS.length; h++) {
      const hook = HOOK_KEYS[h] as string;
      if (job[hook] !== undefined) collectStep(out, job[hook], ["jobs", j, hook], undefined, "job-hook", job, j);
    }
  }
  return out;
}

function collectStep(
  out: CollectedStep[],
  value: unknown,
  path: Path,
  parent: CollectedStep | undefined,
  relation: StepRelation,
  job: Record<string, unknown>,
  jobIndex: number,
): void {
  if (!isObject(value)) return;
  const kind = stepKindOrUndefined(value);
  const depth = parent === undefined ? 0 : parent.depth + 1;
  const self: CollectedStep = {
    step: value as unknown as Step,
    path,
    depth,
    job: job as unknown as Job,
    jobIndex,
    kind,
    parent,
    relation,
  };
  out.push(self);
  if (kind === "do") collectList(out, value.do, path, "do", undefined, self);
  else if (kind === "try") collectStep(out, value.try, append(path, "try"), self, "nested", job, jobIndex);
  else if (kind === "in_parallel") {
    const p = value.in_parallel;
    if (Array.isArray(p)) collectList(out, p, path, "in_parallel", undefined, self);
    else if (isObject(p)) collectList(out, p.steps, path, "in_parallel", "steps", self);
  }
  for (let h = 0; h < HOOK_KEYS.length; h++) {
    const hook = HOOK_KEYS[h] as string;
    if (value[hook] !== undefined) collectStep(out, value[hook], append(path, hook), self, "hook", job, jobIndex);
  }
}

/** The steps of a list at `path` + `a` (+ `b`), each at its index. */
function collectList(
  out: CollectedStep[],
  steps: unknown,
  path: Path,
  a: string,
  b: string | undefined,
  parent: CollectedStep,
): void {
  if (!Array.isArray(steps)) return;
  const job = parent.job as unknown as Record<string, unknown>;
  const n = path.length;
  for (let i = 0; i < steps.length; i++) {
    const at = copyPath(path, b === undefined ? 2 : 3);
    at[n] = a;
    if (b === undefined) at[n + 1] = i;
    else {
      at[n + 1] = b;
      at[n + 2] = i;
    }
    collectStep(out, steps[i], at, parent, "nested", job, parent.jobIndex);
  }
}

/** `[...path, seg]` without the iterator protocol. */
function append(path: Path, seg: PathSegment): Path {
  const at = copyPath(path, 1);
  at[path.length] = seg;
  return at;
}

/** A copy of `path` with room for `extra` more segments, allocated at its final size (paths are kept). */
function copyPath(path: Path, extra: number): PathSegment[] {
  const n = path.length;
  const at = new Array<PathSegment>(n + extra);
  for (let k = 0; k < n; k++) at[k] = path[k] as PathSegment;
  return at;
}
