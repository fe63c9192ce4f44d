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
  /** The core step's own context element: `.get(src)`, `.run(proto.msg)`; empty for do/try/in_parallel. */
  readonly label: string;
  /** The name field the identifier check reads (`get`, `task`, `run`, ...), or undefined for do/try/in_parallel. */
  readonly name: string | undefined;
}

/** Keys each step type consumes, in `StepPrecedence` order; `core: false` marks the wrappers. */
export const STEP_PRECEDENCE: readonly {
  readonly key: string;
  readonly fields: readonly string[];
  readonly core: boolean;
}[] = [
  { key: "ensure", fields: ["ensure"], core: false },
  { key: "on_error", fields: ["on_error"], core: false },
  { key: "on_abort", fields: ["on_abort"], core: false },
  { key: "on_failure", fields: ["on_failure"], core: false },
  { key: "on_success", fields: ["on_success"], core: false },
  { key: "across", fields: ["across", "fail_fast"], core: false },
  { key: "attempts", fields: ["attempts"], core: false },
  {
    key: "run",
    fields: ["run", "type", "params", "privileged", "tags", "container_limits", "timeout"],
    core: true,
  },
  {
    key: "task",
    fields: [
      "task",
      "privileged",
      "hermetic",
      "file",
      "container_limits",
      "config",
      "params",
      "vars",
      "tags",
      "input_mapping",
      "output_mapping",
      "image",
      "timeout",
    ],
    core: true,
  },
  {
    key: "put",
    fields: ["put", "resource", "params", "inputs", "tags", "get_params", "timeout", "no_get"],
    core: true,
  },
  { key: "get", fields: ["get", "resource", "version", "params", "passed", "trigger", "tags", "timeout"], core: true },
  { key: "timeout", fields: ["timeout"], core: false },
  { key: "set_pipeline", fields: ["set_pipeline", "file", "team", "vars", "var_files", "instance_vars"], core: true },
  { key: "load_var", fields: ["load_var", "file", "format", "reveal"], core: true },
  { key: "try", fields: ["try"], core: true },
  { key: "do", fields: ["do", "tags"], core: true },
  { key: "in_parallel", fields: ["in_parallel", "tags"], core: true },
];

/** The keys of a step no wrapper or core step consumes (Go's `Step.UnknownFields`), in document order. */
export function unknownStepFields(step: Obj): string[] {
  const remaining = new Set(Object.keys(step));
  for (const entry of STEP_PRECEDENCE) {
    if (!remaining.has(entry.key)) continue;
    for (const f of entry.fields) remaining.delete(f);
    if (entry.core) return [...remaining];
  }
  return [];
}

/** The core step kind by precedence. */
export function coreKind(step: Obj): StepKind | undefined {
  for (const kind of STEP_KINDS) if (has(step, kind)) return kind;
  return undefined;
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

function labelOf(step: Obj, kind: StepKind | undefined): { label: string; name: string | undefined } {
  switch (kind) {
    case "get":
    case "put":
    case "task":
    case "set_pipeline":
    case "load_var": {
      const name = goString(step[kind]) ?? "";
      return { label: `.${kind}(${name})`, name };
    }
    case "run": {
      const message = goString(step.run) ?? "";
      return { label: `.run(${goString(step.type) ?? ""}.${message})`, name: message };
    }
    default:
      return { label: "", name: undefined };
  }
}

/** Builds the Go view of every job's steps from the walker's output; `byJob[i]` is in Go's visit order. */
export function buildGoSteps(pipeline: Readonly<Pipeline>, steps: readonly JobStep[]): GoSteps {
  const byJob: GoStep[][] = [];
  const stack: GoStep[] = [];
  const needsSort = new Set<number>();
  const jobs: unknown = pipeline.jobs;
  for (const s of steps) {
    const path = s.path;
    while (stack.length > 0 && !isStrictPrefix((stack[stack.length - 1] as GoStep).path, path)) stack.pop();
    const parent = stack[stack.length - 1];
    const job = Array.isArray(jobs) && isObject(jobs[s.jobIndex]) ? (jobs[s.jobIndex] as Obj) : {};
    const step = s.step as unknown as Obj;
    const kind = coreKind(step);
    const hasAcross = has(step, "across");
    const { label, name } = labelOf(step, kind);
    let relation: GoStep["relation"];
    if (parent === undefined) relation = path[2] === "plan" ? "plan" : "job-hook";
    else relation = isHookKey(path[parent.path.length]) ? "hook" : "nested";
    if (path[path.length - 1] === "on_abort") needsSort.add(s.jobIndex);
    const g: GoStep = {
      step,
      path,
      job,
      jobIndex: s.jobIndex,
      kind,
      hasAcross,
      parent,
      relation,
      label,
      name,
    };
    let list = byJob[s.jobIndex];
    if (list === undefined) {
      list = [];
      byJob[s.jobIndex] = list;
    }
    list.push(g);
    stack.push(g);
  }
  // The walker visits hooks as on_success, on_failure, on_error, on_abort, ensure; Go visits on_abort before on_error.
  for (const j of needsSort) (byJob[j] as GoStep[]).sort((a, b) => compareGoOrder(a.path, b.path));
  const all = Array.from(byJob, (l) => l ?? []);
  let byPath: Map<string, GoStep> | undefined;
  return {
    byJob: all,
    get byPath() {
      if (byPath === undefined) {
        byPath = new Map();
        for (const list of all) for (const g of list) byPath.set(pathKey(g.path), g);
      }
      return byPath;
    },
  };
}

export interface GoSteps {
  /** Per job index, the job's steps in the order StepValidator visits them. */
  readonly byJob: readonly (readonly GoStep[])[];
  /** Steps by literal path (built on first use). */
  readonly byPath: ReadonlyMap<string, GoStep>;
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

export const pathKey = (path: Path): string => path.map((s) => (typeof s === "number" ? `#${s}` : s)).join("/");

function isStrictPrefix(prefix: Path, path: Path): boolean {
  if (prefix.length >= path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
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
