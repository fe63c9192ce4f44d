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
export function walkDataflow(ctx: { readonly pipeline: Pick<Pipeline, "jobs"> }, visitor: DataflowVisitor): void {
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
  walkPipeline(ctx.pipeline, DATAFLOW, walk);
}

/** One data-flow walk. */
interface DataflowWalk {
  readonly visitor: DataflowVisitor;
  readonly log: ScopeLog;
  /** Per open scope, where the log stood when it opened. */
  readonly marks: Mark[];
  /** One object for every callback, updated in place (a callback may only use it while it runs). */
  readonly visit: { -readonly [K in keyof DataflowStep]: DataflowStep[K] };
}

function visitOf(walk: DataflowWalk, self: CollectedStep): DataflowStep {
  const { visit } = walk;
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
  enterScope(scope, walk) {
    const { log, visit } = walk;
    if (scope.kind === "job") {
      clear(log);
      const job = scope.job as Job & Record<string, unknown>;
      visit.job = job;
      visit.jobIndex = scope.jobIndex;
      visit.jobName = typeof job.name === "string" ? job.name : "";
    }
    walk.marks.push(mark(log));
    if (scope.kind === "across" && scope.step !== undefined) {
      walk.visitor.across?.(visitOf(walk, scope.step));
      for (const v of scope.step.step.across ?? []) if (isObject(v) && typeof v.var === "string") add(log, VAR, v.var);
    }
  },
  enter(self, walk) {
    walk.visitor.step?.(visitOf(walk, self));
  },
  exit(self, walk) {
    produce(walk.log, self.step as Step & Record<string, unknown>, self.kind);
  },
  exitScope(scope, walk) {
    const { log } = walk;
    const at = walk.marks.pop() as Mark;
    switch (scope.kind) {
      case "across":
        // the across vars, and what the step produced in its child scope, are dropped
        undo(log, at.entries);
        return;
      case "branch":
        // the next branch starts from where this one started; what this one produced is kept aside
        setAside(log, at.entries);
        return;
      case "in_parallel":
      case "hooks":
        // every branch has run: what any of them produced is present
        restore(log, at.setAside);
        return;
      case "job":
      case "do":
      case "try":
        return;
      default:
        assertNever(scope.kind);
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
 * can take out what was added in it), with counts per name for the questions, and the entries of branches that
 * already ran, set aside until their last sibling ran.
 */
interface ScopeLog {
  readonly entries: Entry[];
  readonly artifacts: Map<string, number>;
  readonly vars: Map<string, number>;
  unknown: number;
  readonly setAside: Entry[];
  readonly scope: DataflowScope;
}

/** Where the log stood: its length, and how many entries were set aside. */
interface Mark {
  readonly entries: number;
  readonly setAside: number;
}

function newScopeLog(): ScopeLog {
  const log: ScopeLog = {
    entries: [],
    artifacts: new Map(),
    vars: new Map(),
    unknown: 0,
    setAside: [],
    scope: {
      hasArtifact: (name) => log.artifacts.has(name),
      get unknownArtifacts() {
        return log.unknown > 0;
      },
      hasLocalVar: (name) => log.vars.has(name),
    },
  };
  return log;
}

const mark = (log: ScopeLog): Mark => ({ entries: log.entries.length, setAside: log.setAside.length });

function clear(log: ScopeLog): void {
  log.entries.length = 0;
  log.setAside.length = 0;
  log.artifacts.clear();
  log.vars.clear();
  log.unknown = 0;
}

/** Adds (`delta` 1) or removes (-1) an entry's name to or from the counts. */
function count(log: ScopeLog, entry: Entry, delta: 1 | -1): void {
  if (entry.kind === UNKNOWN) {
    log.unknown += delta;
    return;
  }
  const names = entry.kind === ARTIFACT ? log.artifacts : log.vars;
  const n = (names.get(entry.name) ?? 0) + delta;
  if (n === 0) names.delete(entry.name);
  else names.set(entry.name, n);
}

function add(log: ScopeLog, kind: EntryKind, name: string): void {
  const entry: Entry = { kind, name };
  log.entries.push(entry);
  count(log, entry, 1);
}

/** Takes out everything added since the log was `at` entries long, and returns it. */
function undo(log: ScopeLog, at: number): Entry[] {
  const removed = log.entries.splice(at);
  for (const entry of removed) count(log, entry, -1);
  return removed;
}

/** Takes out everything added since the log was `at` entries long, keeping it aside for {@link restore}. */
function setAside(log: ScopeLog, at: number): void {
  log.setAside.push(...undo(log, at));
}

/** Adds again what was set aside since the stack of set-aside entries was `from` long. */
function restore(log: ScopeLog, from: number): void {
  for (const entry of log.setAside.splice(from)) {
    log.entries.push(entry);
    count(log, entry, 1);
  }
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
