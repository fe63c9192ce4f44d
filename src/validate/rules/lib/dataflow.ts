import type { Path } from "../../../model/common.ts";
import { isObject, refName } from "../../../model/common.ts";
import type { Job } from "../../../model/job.ts";
import type { Step, StepKind } from "../../../model/step.ts";
import type { CollectedStep, StepRelation } from "../../../walk/walk-steps.ts";

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

/** Whether a hook is the `ensure` one, which runs after whichever of the others ran. */
const isEnsure = (s: CollectedStep): boolean => s.path[s.path.length - 1] === "ensure";

/** Whether a string holds a `((var))`, so its final value is not known before the build runs. */
export const hasVar = (s: string): boolean => s.includes("((");

/**
 * Walks every job's plan in the order its build runs it, tracking which artifacts and local vars exist,
 * with Concourse's scoping (atc/exec: `do` is sequential; the steps of `in_parallel` do not see one another's
 * artifacts but later steps see all of them; `across` runs its step in a child scope whose artifacts and vars
 * are dropped afterwards; hooks wrap `across` and see what was produced before them; job hooks see the whole
 * plan). Where a build may or may not have something (after `try`, a failed step, one of the alternative hooks),
 * it counts as present, to keep false alarms low.
 *
 * Driven by the walker's collected steps (`ctx.steps()`: parents before children, nested steps before hooks,
 * hooks in the order on_success, on_failure, on_error, on_abort, ensure), so it reads no structure of its own.
 * Linear in the number of steps times their nesting depth; the scope keeps counts per name only in a job whose
 * scope grew long and was asked a question (short scopes are searched).
 */
export function walkDataflow(ctx: { steps(): readonly CollectedStep[] }, visitor: DataflowVisitor): void {
  const steps = ctx.steps();
  const walkJob = createWalk(steps, visitor);
  let next = 0;
  while (next < steps.length) next = walkJob(next);
}

/** Up to this many entries, a question to the scope scans its log instead of keeping counts per name. */
const SHORT_LOG = 24;

// What a scope log entry put in scope.
const ARTIFACT = 0;
const VAR = 1;
const UNKNOWN = 2;
type EntryKind = typeof ARTIFACT | typeof VAR | typeof UNKNOWN;

/**
 * The walk of one pipeline's steps: one scope, one log and one visit object, reset for each job; the functions
 * are made once per walk. Returns the function that walks the job whose first step is `steps[at]` and returns
 * the index of the next job's first step.
 */
