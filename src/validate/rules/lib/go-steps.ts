/**
 * How Concourse's StepValidator sees the steps of each job: the core kind by `StepPrecedence`, the keys each
 * wrapper and core step consumes, the order in which `Visit` reaches the steps (hooks in Go's wrapping order)
 * and the label it gives the core step in its context (`.get(src)`; the whole context is
 * `concourseContext()` of src/validate/concourse-context.ts).
 * Built from the ONE walker's output (`ctx.steps()`), once per validation run.
 */
import type { Path } from "../../../model/common.ts";
import { STEP_KINDS, type StepKind } from "../../../model/step.ts";
import { analyzeStep, STEP_PRECEDENCE } from "../../../parse/step-fields.ts";
import type { CollectedStep, StepRelation } from "../../../walk/walk-steps.ts";
import { goString, has, type Obj } from "./values.ts";

/**
 * A step as StepValidator sees it: the walker's collected step (its kind, parent and relation included), typed
 * for defensive reading.
 */
export interface GoStep {
  readonly step: Obj;
  readonly path: Path;
  readonly job: Obj;
  readonly jobIndex: number;
  /** How deep the step is nested below the plan (0 for a plan step or a job hook). */
  readonly depth: number;
  /** The core step type (first core key by precedence), or undefined when there is none. */
  readonly kind: StepKind | undefined;
  /** The nearest enclosing step, undefined for a plan step or a job hook. */
  readonly parent: GoStep | undefined;
  /** How the step hangs off its parent: a nested step of do/try/in_parallel, or a hook. */
  readonly relation: StepRelation;
}

/** The step carries `across:` (a wrapper around its core step). */
export const hasAcross = (g: GoStep): boolean => has(g.step, "across");

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

/**
 * The name field the identifier check reads (`get`, `put`, `task`, `set_pipeline`, `load_var`, or `run`'s
 * message; `""` when it is not a string), or undefined for do/try/in_parallel and steps with no core type.
 */
export function stepName(g: GoStep): string | undefined {
  switch (g.kind) {
    case "get":
    case "put":
    case "task":
    case "set_pipeline":
    case "load_var":
    case "run":
      return goString(g.step[g.kind]) ?? "";
    default:
      return undefined;
  }
}

/** The core step's own element of Go's context: `.get(src)`, `.run(proto.msg)`; empty for do/try/in_parallel. */
export function goLabel(g: GoStep): string {
  const name = stepName(g);
  if (g.kind === undefined || name === undefined) return "";
  if (g.kind === "run") return `.run(${goString(g.step.type) ?? ""}.${name})`;
  return `.${g.kind}(${name})`;
}

/** Groups the walker's steps by job, each job's in Go's visit order (`byJob[i]`). */
export function buildGoSteps(steps: readonly CollectedStep[]): GoSteps {
  const byJob: GoStep[][] = [];
  const needsSort = new Set<number>();
  let list: GoStep[] = [];
  let currentJob = -1;
  for (let i = 0; i < steps.length; i++) {
    const g = steps[i] as unknown as GoStep;
    if (g.jobIndex !== currentJob) {
      currentJob = g.jobIndex;
      list = byJob[currentJob] ?? [];
      byJob[currentJob] = list;
    }
    list.push(g);
    if ((g.relation === "hook" || g.relation === "job-hook") && g.path[g.path.length - 1] === "on_abort") {
      needsSort.add(currentJob);
    }
  }
  // The walker visits hooks as on_success, on_failure, on_error, on_abort, ensure; Go visits on_abort before on_error.
  for (const j of needsSort) (byJob[j] as GoStep[]).sort((a, b) => compareGoOrder(a.path, b.path));
  return { byJob: Array.from(byJob, (l) => l ?? []) };
}

export interface GoSteps {
  /** Per job index, the job's steps in the order StepValidator visits them. */
  readonly byJob: readonly (readonly GoStep[])[];
}

const cache = new WeakMap<readonly CollectedStep[], GoSteps>();

/** The Go view of the pipeline's steps, computed once per validation run (keyed by the run's step list). */
export function goSteps(ctx: { steps(): readonly CollectedStep[] }): GoSteps {
  const steps = ctx.steps();
  let out = cache.get(steps);
  if (out === undefined) {
    out = buildGoSteps(steps);
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
