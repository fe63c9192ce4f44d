import type { Path } from "../model/common.ts";
import type { Job } from "../model/job.ts";
import { HOOK_KEYS } from "../model/modifiers.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { type Step, stepKindOrUndefined } from "../model/step.ts";

/** A step found by {@link walkSteps}, with its literal path in the pipeline document. */
export interface WalkedStep {
  readonly step: Step;
  readonly path: Path;
  /** How deep the step is nested below the plan (0 for a plan's own steps). */
  readonly depth: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

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

/**
 * The same steps as {@link walkPipelineSteps}, in the same order with the same paths, collected into an
 * array without generators (several times faster on large pipelines; the validator calls it once per run).
 */
export function collectPipelineSteps(pipeline: Pick<Pipeline, "jobs">): JobStep[] {
  const out: JobStep[] = [];
  const jobs: unknown = pipeline.jobs;
  if (!Array.isArray(jobs)) return out;
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    if (!isObject(job)) continue;
    const collect = (step: unknown, path: Path, depth: number): void => {
      if (!isObject(step)) return;
      out.push({ step: step as unknown as Step, path, depth, job: job as unknown as Job, jobIndex: j });
      const list = (steps: unknown, at: Path): void => {
        if (!Array.isArray(steps)) return;
        for (let i = 0; i < steps.length; i++) collect(steps[i], [...at, i], depth + 1);
      };
      const kind = stepKindOrUndefined(step);
      if (kind === "do") list(step.do, [...path, "do"]);
      else if (kind === "try") collect(step.try, [...path, "try"], depth + 1);
      else if (kind === "in_parallel") {
        const p = step.in_parallel;
        if (Array.isArray(p)) list(p, [...path, "in_parallel"]);
        else if (isObject(p)) list(p.steps, [...path, "in_parallel", "steps"]);
      }
      for (const hook of HOOK_KEYS) {
        if (step[hook] !== undefined) collect(step[hook], [...path, hook], depth + 1);
      }
    };
    const plan = job.plan;
    if (Array.isArray(plan)) for (let i = 0; i < plan.length; i++) collect(plan[i], ["jobs", j, "plan", i], 0);
    for (const hook of HOOK_KEYS) {
      if (job[hook] !== undefined) collect(job[hook], ["jobs", j, hook], 0);
    }
  }
  return out;
}
