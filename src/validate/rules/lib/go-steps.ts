/**
 * How Concourse's StepValidator sees the steps of each job: the core kind by `StepPrecedence`, the keys each
 * wrapper and core step consumes, the order in which `Visit` reaches the steps (hooks in Go's wrapping order)
 * and the label it gives the core step in its context (`.get(src)`; the whole context is
 * `concourseContext()` of src/validate/concourse-context.ts).
 * Built from the ONE walker's output (`ctx.steps()`), once per validation run.
 */
import type { Path } from "../../../model/common.ts";
import type { Pipeline } from "../../../model/pipeline.ts";
import { STEP_KINDS, type StepKind } from "../../../model/step.ts";
import { analyzeStep, STEP_PRECEDENCE } from "../../../parse/step-fields.ts";
import type { JobStep } from "../../../walk/walk-steps.ts";
import { goString, has, isObject, type Obj } from "./values.ts";

/** A step with everything StepValidator derives from its position. */
export interface GoStep {
  readonly step: Obj;
  readonly path: Path;
  readonly job: Obj;
  readonly jobIndex: number;
  /** The core step type (first core key by precedence), or undefined when there is none. */
  readonly kind: StepKind | undefined;
  /** The step carries `across:` (a wrapper around its core step). */
  readonly hasAcross: boolean;
  /** The nearest enclosing step, undefined for a plan step or a job hook. */
  readonly parent: GoStep | undefined;
  /** How the step hangs off its parent: a nested step of do/try/in_parallel, or a hook. */
  readonly relation: "plan" | "job-hook" | "nested" | "hook";
  /** The name field the identifier check reads (`get`, `task`, `run`, ...), or undefined for do/try/in_parallel. */
  readonly name: string | undefined;
}

const CORE_FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  STEP_PRECEDENCE.filter((e) => !e.wrapper).map((e) => [e.key, new Set<string>(e.fields)]),
);
/** Wrapper keys (always consumed when present; `fail_fast` only with `across`). */
const WRAPPER_FIELDS: ReadonlySet<string> = new Set(STEP_PRECEDENCE.filter((e) => e.wrapper).map((e) => e.key));

/**
 * The keys of a step no wrapper or core step consumes (Go's `Step.UnknownFields`), sorted; the common case (no
 * unknown key) is answered without building the parser's full analysis.
 */
export function unknownStepFields(step: Obj): readonly string[] {
  const kind = coreKind(step);
  const fields = kind === undefined ? undefined : CORE_FIELDS.get(kind);
  if (fields === undefined) return [];
  for (const key in step) {
    if (fields.has(key) || WRAPPER_FIELDS.has(key) || (key === "fail_fast" && has(step, "across"))) continue;
    return analyzeStep(step).unknownFields;
  }
  return [];
}

const CORE_RANK: ReadonlyMap<string, number> = new Map(STEP_KINDS.map((k, i) => [k, i]));

/** The core step kind by precedence (the first of STEP_KINDS among the step's keys). */
export function coreKind(step: Obj): StepKind | undefined {
  let best: number = STEP_KINDS.length;
  for (const key in step) {
    const rank = CORE_RANK.get(key);
    if (rank !== undefined && rank < best && Object.hasOwn(step, key)) best = rank;
  }
  return (STEP_KINDS as readonly StepKind[])[best];
}

/** `timeout:` wraps the core step only when no core step before it in precedence consumed it. */
export const timeoutIsWrapper = (g: GoStep): boolean =>
  has(g.step, "timeout") && g.kind !== undefined && !["run", "task", "put", "get"].includes(g.kind);

/** The hook keys in the order Go visits them (innermost wrapper first). */
export const GO_HOOK_ORDER = ["on_success", "on_failure", "on_abort", "on_error", "ensure"] as const;
const HOOK_RANK: Readonly<Record<string, number>> = {
  on_success: 1,
  on_failure: 2,
  on_abort: 3,
  on_error: 4,
  ensure: 5,
};
const isHookKey = (seg: unknown): boolean => typeof seg === "string" && Object.hasOwn(HOOK_RANK, seg);

