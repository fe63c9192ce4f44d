import type { Path } from "../../../model/common.ts";
import type { Job } from "../../../model/job.ts";
import { HOOK_KEYS } from "../../../model/modifiers.ts";
import type { Pipeline } from "../../../model/pipeline.ts";
import { type Step, type StepKind, stepKindOrUndefined } from "../../../model/step.ts";

/**
 * What a build has at one point of its plan: the artifacts earlier steps produced and the local vars
 * (`((.:name))`) defined by earlier `load_var` steps, earlier `get` steps (and a `put`'s implicit get: a var named
 * after the step holding the version's metadata, atc/exec/get_step.go) and enclosing `across` steps.
 * Only valid during the callback it is passed to.
 */
export interface DataflowScope {
  /** Whether an earlier step produced an artifact of this name. */
  hasArtifact(name: string): boolean;
  /** Whether an earlier step may have produced artifacts whose names cannot be known (a task from `file:`, a `run` step, a `((var))` name). */
  readonly unknownArtifacts: boolean;
  /** Whether a local var of this name is defined here. */
  hasLocalVar(name: string): boolean;
}

/** A step met by {@link walkDataflow}, in the order the build runs it. */
export interface DataflowStep {
  readonly step: Step & Record<string, unknown>;
  /** The step's core kind, `undefined` when it has none. */
  readonly kind: StepKind | undefined;
  /** The literal path, as `walkSteps` yields it. */
  readonly path: Path;
  readonly job: Job;
  readonly jobIndex: number;
  /** The name of the job, or `""` when it has none. */
  readonly jobName: string;
  readonly scope: DataflowScope;
}

export interface DataflowVisitor {
  /**
   * Called for every step, before what it produces is added to the scope; `scope` includes the vars of the
   * step's own `across`.
   */
  step?(visit: DataflowStep): void;
  /** Called for a step with `across`, in the scope outside of it (where the `across` values are evaluated). */
  across?(visit: DataflowStep): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The hooks that run instead of one another; `ensure` runs after whichever ran. */
const ALTERNATIVE_HOOKS = HOOK_KEYS.filter((h) => h !== "ensure");

/** A name given as a string, or as an object with a `name` (a reference in a TypeScript pipeline). */
export function refName(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.name === "string") return value.name;
  return undefined;
}

/** Whether a string holds a `((var))`, so its final value is not known before the build runs. */
export const hasVar = (s: string): boolean => s.includes("((");

/**
 * Walks every job's plan in the order its build runs it, tracking which artifacts and local vars exist,
 * with Concourse's scoping (atc/exec: `do` is sequential; the steps of `in_parallel` do not see one another's
 * artifacts but later steps see all of them; `across` runs its step in a child scope whose artifacts and vars
 * are dropped afterwards; hooks wrap `across` and see what was produced before them; job hooks see the whole
 * plan). Where a build may or may not have something (after `try`, a failed step, one of the alternative hooks),
 * it counts as present, to keep false alarms low. Linear in the size of the plan times its nesting depth.
 */
export function walkDataflow(pipeline: Readonly<Pick<Pipeline, "jobs">>, visitor: DataflowVisitor): void {
  const jobs: unknown = pipeline.jobs;
  if (!Array.isArray(jobs)) return;
  for (let j = 0; j < jobs.length; j++) {
    const job: unknown = jobs[j];
    if (!isObject(job)) continue;
    walkJob(job as unknown as Job & Record<string, unknown>, j, visitor);
  }
}

type Entry = readonly [kind: "artifact" | "var" | "unknown", name: string];

