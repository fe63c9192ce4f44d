import { isObject, ownValue, type Path, type PathSegment } from "../model/common.ts";
import { assertNever } from "../model/errors.ts";
import type { Job } from "../model/job.ts";
import { HOOK_KEYS, type HookKey } from "../model/modifiers.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { STEP_KINDS, type Step, type StepKind } from "../model/step.ts";
import {
  CORE_SLOT_FORMS,
  type HoldingKind,
  IN_PARALLEL_CONFIG_SLOTS,
  isHoldingKind,
  type SlotForm,
} from "./step-slots.ts";

/** A step found by {@link walkSteps}, with its literal path in the pipeline document. */
export interface WalkedStep {
  readonly step: Step;
  readonly path: Path;
  /** How deep the step is nested below the plan (0 for a plan's own steps). */
  readonly depth: number;
}

/** A step of a job, with the job and its index. */
export interface JobStep extends WalkedStep {
  readonly job: Job;
  readonly jobIndex: number;
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

/** A step met by the walk: a {@link JobStep} with its kind and the step holding it. */
export interface CollectedStep extends JobStep {
  /** The core step kind (by precedence), `undefined` when the step has none. */
  readonly kind: StepKind | undefined;
  /** The nearest enclosing step, `undefined` for a plan step or a job hook. */
  readonly parent: CollectedStep | undefined;
  readonly relation: StepRelation;
}

/**
 * A part of a build plan that runs as a unit, as Concourse runs it (atc/exec):
 * - `job`: a job's plan and its own hooks;
 * - `across`: a step with `across` vars, the vars in scope for the step and what is nested in it (not its hooks);
 * - `do`, `try`: the steps of a `do` (in order) or the step of a `try`;
 * - `in_parallel`: the steps of an `in_parallel`, each one a `branch`;
 * - `hooks`: the alternative hooks of a step or job (`on_success`, `on_failure`, `on_error`, `on_abort`), each one a
 *   `branch`; `ensure`, which runs after whichever of them ran, follows the scope;
 * - `branch`: one of the steps that start from the same point (an `in_parallel` step, an alternative hook).
 */
export type ScopeKind = "job" | "across" | HoldingKind | "hooks" | "branch";

/**
 * What a walk calls, in the order of the plan (parents before children, a step's nested steps before its hooks,
 * hooks in the order of `HOOK_KEYS`, `ensure` last). For a step: `enterScope(across)` when it has `across`,
 * `enter`, the scope of its nested steps, `exit`, `exitScope(across)`, then the scope of its hooks. A scope is told
 * by its kind and the step it belongs to (`undefined` for a job, or a job's own hooks); the job is the step's. A
 * `branch` or `hooks` scope is told only around steps: a value in their place that is not a step has none.
 */
export interface PlanVisitor<S = undefined> {
  /**
   * Whether the visitor keeps the steps it is given past the walk (as {@link collectPipelineSteps} does): the
   * walker then makes them, and their paths, at places of its code used by such walks only (see `visitStep`).
   */
  readonly keepsSteps?: boolean;
  enter?(step: CollectedStep, state: S): void;
  /** After everything nested in the step, before its hooks. */
  exit?(step: CollectedStep, state: S): void;
  enterScope?(kind: ScopeKind, step: CollectedStep | undefined, state: S): void;
  exitScope?(kind: ScopeKind, step: CollectedStep | undefined, state: S): void;
}

/**
 * The one traversal of build plans: walks every step of every job of a pipeline (plan steps and the job's own
 * hooks, nested steps included: do, try, in_parallel in both forms, and hooks), with literal YAML paths such as
 * `["jobs", 1, "plan", 4, "in_parallel", 0]`, telling `visitor` about each step and each scope. Values that are
 * not objects are skipped, so it is safe on parsed, unvalidated input. `state` is passed to every callback, so that
 * a visitor can be one constant object rather than closures made per walk (see `COLLECT` below for why). Given
 * `steps`, the steps {@link collectPipelineSteps} collected of this very pipeline, it tells the same events with those
 * records, read from them rather than from the pipeline's objects (see `replayPipeline`).
 */
export function walkPipeline(pipeline: Pick<Pipeline, "jobs">, visitor: PlanVisitor): void;
export function walkPipeline<S>(
  pipeline: Pick<Pipeline, "jobs">,
  visitor: PlanVisitor<S>,
  state: S,
  steps?: readonly CollectedStep[],
): void;
export function walkPipeline<S>(
  pipeline: Pick<Pipeline, "jobs">,
  visitor: PlanVisitor<S>,
  state?: S,
  steps?: readonly CollectedStep[],
): void {
  const jobs: unknown = pipeline.jobs;
  if (!Array.isArray(jobs)) return;
  if (steps !== undefined) {
    replayPipeline(jobs, visitor, state as S, steps);
    return;
  }
  const walk: Walk<S> = { visitor, state: state as S, job: undefined as unknown as Job, jobIndex: -1 };
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    if (!isObject(job)) continue;
    walk.job = job as unknown as Job;
    walk.jobIndex = j;
    walk.visitor.enterScope?.("job", undefined, walk.state);
    const at: Path = ["jobs", j];
    const plan = ownValue(job, "plan");
    if (Array.isArray(plan)) visitSteps(walk, plan, childPath(walk, at, "plan"), undefined, false);
    visitHooks(walk, job, at, undefined);
    walk.visitor.exitScope?.("job", undefined, walk.state);
  }
}

