import { hasVar } from "../../../concourse/vars.ts";
import type { Path } from "../../../model/common.ts";
import { isObject, refName } from "../../../model/common.ts";
import { assertNever } from "../../../model/errors.ts";
import type { Job } from "../../../model/job.ts";
import type { Pipeline } from "../../../model/pipeline.ts";
import type { Step, StepKind } from "../../../model/step.ts";
import { type CollectedStep, type PlanVisitor, walkPipeline } from "../../../walk/walk-steps.ts";

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

/**
 * Walks every job's plan in the order its build runs it, tracking which artifacts and local vars exist,
 * with Concourse's scoping (atc/exec: `do` is sequential; the steps of `in_parallel` do not see one another's
 * artifacts but later steps see all of them; `across` runs its step in a child scope whose artifacts and vars
 * are dropped afterwards; hooks wrap `across` and see what was produced before them; job hooks see the whole
 * plan). Where a build may or may not have something (after `try`, a failed step, one of the alternative hooks),
 * it counts as present, to keep false alarms low.
 *
 * Driven by the one walker's scopes (src/walk): a `branch` (a step of `in_parallel`, an alternative hook) starts
 * from the scope its siblings started from, and what every branch produced is present once the last one ran.
 */
export function walkDataflow(ctx: DataflowContext, visitor: DataflowVisitor): void {
  const log = newScopeLog();
  const walk: DataflowWalk = {
    visitor,
    log,
    marks: [],
    visit: {
      step: {} as Step & Record<string, unknown>,
      kind: undefined,
      path: [],
      job: {} as Job,
      jobIndex: -1,
      jobName: "",
      scope: log.scope,
    },
  };
  walkPipeline(ctx.pipeline, DATAFLOW, walk, ctx.steps?.());
}

/**
 * What {@link walkDataflow} reads: the pipeline, and a rule's `steps()`, the steps collected of that pipeline, from
 * whose records the walk is told rather than from the pipeline's objects.
 */
export interface DataflowContext {
  readonly pipeline: Pick<Pipeline, "jobs">;
  steps?(): readonly CollectedStep[];
}

/** One data-flow walk. */
interface DataflowWalk {
  readonly visitor: DataflowVisitor;
  readonly log: ScopeLog;
  /**
   * Per open scope, where the log stood when it opened: the length of its set-aside entries for an `in_parallel`
   * or `hooks` scope (which restores them), of its entries for any other.
   */
  readonly marks: number[];
  /** One object for every callback, updated in place (a callback may only use it while it runs). */
  readonly visit: { -readonly [K in keyof DataflowStep]: DataflowStep[K] };
}

function visitOf(walk: DataflowWalk, self: CollectedStep): DataflowStep {
  const { visit } = walk;
  if (visit.job !== self.job) {
    const job = self.job as Job & Record<string, unknown>;
    visit.job = job;
    visit.jobIndex = self.jobIndex;
    visit.jobName = typeof job.name === "string" ? job.name : "";
  }
  visit.step = self.step as Step & Record<string, unknown>;
  visit.kind = self.kind;
  visit.path = self.path;
  return visit;
}

/**
 * The walker's visitor for every data-flow walk, its state passed along rather than closures made per walk
 * (optimised code that inlined a closure is thrown away once the closure is collected).
 */
const DATAFLOW: PlanVisitor<DataflowWalk> = {
  enterScope(kind, step, walk) {
    const { log } = walk;
    if (kind === "job") clear(log);
    const restores = kind === "in_parallel" || kind === "hooks";
    walk.marks.push(restores ? log.setAside.length : log.entries.length);
    if (kind === "across" && step !== undefined) {
      walk.visitor.across?.(visitOf(walk, step));
      for (const v of step.step.across ?? []) if (isObject(v) && typeof v.var === "string") add(log, VAR, v.var);
    }
  },
  enter(self, walk) {
    walk.visitor.step?.(visitOf(walk, self));
  },
  exit(self, walk) {
    produce(walk.log, self.step as Step & Record<string, unknown>, self.kind);
  },
  exitScope(kind, _step, walk) {
    const { log } = walk;
    const at = walk.marks.pop() as number;
    switch (kind) {
      case "across":
        // the across vars, and what the step produced in its child scope, are dropped
        undo(log, at);
        return;
      case "branch":
        // the next branch starts from where this one started; what this one produced is kept aside
        setAside(log, at);
        return;
      case "in_parallel":
      case "hooks":
        // every branch has run: what any of them produced is present
        restore(log, at);
        return;
      case "job":
      case "do":
      case "try":
        return;
      default:
        assertNever(kind);
    }
  },
};

/** What an entry of the scope log put in scope. */
type EntryKind = "artifact" | "var" | "unknown-artifacts";
const ARTIFACT: EntryKind = "artifact";
const VAR: EntryKind = "var";
const UNKNOWN: EntryKind = "unknown-artifacts";

interface Entry {
  readonly kind: EntryKind;
  readonly name: string;
}

/**
 * What is in scope at the current point of a job's plan: every entry added, in order (so that leaving a scope
 * can take out what was added in it), and the entries of branches that already ran, set aside until their last
 * sibling ran.
 *
 * A question is answered by scanning the entries while there are at most {@link SHORT_LOG} of them (a job of the
 * bench's workload has about a dozen); past that, from the first question on, the log keeps counts per name, so
 * that a job of thousands of steps stays linear. Counting every job's entries in maps (and an object per mark) made
 * a data-flow walk of the bench's workload (N=10,000, right after a full GC) take 71 ms of CPU against 52-59 (medians
 * of 8 runs, 3 alternating processes).
 */
