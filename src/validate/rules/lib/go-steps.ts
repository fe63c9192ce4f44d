/**
 * How Concourse's StepValidator sees the steps of each job: the core kind by `StepPrecedence`, the keys each
 * wrapper and core step consumes, the order in which `Visit` reaches the steps (hooks in Go's wrapping order)
 * and the label it gives the core step in its context (`.get(src)`; the whole context is
 * `concourseContext()` of src/validate/concourse-context.ts).
 * Built from the ONE walker's output (`ctx.steps()`), once per validation run.
 */

import { goString } from "../../../concourse/go-value.ts";
import { hasDetector, stepDetectors, VALIDATOR_HOOK_ORDER } from "../../../concourse/step-fields.ts";
import type { Path } from "../../../model/common.ts";
import { STEP_KINDS, type StepKind } from "../../../model/step.ts";
import type { CollectedStep, StepRelation } from "../../../walk/walk-steps.ts";
import type { SharedContext } from "../../define-rule.ts";
import { has, type Obj } from "./values.ts";

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

/** `timeout:` wraps the core step only when no core step before it in precedence consumed it. */
export const timeoutIsWrapper = (g: GoStep): boolean =>
  has(g.step, "timeout") && g.kind !== undefined && hasDetector(stepDetectors(g.step), "timeout");

/** A hook's place in the order the StepValidator visits hooks (from 1; 0 for anything else). */
const HOOK_RANK: Readonly<Record<string, number>> = Object.fromEntries(VALIDATOR_HOOK_ORDER.map((h, i) => [h, i + 1]));

/**
 * The name field the identifier check reads (`get`, `put`, `task`, `set_pipeline`, `load_var`, or `run`'s
 * message; `""` when it is not a string), or undefined for do/try/in_parallel and steps with no core type.
 */
export function stepName(g: GoStep): string | undefined {
  return g.kind !== undefined && NAMED_KINDS.has(g.kind) ? (goString(g.step[g.kind]) ?? "") : undefined;
}

/** The step kinds with a name field (the field named after the kind). */
export const NAMED_STEP_KINDS = ["get", "put", "task", "set_pipeline", "load_var", "run"] as const;
const NAMED_KINDS: ReadonlySet<StepKind> = new Set(NAMED_STEP_KINDS);

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
  const byKind = Object.fromEntries(STEP_KINDS.map((k) => [k, [] as GoStep[]])) as Record<StepKind, GoStep[]>;
  const wrappedBy: Record<"across" | "attempts" | "timeout", GoStep[]> = { across: [], attempts: [], timeout: [] };
  for (let j = 0; j < byJob.length; j++) {
    const jobSteps = byJob[j];
    if (jobSteps === undefined) continue;
    for (let i = 0; i < jobSteps.length; i++) {
      const g = jobSteps[i] as GoStep;
      if (g.kind === undefined) continue;
      byKind[g.kind].push(g);
      if (has(g.step, "across")) wrappedBy.across.push(g);
      if (has(g.step, "attempts")) wrappedBy.attempts.push(g);
      if (has(g.step, "timeout")) wrappedBy.timeout.push(g);
    }
  }
  return { byJob: Array.from(byJob, (l) => l ?? []), byKind, wrappedBy };
}

/**
 * Rules read these lists (and others as long as the pipeline: `sectionEntries`, `jobEntries`) by index rather than
 * with `for...of`: a validation runs each rule's loop once, mostly before V8 optimizes it, and unoptimized `for...of`
 * makes an iterator result per element. Validating the bench's workload (N=10,000) once in a fresh process, the run
 * allocated 74 MB against 101 and took 805 ms of CPU against 892 reading the step lists so (medians of 10
 * alternating processes); 62 MB against 74 and 674 ms against 739 reading the sections so too.
 */
export interface GoSteps {
  /** Per job index, the job's steps in the order StepValidator visits them. */
  readonly byJob: readonly (readonly GoStep[])[];
  /** The steps with a core type, by that type, in the same order (job after job). */
  readonly byKind: Readonly<Record<StepKind, readonly GoStep[]>>;
  /** The steps with a core type that carry `across`, `attempts` or `timeout` (as a key), in the same order. */
  readonly wrappedBy: Readonly<Record<"across" | "attempts" | "timeout", readonly GoStep[]>>;
}

/** The Go view of the pipeline's steps, computed once per validation run and shared by the rules. */
export const goSteps = (ctx: SharedContext): GoSteps => ctx.shared(readGoSteps);

const readGoSteps = (ctx: SharedContext): GoSteps => buildGoSteps(ctx.steps());

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