/** Every step of every job of a pipeline, in the order of {@link walkPipeline}, with its kind and parent. */
export function collectPipelineSteps(pipeline: Pick<Pipeline, "jobs">): CollectedStep[] {
  const out: CollectedStep[] = [];
  walkPipeline(pipeline, COLLECT, out);
  return out;
}

/**
 * A visitor collecting the steps into its state. Visitors are constants taking the walk's state rather than closures
 * made per walk: optimised code that inlined a closure is thrown away once the closure is collected, so each walk
 * would start slow again.
 */
const COLLECT: PlanVisitor<CollectedStep[]> = { keepsSteps: true, enter: (step, out) => void out.push(step) };

/** Every step of every job of a pipeline: plan steps and the job's own hooks. */
export function* walkPipelineSteps(pipeline: Pick<Pipeline, "jobs">): Generator<JobStep> {
  for (const { step, path, depth, job, jobIndex } of collectPipelineSteps(pipeline)) {
    yield { step, path, depth, job, jobIndex };
  }
}

/**
 * Every step of `steps`, nested ones included, parents before children, with literal YAML paths (as
 * {@link walkPipeline} walks a plan).
 */
export function* walkSteps(steps: unknown, at: Path, depth = 0): Generator<WalkedStep> {
  if (!Array.isArray(steps)) return;
  for (let i = 0; i < steps.length; i++) yield* walkStep(steps[i], [...at, i], depth);
}

/** Like {@link walkSteps} for a single step (and everything nested in it). */
export function* walkStep(step: unknown, path: Path, depth = 0): Generator<WalkedStep> {
  const out: CollectedStep[] = [];
  const walk: Walk<CollectedStep[]> = {
    visitor: COLLECT,
    state: out,
    job: undefined as unknown as Job,
    jobIndex: -1,
  };
  visitStep(walk, step, path, undefined, undefined);
  for (const s of out) yield { step: s.step, path: s.path, depth: s.depth + depth };
}

/** One walk: the visitor and its state, and the job being walked. */
interface Walk<S> {
  readonly visitor: PlanVisitor<S>;
  readonly state: S;
  job: Job;
  jobIndex: number;
}

/**
 * Visits the step `value` under the key `key` of what is at `at` (so at `[...at, key]`; at `at` itself when `key` is
 * undefined), held by `parent` (`undefined` for a plan step or a job's hook), then the steps it holds and its hooks.
 * How it hangs off what holds it is told by its key (a hook's name, or not), so that nothing is made per step to
 * carry it: at 10,000 jobs of the bench's workload, an object per step for that made collecting the steps take about
 * 40 ms instead of 30 (fastest of 17 runs each, alternating).
 *
 * The steps it holds are visited here rather than by a function per slot form: V8 optimizes each function of a
 * recursive walk on its own, inlining the others (and the visitors' callbacks) into it, so every such function made
 * the walk costlier to optimize, and a validation runs it once, mostly before it is optimized. With the slot forms
 * in three more functions, validating the bench's workload once in a fresh process (N=10,000, JSON text) optimized
 * 148 functions against 140, and the rules took 471-505 ms against 461-482 (middle halves of 8 alternating
 * processes); at N=1,000, 120-145 against 116-127.
 */