interface ScopeLog {
  readonly entries: Entry[];
  readonly setAside: Entry[];
  /** How many entries of kind `unknown-artifacts` the log holds. */
  unknown: number;
  /** Per name, how many entries hold it; made at the first question asked of a long log, dropped with the job. */
  counts: Counts | undefined;
  readonly scope: DataflowScope;
}

interface Counts {
  readonly artifacts: Map<string, number>;
  readonly vars: Map<string, number>;
}

/** Up to this many entries, a question scans the log (see {@link ScopeLog}). */
const SHORT_LOG = 24;

function newScopeLog(): ScopeLog {
  const log: ScopeLog = {
    entries: [],
    setAside: [],
    unknown: 0,
    counts: undefined,
    scope: {
      hasArtifact: (name) => holds(log, ARTIFACT, name),
      get unknownArtifacts() {
        return log.unknown > 0;
      },
      hasLocalVar: (name) => holds(log, VAR, name),
    },
  };
  return log;
}

function clear(log: ScopeLog): void {
  log.entries.length = 0;
  log.setAside.length = 0;
  log.unknown = 0;
  log.counts = undefined;
}

/** Whether the log holds an entry of `kind` named `name`. */
function holds(log: ScopeLog, kind: EntryKind, name: string): boolean {
  const { entries } = log;
  if (log.counts === undefined) {
    if (entries.length <= SHORT_LOG) {
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i] as Entry;
        if (entry.name === name && entry.kind === kind) return true;
      }
      return false;
    }
    log.counts = { artifacts: new Map(), vars: new Map() };
    for (const entry of entries) count(log.counts, entry, 1);
  }
  return (kind === ARTIFACT ? log.counts.artifacts : log.counts.vars).has(name);
}

/** Adds (`delta` 1) or removes (-1) an entry's name to or from the counts. */
function count(counts: Counts, entry: Entry, delta: 1 | -1): void {
  if (entry.kind === UNKNOWN) return;
  const names = entry.kind === ARTIFACT ? counts.artifacts : counts.vars;
  const n = (names.get(entry.name) ?? 0) + delta;
  if (n === 0) names.delete(entry.name);
  else names.set(entry.name, n);
}

function push(log: ScopeLog, entry: Entry): void {
  log.entries.push(entry);
  if (entry.kind === UNKNOWN) log.unknown++;
  else if (log.counts !== undefined) count(log.counts, entry, 1);
}

function add(log: ScopeLog, kind: EntryKind, name: string): void {
  push(log, { kind, name });
}

/**
 * Takes out everything added since the log was `at` entries long; when `aside` is given, keeps it there in order (for
 * {@link restore}).
 *
 * The entries are moved one by one and the log cut to length, rather than taken out with `splice` and added with a
 * spread, which made two arrays per branch (the bench's workload has three per job): a data-flow walk of it at
 * N=10,000, once in a fresh process, took 88 ms of CPU against 105 (medians of 10 alternating processes).
 */
function undo(log: ScopeLog, at: number, aside?: Entry[]): void {
  const { entries } = log;
  for (let i = at; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    if (entry.kind === UNKNOWN) log.unknown--;
    else if (log.counts !== undefined) count(log.counts, entry, -1);
    aside?.push(entry);
  }
  if (entries.length > at) entries.length = at;
}

/** Takes out everything added since the log was `at` entries long, keeping it aside for {@link restore}. */
function setAside(log: ScopeLog, at: number): void {
  undo(log, at, log.setAside);
}

/** Adds again what was set aside since the stack of set-aside entries was `from` long. */
function restore(log: ScopeLog, from: number): void {
  const { setAside } = log;
  for (let i = from; i < setAside.length; i++) push(log, setAside[i] as Entry);
  if (setAside.length > from) setAside.length = from;
}

function produceArtifact(log: ScopeLog, value: unknown): void {
  const n = refName(value);
  if (n !== undefined) add(log, hasVar(n) ? UNKNOWN : ARTIFACT, n);
}

/** A get (a put's implicit one too) makes an artifact and a local var (the version's metadata) of its name. */
function produceGet(log: ScopeLog, value: unknown): void {
  const n = refName(value);
  if (n === undefined) return;
  add(log, hasVar(n) ? UNKNOWN : ARTIFACT, n);
  add(log, VAR, n);
}

/** Adds what a step produces, once it (and everything nested in it) ran. */
function produce(log: ScopeLog, step: Record<string, unknown>, kind: StepKind | undefined): void {
  switch (kind) {
    case "get":
      produceGet(log, step.get);
      return;
    case "put":
      if (step.no_get !== true) produceGet(log, step.put);
      return;
    case "task": {
      const mapping = isObject(step.output_mapping) ? step.output_mapping : undefined;
      const config = step.config;
      if (isObject(config)) {
        const outputs = config.outputs;
        if (!Array.isArray(outputs)) return;
        for (const output of outputs) {
          const name = isObject(output) ? output.name : undefined;
          if (typeof name !== "string") continue;
          const mapped = mapping !== undefined && Object.hasOwn(mapping, name) ? mapping[name] : undefined;
          produceArtifact(log, typeof mapped === "string" ? mapped : name);
        }
      } else {
        // A task from `file:` (or a `((var))` config): its outputs are only known at run time.
        add(log, UNKNOWN, "");
        if (mapping !== undefined) for (const key of Object.keys(mapping)) produceArtifact(log, mapping[key]);
      }
      return;
    }
    case "run":
      add(log, UNKNOWN, "");
      return;
    case "load_var":
      if (typeof step.load_var === "string") add(log, VAR, step.load_var);
      return;
    case "set_pipeline":
    case "try":
    case "do":
    case "in_parallel":
    case undefined:
      return;
    default:
      assertNever(kind);
  }
}