/** The name field the identifier check reads: `get`, `put`, `task`, `set_pipeline`, `load_var`, or `run`'s message. */
function nameOf(step: Obj, kind: StepKind | undefined): string | undefined {
  switch (kind) {
    case "get":
    case "put":
    case "task":
    case "set_pipeline":
    case "load_var":
      return goString(step[kind]) ?? "";
    case "run":
      return goString(step.run) ?? "";
    default:
      return undefined;
  }
}

/** The core step's own element of Go's context: `.get(src)`, `.run(proto.msg)`; empty for do/try/in_parallel. */
export function goLabel(g: GoStep): string {
  if (g.kind === undefined || g.name === undefined) return "";
  if (g.kind === "run") return `.run(${goString(g.step.type) ?? ""}.${g.name})`;
  return `.${g.kind}(${g.name})`;
}

/** Builds the Go view of every job's steps from the walker's output; `byJob[i]` is in Go's visit order. */
export function buildGoSteps(pipeline: Readonly<Pipeline>, steps: readonly JobStep[]): GoSteps {
  const byJob: GoStep[][] = [];
  // the last step seen at each depth: the walker yields parents before children, so a step's parent is the
  // last step one level up
  const atDepth: GoStep[] = [];
  const needsSort = new Set<number>();
  const jobs: unknown = pipeline.jobs;
  let job: Obj = {};
  let list: GoStep[] = [];
  let currentJob = -1;
  for (const s of steps) {
    if (s.jobIndex !== currentJob) {
      currentJob = s.jobIndex;
      const j = Array.isArray(jobs) ? jobs[currentJob] : undefined;
      job = isObject(j) ? j : {};
      list = byJob[currentJob] ?? [];
      byJob[currentJob] = list;
    }
    const path = s.path;
    const parent = s.depth > 0 ? atDepth[s.depth - 1] : undefined;
    const step = s.step as unknown as Obj;
    const kind = coreKind(step);
    let relation: GoStep["relation"];
    if (parent === undefined) relation = path[2] === "plan" ? "plan" : "job-hook";
    else relation = isHookKey(path[parent.path.length]) ? "hook" : "nested";
    if (relation === "hook" || relation === "job-hook") {
      if (path[path.length - 1] === "on_abort") needsSort.add(currentJob);
    }
    const g: GoStep = {
      step,
      path,
      job,
      jobIndex: currentJob,
      kind,
      hasAcross: has(step, "across"),
      parent,
      relation,
      name: nameOf(step, kind),
    };
    list.push(g);
    atDepth[s.depth] = g;
  }
  // The walker visits hooks as on_success, on_failure, on_error, on_abort, ensure; Go visits on_abort before on_error.
  for (const j of needsSort) (byJob[j] as GoStep[]).sort((a, b) => compareGoOrder(a.path, b.path));
  return { byJob: Array.from(byJob, (l) => l ?? []) };
}

export interface GoSteps {
  /** Per job index, the job's steps in the order StepValidator visits them. */
  readonly byJob: readonly (readonly GoStep[])[];
}

const cache = new WeakMap<readonly JobStep[], GoSteps>();

/** The Go view of the pipeline's steps, computed once per validation run (keyed by the run's step list). */
export function goSteps(ctx: { readonly pipeline: Readonly<Pipeline>; steps(): readonly JobStep[] }): GoSteps {
  const steps = ctx.steps();
  let out = cache.get(steps);
  if (out === undefined) {
    out = buildGoSteps(ctx.pipeline, steps);
    cache.set(steps, out);
  }
  return out;
}

function compareGoOrder(a: Path, b: Path): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    const rx = typeof x === "number" ? 0 : (HOOK_RANK[x as string] ?? 0);
    const ry = typeof y === "number" ? 0 : (HOOK_RANK[y as string] ?? 0);
    if (rx !== ry) return rx - ry;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