function createWalk(steps: readonly CollectedStep[], visitor: DataflowVisitor): (at: number) => number {
  let cursor = 0;
  let jobIndex = -1;
  // The scope log: what each `add` put in scope, in order, so that `undo` can take it out again.
  const logKind: EntryKind[] = [];
  const logName: string[] = [];
  let logLength = 0;
  let unknown = 0;
  // Name -> how many log entries hold it; only kept (`live`) once a question was asked in the job while its log
  // was longer than SHORT_LOG (until then a question scans the log).
  const artifacts = new Map<string, number>();
  const vars = new Map<string, number>();
  let live = false;
  const apply = (kind: EntryKind, name: string, delta: 1 | -1): void => {
    if (kind === UNKNOWN) return;
    const map = kind === ARTIFACT ? artifacts : vars;
    const n = (map.get(name) ?? 0) + delta;
    if (n === 0) map.delete(name);
    else map.set(name, n);
  };
  /** Whether the log holds `name` as `kind`: a scan while the log is short, the (then kept) counts after. */
  const holds = (kind: EntryKind, name: string): boolean => {
    if (!live) {
      if (logLength <= SHORT_LOG) {
        for (let i = logLength - 1; i >= 0; i--) if (logName[i] === name && logKind[i] === kind) return true;
        return false;
      }
      live = true;
      for (let i = 0; i < logLength; i++) apply(logKind[i] as EntryKind, logName[i] as string, 1);
    }
    return (kind === ARTIFACT ? artifacts : vars).has(name);
  };
  const scope: DataflowScope = {
    hasArtifact: (name) => holds(ARTIFACT, name),
    get unknownArtifacts() {
      return unknown > 0;
    },
    hasLocalVar: (name) => holds(VAR, name),
  };
  const visit: { -readonly [K in keyof DataflowStep]: DataflowStep[K] } = {
    step: {} as Step & Record<string, unknown>,
    kind: undefined,
    path: [],
    job: {} as Job,
    jobIndex: -1,
    jobName: "",
    scope,
  };

  const add = (kind: EntryKind, name: string): void => {
    if (kind === UNKNOWN) unknown++;
    else if (live) apply(kind, name, 1);
    logKind[logLength] = kind;
    logName[logLength] = name;
    logLength++;
  };
  /** Removes everything added since `at`. */
  const undo = (at: number): void => {
    for (let i = at; i < logLength; i++) {
      const kind = logKind[i] as EntryKind;
      if (kind === UNKNOWN) unknown--;
      else if (live) apply(kind, logName[i] as string, -1);
    }
    logLength = at;
  };
  // What branches produced, set aside until every branch ran (a stack: branches nest).
  const savedKind: EntryKind[] = [];
  const savedName: string[] = [];
  let savedLength = 0;
  /** Removes everything added since `at`, setting it aside (so it can be added again). */
  const setAside = (at: number): void => {
    for (let i = at; i < logLength; i++) {
      savedKind[savedLength] = logKind[i] as EntryKind;
      savedName[savedLength] = logName[i] as string;
      savedLength++;
    }
    undo(at);
  };
  /** Adds again what was set aside since `from`. */
  const restore = (from: number): void => {
    const end = savedLength;
    savedLength = from;
    for (let i = from; i < end; i++) add(savedKind[i] as EntryKind, savedName[i] as string);
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

  /** Whether the next collected step hangs off `parent` (a plan step or job hook when undefined) as `relation`. */
  const nextIs = (parent: CollectedStep | undefined, relation: StepRelation): boolean => {
    const s = steps[cursor];
    return s !== undefined && s.parent === parent && s.relation === relation && s.jobIndex === jobIndex;
  };

  /** Visits `steps[cursor]` and everything nested in it. */
  const visitStep = (): void => {
    const self = steps[cursor++] as CollectedStep;
    const step = self.step as Step & Record<string, unknown>;
    const kind = self.kind;
    const across = Array.isArray(step.across) ? step.across : undefined;
    visit.step = step;
    visit.kind = kind;
    visit.path = self.path;
    let acrossMark = -1;
    if (across !== undefined) {
      visitor.across?.(visit);
      acrossMark = logLength;
      for (const v of across) if (isObject(v) && typeof v.var === "string") add(VAR, v.var);
    }
    visitor.step?.(visit);
    if (kind === "in_parallel") branches(self, "nested");
    else while (nextIs(self, "nested")) visitStep();
    produce(step, kind);
    if (across !== undefined) undo(acrossMark);
    hooks(self, "hook");
  };

  /** Runs each step from the same starting scope; afterwards, everything any of them produced is present. */
  const branches = (parent: CollectedStep | undefined, relation: StepRelation): void => {
    const base = logLength;
    const from = savedLength;
    while (nextIs(parent, relation)) {
      visitStep();
      setAside(base);
    }
    restore(from);
  };

  /**
   * The alternative hooks run from the same scope (each one's products present afterwards), then `ensure`
   * (the walker puts it last).
   */
  const hooks = (parent: CollectedStep | undefined, relation: StepRelation): void => {
    if (!nextIs(parent, relation)) return;
    const base = logLength;
    const from = savedLength;
    while (nextIs(parent, relation) && !isEnsure(steps[cursor] as CollectedStep)) {
      visitStep();
      setAside(base);
    }
    restore(from);
    if (nextIs(parent, relation)) visitStep();
  };

  return (at) => {
    cursor = at;
    const first = steps[at] as CollectedStep;
    jobIndex = first.jobIndex;
    const job = first.job as Job & Record<string, unknown>;
    logLength = 0;
    savedLength = 0;
    unknown = 0;
    if (live) {
      // only when used: clearing a map allocates its table anew
      artifacts.clear();
      vars.clear();
      live = false;
    }
    visit.job = job;
    visit.jobIndex = jobIndex;
    visit.jobName = typeof job.name === "string" ? job.name : "";
    while (nextIs(undefined, "plan")) visitStep();
    hooks(undefined, "job-hook");
    // anything left of this job is not reachable from its plan or hooks (it cannot happen: the walker puts
    // every step under one of them)
    while (cursor < steps.length && (steps[cursor] as CollectedStep).jobIndex === jobIndex) cursor++;
    return cursor;
  };
}