function visitStep<S>(
  walk: Walk<S>,
  value: unknown,
  at: Path,
  key: PathSegment | undefined,
  parent: CollectedStep | undefined,
): void {
  if (!isObject(value)) return;
  const { visitor, state } = walk;
  // one look at the step's keys: its kind, and whether it has `across` or a hook
  let rank: number = STEP_KINDS.length;
  let across = false;
  let hooks = false;
  for (const k in value) {
    const role = KEY_ROLES.get(k);
    if (role === undefined || !Object.hasOwn(value, k)) continue;
    if (role === ACROSS) across = Array.isArray(value[k]);
    else if (role === HOOK) hooks = true;
    else if (role < rank) rank = role;
  }
  const kind = STEP_KINDS[rank];
  const path = key === undefined ? at : childPath(walk, at, key);
  const step = value as unknown as Step;
  const { job, jobIndex } = walk;
  const depth = parent === undefined ? 0 : parent.depth + 1;
  const relation = relationOf(key, parent);
  // The step's record is made at one of two places of the code, depending on whether the visitor keeps it past the
  // walk, although both make the same object: V8 decides per allocation site (such a place) whether to make its
  // objects directly in the old generation, from how many of them outlive a young-generation collection. With one
  // site, the records of walks that drop them at once (`pipeline()`, the data-flow rules) made it decide against, so
  // the records the validator keeps were made young and copied by the collections during the run. In the bench's
  // own process (N=10,000, the rendered data validated right after a full GC; means of 5 runs, CPU shared with other
  // work), garbage collection during the rules took 95-156 ms with one site and 54-94 with two (the walks of the
  // code before the one traversal, each with its own sites: 37-93).
  const self: CollectedStep =
    visitor.keepsSteps === true
      ? { step, path, depth, job, jobIndex, kind, parent, relation }
      : { step, path, depth, job, jobIndex, kind, parent, relation };
  if (across) visitor.enterScope?.("across", self, state);
  visitor.enter?.(self, state);
  if (isHoldingKind(kind)) {
    visitor.enterScope?.(kind, self, state);
    const held = value[kind];
    const form: SlotForm = CORE_SLOT_FORMS[kind];
    switch (form) {
      case "step":
        visitStep(walk, held, path, kind, self);
        break;
      case "list":
        visitSteps(walk, held, childPath(walk, path, kind), self, false);
        break;
      case "parallel":
        if (isObject(held)) {
          // the config form: the steps under `steps`
          const config = childPath(walk, path, kind);
          for (const slot of IN_PARALLEL_CONFIG_SLOTS) {
            visitSteps(walk, held[slot.key], childPath(walk, config, slot.key), self, true);
          }
        } else visitSteps(walk, held, childPath(walk, path, kind), self, true);
        break;
      default:
        assertNever(form);
    }
    visitor.exitScope?.(kind, self, state);
  }
  visitor.exit?.(self, state);
  if (across) visitor.exitScope?.("across", self, state);
  if (hooks) visitHooks(walk, value, path, self);
}

/** {@link KEY_ROLES}' role of `across`. */
const ACROSS = -1;
/** {@link KEY_ROLES}' role of a hook. */
const HOOK = -2;

/**
 * The keys of a step the walk looks for, each with its role: a core key's rank in `STEP_KINDS` (the kind is the key
 * of the lowest rank), {@link ACROSS} or {@link HOOK}. A step's own enumerable keys (those the renderer writes) are
 * looked up here once, rather than each of these keys looked for in the step (`Object.hasOwn` on steps of many
 * shapes): at 10,000 jobs of the bench's workload (80,000 steps), finding the kinds, `across` and the hooks took
 * about 13 ms against 3 that way, and a walk with no visitor 18 ms against 11 (CPU, node --single-threaded).
 */
