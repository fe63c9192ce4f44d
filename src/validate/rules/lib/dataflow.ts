import type { Path, PathSegment } from "../../../model/common.ts";
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

/**
 * A step met by {@link walkDataflow}, in the order the build runs it. The walk passes the same object to every
 * callback (updated in place), so it is only valid during the callback it is passed to.
 */
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
  const walkJob = createWalk(visitor);
  for (let j = 0; j < jobs.length; j++) {
    const job: unknown = jobs[j];
    if (!isObject(job)) continue;
    walkJob(job as unknown as Job & Record<string, unknown>, j);
  }
}

// What a scope log entry put in scope.
const ARTIFACT = 0;
const VAR = 1;
const UNKNOWN = 2;
type EntryKind = typeof ARTIFACT | typeof VAR | typeof UNKNOWN;

/**
 * The walk of one pipeline: one scope, one log and one visit object, reset for each job; the functions are
 * made once per walk, not per step.
 */
function createWalk(visitor: DataflowVisitor): (job: Job & Record<string, unknown>, jobIndex: number) => void {
  const artifacts = new Map<string, number>();
  const vars = new Map<string, number>();
  let unknown = 0;
  // The scope log: what each `add` put in scope, in order, so that `undo` can take it out again.
  const logKind: EntryKind[] = [];
  const logName: string[] = [];
  let logLength = 0;
  const scope: DataflowScope = {
    hasArtifact: (name) => artifacts.has(name),
    get unknownArtifacts() {
      return unknown > 0;
    },
    hasLocalVar: (name) => vars.has(name),
  };
  const visit: {
    -readonly [K in keyof DataflowStep]: DataflowStep[K];
  } = {
    step: {} as Step & Record<string, unknown>,
    kind: undefined,
    path: [],
    job: {} as Job,
    jobIndex: -1,
    jobName: "",
    scope,
  };

  const apply = (kind: EntryKind, name: string, delta: 1 | -1): void => {
    if (kind === UNKNOWN) {
      unknown += delta;
      return;
    }
    const map = kind === ARTIFACT ? artifacts : vars;
    const n = (map.get(name) ?? 0) + delta;
    if (n === 0) map.delete(name);
    else map.set(name, n);
  };
  const add = (kind: EntryKind, name: string): void => {
    apply(kind, name, 1);
    logKind[logLength] = kind;
    logName[logLength] = name;
    logLength++;
  };
  /** Removes everything added since `at`. */
  const undo = (at: number): void => {
    for (let i = at; i < logLength; i++) apply(logKind[i] as EntryKind, logName[i] as string, -1);
    logLength = at;
  };
  /** Removes everything added since `at`, keeping it on `kinds`/`names` (so it can be added again). */
  const takeSince = (at: number, kinds: EntryKind[], names: string[]): void => {
    for (let i = at; i < logLength; i++) {
      kinds.push(logKind[i] as EntryKind);
      names.push(logName[i] as string);
    }
    undo(at);
  };
  const readd = (kinds: readonly EntryKind[], names: readonly string[]): void => {
    for (let i = 0; i < kinds.length; i++) add(kinds[i] as EntryKind, names[i] as string);
  };

  const produceArtifact = (value: unknown): void => {
    const n = refName(value);
    if (n !== undefined) add(hasVar(n) ? UNKNOWN : ARTIFACT, n);
  };
  /** A get (a put's implicit one too) makes an artifact and a local var (the version's metadata) of its name. */
  const produceGet = (value: unknown): void => {
    const n = refName(value);
    if (n === undefined) return;
    add(hasVar(n) ? UNKNOWN : ARTIFACT, n);
    add(VAR, n);
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
        const mapping = isObject(step.output_mapping) ? step.output_mapping : undefined;
        const config = step.config;
        if (isObject(config)) {
          const outputs = config.outputs;
          if (!Array.isArray(outputs)) return;
          for (let i = 0; i < outputs.length; i++) {
            const output: unknown = outputs[i];
            const name = isObject(output) ? output.name : undefined;
            if (typeof name !== "string") continue;
            const mapped = mapping !== undefined && Object.hasOwn(mapping, name) ? mapping[name] : undefined;
            produceArtifact(typeof mapped === "string" ? mapped : name);
          }
        } else {
          // A task from `file:` (or a `((var))` config): its outputs are only known at run time.
          add(UNKNOWN, "");
          if (mapping !== undefined) for (const key of Object.keys(mapping)) produceArtifact(mapping[key]);
        }
        return;
      }
      case "run":
        add(UNKNOWN, "");
        return;
      case "load_var":
        if (typeof step.load_var === "string") add(VAR, step.load_var);
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
    const across = Array.isArray(step.across) ? step.across : undefined;
    let acrossMark = -1;
    if (across !== undefined) {
      if (visitor.across !== undefined) {
        visit.step = step;
        visit.kind = kind;
        visit.path = path;
        visitor.across(visit);
      }
      acrossMark = logLength;
      for (const v of across) if (isObject(v) && typeof v.var === "string") add(VAR, v.var);
    }
    if (visitor.step !== undefined) {
      visit.step = step;
      visit.kind = kind;
      visit.path = path;
      visitor.step(visit);
    }
    if (kind === "do") visitList(step.do, path, "do", undefined);
    else if (kind === "try") visitStep(step.try, append(path, "try"));
    else if (kind === "in_parallel") {
      const p = step.in_parallel;
      if (Array.isArray(p)) branches(p, path, "in_parallel", undefined);
      else if (isObject(p)) branches(p.steps, path, "in_parallel", "steps");
    }
    produce(step, kind);
    if (across !== undefined) undo(acrossMark);
    hooks(step, path);
  };

  /** A sequence of steps at `path` + `a` (+ `b`), each at its index. */
  const visitList = (steps: unknown, path: Path, a: string, b: string | undefined): void => {
    if (!Array.isArray(steps)) return;
    for (let i = 0; i < steps.length; i++) visitStep(steps[i], listPath(path, a, b, i));
  };

  /** Runs each step from the same starting scope; afterwards, everything any of them produced is present. */
  const branches = (steps: unknown, path: Path, a: string, b: string | undefined): void => {
    if (!Array.isArray(steps)) return;
    const base = logLength;
    const kinds: EntryKind[] = [];
    const names: string[] = [];
    for (let i = 0; i < steps.length; i++) {
      visitStep(steps[i], listPath(path, a, b, i));
      takeSince(base, kinds, names);
    }
    readd(kinds, names);
  };

  /** The alternative hooks run from the same scope (each one's products present afterwards), then `ensure`. */
  const hooks = (owner: Record<string, unknown>, path: Path): void => {
    let kinds: EntryKind[] | undefined;
    let names: string[] | undefined;
    const base = logLength;
    for (let h = 0; h < ALTERNATIVE_HOOKS.length; h++) {
      const hook = ALTERNATIVE_HOOKS[h] as string;
      if (owner[hook] === undefined) continue;
      kinds ??= [];
      names ??= [];
      visitStep(owner[hook], append(path, hook));
      takeSince(base, kinds, names);
    }
    if (kinds !== undefined && names !== undefined) readd(kinds, names);
    if (owner.ensure !== undefined) visitStep(owner.ensure, append(path, "ensure"));
  };

  return (job, jobIndex) => {
    artifacts.clear();
    vars.clear();
    unknown = 0;
    logLength = 0;
    visit.job = job;
    visit.jobIndex = jobIndex;
    visit.jobName = typeof job.name === "string" ? job.name : "";
    const plan = job.plan;
    if (Array.isArray(plan)) {
      for (let i = 0; i < plan.length; i++) visitStep(plan[i], ["jobs", jobIndex, "plan", i]);
    }
    hooks(job, ["jobs", jobIndex]);
  };
}

/** `[...path, seg]` without the iterator protocol. */
function append(path: Path, seg: PathSegment): Path {
  const out = path.slice() as PathSegment[];
  out.push(seg);
  return out;
}

/** `[...path, a, i]`, or `[...path, a, b, i]`. */
function listPath(path: Path, a: string, b: string | undefined, i: number): Path {
  const out = path.slice() as PathSegment[];
  if (b === undefined) out.push(a, i);
  else out.push(a, b, i);
  return out;
}