function walkJob(job: Job & Record<string, unknown>, jobIndex: number, visitor: DataflowVisitor): void {
  const artifacts = new Map<string, number>();
  const vars = new Map<string, number>();
  let unknown = 0;
  const log: Entry[] = [];

  const apply = (entry: Entry, delta: 1 | -1): void => {
    const [kind, name] = entry;
    if (kind === "unknown") unknown += delta;
    else {
      const map = kind === "artifact" ? artifacts : vars;
      const n = (map.get(name) ?? 0) + delta;
      if (n === 0) map.delete(name);
      else map.set(name, n);
    }
  };
  const add = (entry: Entry): void => {
    apply(entry, 1);
    log.push(entry);
  };
  const mark = (): number => log.length;
  /** Removes everything added since `at`, returning it (so it can be added again). */
  const undo = (at: number): Entry[] => {
    const removed = log.splice(at);
    for (const entry of removed) apply(entry, -1);
    return removed;
  };
  const redo = (entries: readonly Entry[]): void => {
    for (const entry of entries) add(entry);
  };

  const scope: DataflowScope = {
    hasArtifact: (name) => artifacts.has(name),
    get unknownArtifacts() {
      return unknown > 0;
    },
    hasLocalVar: (name) => vars.has(name),
  };
  const jobName = typeof job.name === "string" ? job.name : "";

  const produceArtifact = (name: unknown): void => {
    const n = refName(name);
    if (n === undefined) return;
    add(hasVar(n) ? ["unknown", n] : ["artifact", n]);
  };
  /** A get (a put's implicit one too) makes an artifact and a local var (the version's metadata) of its name. */
  const produceGet = (name: unknown): void => {
    produceArtifact(name);
    const n = refName(name);
    if (n !== undefined) add(["var", n]);
  };

  /** Runs each branch from the same starting scope; afterwards, everything any branch produced is present. */
  const branches = (run: readonly (() => void)[]): void => {
    const base = mark();
    const produced: Entry[] = [];
    for (const branch of run) {
      branch();
      for (const entry of undo(base)) produced.push(entry);
    }
    redo(produced);
  };

  const produce = (step: Record<string, unknown>, kind: StepKind | undefined): void => {
    switch (kind) {
      case "get":
        produceGet(step.get);
        return;
      case "put":
        if (step.no_get !== true) produceGet(step.put);
        return;
      case "task": {
        const mapping = isObject(step.output_mapping) ? step.output_mapping : {};
        const config = step.config;
        if (isObject(config) && Array.isArray(config.outputs)) {
          for (const output of config.outputs) {
            const name = isObject(output) ? output.name : undefined;
            if (typeof name !== "string") continue;
            const mapped = Object.hasOwn(mapping, name) ? mapping[name] : undefined;
            produceArtifact(typeof mapped === "string" ? mapped : name);
          }
        } else if (!isObject(config)) {
          // A task from `file:` (or a `((var))` config): its outputs are only known at run time.
          add(["unknown", ""]);
          for (const mapped of Object.values(mapping)) produceArtifact(mapped);
        }
        return;
      }
      case "run":
        add(["unknown", ""]);
        return;
      case "load_var":
        if (typeof step.load_var === "string") add(["var", step.load_var]);
        return;
      case "set_pipeline":
      case "try":
      case "do":
      case "in_parallel":
      case undefined:
        return;
    }
  };

  const visitStep = (raw: unknown, path: Path): void => {
    if (!isObject(raw)) return;
    const step = raw as Step & Record<string, unknown>;
    const kind = stepKindOrUndefined(step);
    const visit = (): DataflowStep => ({ step, kind, path, job, jobIndex, jobName, scope });
    const across = Array.isArray(step.across) ? step.across : undefined;
    let acrossMark = -1;
    if (across !== undefined) {
      visitor.across?.(visit());
      acrossMark = mark();
      for (const v of across) if (isObject(v) && typeof v.var === "string") add(["var", v.var]);
    }
    visitor.step?.(visit());
    if (kind === "do") visitSteps(step.do, [...path, "do"]);
    else if (kind === "try") visitStep(step.try, [...path, "try"]);
    else if (kind === "in_parallel") {
      const p = step.in_parallel;
      const [list, at]: [unknown, Path] = Array.isArray(p)
        ? [p, [...path, "in_parallel"]]
        : [isObject(p) ? p.steps : undefined, [...path, "in_parallel", "steps"]];
      if (Array.isArray(list)) branches(list.map((sub, i) => () => visitStep(sub, [...at, i])));
    }
    produce(step, kind);
    if (across !== undefined) undo(acrossMark);
    hooks(step, path);
  };

  const visitSteps = (list: unknown, path: Path): void => {
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) visitStep(list[i], [...path, i]);
  };

  const hooks = (owner: Record<string, unknown>, path: Path): void => {
    const present = ALTERNATIVE_HOOKS.filter((h) => owner[h] !== undefined);
    if (present.length > 0) branches(present.map((h) => () => visitStep(owner[h], [...path, h])));
    if (owner.ensure !== undefined) visitStep(owner.ensure, [...path, "ensure"]);
  };

  const at: Path = ["jobs", jobIndex];
  visitSteps(job.plan, [...at, "plan"]);
  hooks(job, at);
}