const KEY_ROLES: ReadonlyMap<string, number> = new Map<string, number>([
  ...STEP_KINDS.map((kind, rank): [string, number] => [kind, rank]),
  ["across", ACROSS],
  ...HOOK_KEYS.map((hook): [string, number] => [hook, HOOK]),
]);

/**
 * The steps of `list` (when it is a list) at `path`, each at its index, one after the other; each one a `branch`
 * starting from the same point when `branches` (the steps of an `in_parallel`). A value that is not a step has no
 * branch (nor anything else).
 */
function visitSteps<S>(
  walk: Walk<S>,
  list: unknown,
  path: Path,
  parent: CollectedStep | undefined,
  branches: boolean,
): void {
  if (!Array.isArray(list)) return;
  const { visitor, state } = walk;
  for (let i = 0; i < list.length; i++) {
    const branch = branches && isObject(list[i]);
    if (branch) visitor.enterScope?.("branch", parent, state);
    visitStep(walk, list[i], path, i, parent);
    if (branch) visitor.exitScope?.("branch", parent, state);
  }
}

/** How the step under `key`, held by `parent`, hangs off what holds it. */
function relationOf(key: PathSegment | undefined, parent: CollectedStep | undefined): StepRelation {
  const hook = typeof key === "string" && (HOOK_KEYS as readonly string[]).includes(key);
  if (parent === undefined) return hook ? "job-hook" : "plan";
  return hook ? "hook" : "nested";
}

/** The hooks that run instead of one another, depending on how the step (or job) ended. */
const ALTERNATIVE_HOOKS: readonly HookKey[] = HOOK_KEYS.filter((hook) => hook !== "ensure");

/** The hooks of a step (`owner`) or, when `owner` is undefined, of a job, at `path`; scopes only for steps. */
function visitHooks<S>(
  walk: Walk<S>,
  holder: Record<string, unknown>,
  path: Path,
  owner: CollectedStep | undefined,
): void {
  const { visitor, state } = walk;
  let opened = false; // the scope is opened at the first alternative hook present
  for (const hook of ALTERNATIVE_HOOKS) {
    const hookStep = ownValue(holder, hook);
    if (!isObject(hookStep)) continue;
    if (!opened) {
      visitor.enterScope?.("hooks", owner, state);
      opened = true;
    }
    visitor.enterScope?.("branch", owner, state);
    visitStep(walk, hookStep, path, hook, owner);
    visitor.exitScope?.("branch", owner, state);
  }
  if (opened) visitor.exitScope?.("hooks", owner, state);
  visitStep(walk, ownValue(holder, "ensure"), path, "ensure", owner);
}

/**
 * `[...path, seg]`, copied by index into an array made at its final size: the walk makes a path for every step
 * and every list, and a spread goes through the iterator protocol. Made at two places, as records are
 * ({@link visitStep}).
 */
function childPath<S>(walk: Walk<S>, path: Path, seg: PathSegment): Path {
  const n = path.length;
  const out = walk.visitor.keepsSteps === true ? new Array<PathSegment>(n + 1) : new Array<PathSegment>(n + 1);
  for (let i = 0; i < n; i++) out[i] = path[i] as PathSegment;
  out[n] = seg;
  return out;
}

/**
 * The walk of {@link walkPipeline} told from `steps`, the records {@link collectPipelineSteps} made of the pipeline
 * whose `jobs` these are: the records are in the order of the walk (a step, then what it holds, then its hooks), so
 * a step's own steps are the records that follow it with it as their parent. Only a step's `across` is read from the
 * step itself. It tells the same events as the walk of the objects (`walk-steps.test.ts` checks this on any
 * pipeline), which scopes only what holds steps so that the records can tell it.
 *
 * Why a second way of telling the events: the data-flow rules walk again the steps the validator collected, and the
 * walk of the objects looks up every hook key of every step once more, on steps of many shapes. Validating the
 * bench's workload once in a fresh process (JSON text), the first data-flow rule took, walking the objects against
 * replaying the records, 97 ms against 77 at N=10,000 (medians of 10 alternating processes) and 36 against 26 at
 * N=1,000 (12). The code before the one traversal, which read the records with a cursor of its own: 57 and 12.
 */
function replayPipeline<S>(
  jobs: readonly unknown[],
  visitor: PlanVisitor<S>,
  state: S,
  steps: readonly CollectedStep[],
): void {
  const replay: Replay<S> = { visitor, state, steps, next: 0 };
  for (let j = 0; j < jobs.length; j++) {
    if (!isObject(jobs[j])) continue;
    visitor.enterScope?.("job", undefined, state);
    replaySteps(replay, j, undefined, false);
    replayHooks(replay, j, undefined);
    visitor.exitScope?.("job", undefined, state);
  }
}

/** One replay: the visitor and its state, the records, and the index of the next one. */
interface Replay<S> {
  readonly visitor: PlanVisitor<S>;
  readonly state: S;
  readonly steps: readonly CollectedStep[];
  next: number;
}

/** The next record, when it is a hook (`hook`) or another step held by `parent` in job `jobIndex`. */
function nextHeld<S>(
  replay: Replay<S>,
  jobIndex: number,
  parent: CollectedStep | undefined,
  hook: boolean,
): CollectedStep | undefined {
  const next = replay.steps[replay.next];
  if (next === undefined || next.jobIndex !== jobIndex || next.parent !== parent) return undefined;
  return (next.relation === "hook" || next.relation === "job-hook") === hook ? next : undefined;
}

/** As {@link visitStep}, for the record `self` (the next one). */
function replayStep<S>(replay: Replay<S>, self: CollectedStep): void {
  const { visitor, state } = replay;
  replay.next++;
  const { kind, jobIndex } = self;
  const across = Array.isArray(ownValue(self.step as unknown as Record<string, unknown>, "across"));
  if (across) visitor.enterScope?.("across", self, state);
  visitor.enter?.(self, state);
  if (isHoldingKind(kind)) {
    visitor.enterScope?.(kind, self, state);
    replaySteps(replay, jobIndex, self, CORE_SLOT_FORMS[kind] === "parallel");
    visitor.exitScope?.(kind, self, state);
  }
  visitor.exit?.(self, state);
  if (across) visitor.exitScope?.("across", self, state);
  replayHooks(replay, jobIndex, self);
}

/** As {@link visitSteps}, for the steps `parent` (or job `jobIndex`'s plan) holds other than its hooks. */
function replaySteps<S>(
  replay: Replay<S>,
  jobIndex: number,
  parent: CollectedStep | undefined,
  branches: boolean,
): void {
  const { visitor, state } = replay;
  let step = nextHeld(replay, jobIndex, parent, false);
  while (step !== undefined) {
    if (branches) visitor.enterScope?.("branch", parent, state);
    replayStep(replay, step);
    if (branches) visitor.exitScope?.("branch", parent, state);
    step = nextHeld(replay, jobIndex, parent, false);
  }
}

/** As {@link visitHooks}, for the hooks of `owner` (or of job `jobIndex`). */
function replayHooks<S>(replay: Replay<S>, jobIndex: number, owner: CollectedStep | undefined): void {
  const { visitor, state } = replay;
  let opened = false; // the scope is opened at the first alternative hook
  let hook = nextHeld(replay, jobIndex, owner, true);
  while (hook !== undefined && !isEnsure(hook)) {
    if (!opened) {
      visitor.enterScope?.("hooks", owner, state);
      opened = true;
    }
    visitor.enterScope?.("branch", owner, state);
    replayStep(replay, hook);
    visitor.exitScope?.("branch", owner, state);
    hook = nextHeld(replay, jobIndex, owner, true);
  }
  if (opened) visitor.exitScope?.("hooks", owner, state);
  // `ensure`, which the walk puts after the others
  if (hook !== undefined) replayStep(replay, hook);
}

/** Whether a hook's record is its `ensure`. */
const isEnsure = (hook: CollectedStep): boolean => hook.path[hook.path.length - 1] === "ensure";
