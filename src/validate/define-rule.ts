import type { Path } from "../model/common.ts";
import type { Job } from "../model/job.ts";
import type { Pipeline } from "../model/pipeline.ts";
import type { Resource } from "../model/resource.ts";
import type { Prototype, ResourceType } from "../model/resource-type.ts";
import type { KnownMappings } from "../parse/known-mappings.ts";
import type { Parity, Severity } from "../source/diagnostic.ts";
import type { CollectedStep } from "../walk/walk-steps.ts";
import type { StringCensus } from "./rules/lib/string-census.ts";

/**
 * What a rule reports: a path, one of its message ids, and the values for the message's `{{placeholders}}`
 * (user tokens in them are cut when long, see `cutLongTokens`).
 */
export interface Finding<M extends string = string> {
  readonly path: Path;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /**
   * What the token at `path` probably should be (by edit distance): the message ends `; did you mean 'x'?` and
   * `data.didYouMean` holds it (an editor offers it as the replacement of the token at `path`).
   */
  readonly didYouMean?: string | undefined;
  /**
   * hangar's own words after the message (`did you mean 'fail_fast'?` for a key inside the step at `path`), added
   * as `; hint`. A parity rule's fly line keeps Concourse's text alone.
   */
  readonly hint?: string | undefined;
}

/** A named entry of one of the pipeline's lists, with its index in that list. */
export interface Indexed<T> {
  readonly value: T;
  readonly index: number;
}

/**
 * Lookups computed at most once per `validate()` run and shared by all rules, so that rules stay linear.
 * Each map holds the FIRST entry of each name (duplicates are a rule's business); entries whose name is not
 * a string are left out.
 */
export interface PipelineIndex {
  readonly jobs: ReadonlyMap<string, Indexed<Job>>;
  readonly resources: ReadonlyMap<string, Indexed<Resource>>;
  readonly resourceTypes: ReadonlyMap<string, Indexed<ResourceType>>;
  readonly prototypes: ReadonlyMap<string, Indexed<Prototype>>;
  /** The steps of each job (plan and job hooks, nested included), by job index, in walk order. */
  readonly stepsByJob: readonly (readonly CollectedStep[])[];
}

/** What shared derived values are computed from (see {@link RuleContext.shared}). */
export interface SharedContext {
  readonly pipeline: Readonly<Pipeline>;
  /** The entries of the pipeline's large mappings as the reader saw them, when it was parsed (see known-mappings.ts). */
  readonly knownMappings?: KnownMappings | undefined;
  /** The census of the pipeline's strings, when a walk before the rules took it (see `stringCensus`). */
  readonly stringCensus?: StringCensus | undefined;
  steps(): readonly CollectedStep[];
  shared<T>(derive: (ctx: SharedContext) => T): T;
}

/** The read-only view every rule gets. */
export interface RuleContext<M extends string = string> extends SharedContext {
  readonly pipeline: Readonly<Pipeline>;
  /**
   * Every step of every job (nested and hooks included), with literal paths such as `["jobs", 2, "plan", 0, "do", 1]`,
   * its kind and its parent; collected once per run.
   */
  steps(): readonly CollectedStep[];
  /** Shared lookups (computed lazily, once per run). */
  readonly index: PipelineIndex;
  /**
   * The value `derive` (a pure function of the pipeline, which is also the key) computes, computed by the first
   * rule that asks during a run and shared with every other, so that rules needing the same lookups or the same
   * view of the steps build it once.
   */
  shared<T>(derive: (ctx: SharedContext) => T): T;
  report(finding: Finding<M>): void;
}

/** A validation rule: one check, one file, default-exported. */
export interface Rule<M extends string = string> {
  /** kebab-case, equal to the file name: `get-unknown-resource`, `dataflow-task-input-not-produced`. */
  readonly id: string;
  readonly parity: Parity;
  /** The default severity (Concourse's own for parity rules). */
  readonly severity: Severity;
  /** The Go function the rule reproduces (required for parity rules). */
  readonly concourseRef?: string;
  readonly docs: { readonly description: string };
  /** Message templates with `{{placeholders}}`; parity rules copy Concourse's text verbatim. */
  readonly messages: Readonly<Record<M, string>>;
  /**
   * For a parity rule whose message says more than Concourse's (names what it is about), Concourse's own text for
   * the fly line, by message id.
   */
  readonly flyMessages?: Readonly<Partial<Record<M, string>>>;
  /** Reads `ctx.pipeline` / `ctx.steps()` and calls `ctx.report()`. Never throws, never prints. */
  check(ctx: RuleContext<M>): void;
}

/** Identity helper that types `messageId` against the keys of `messages`. */
export const defineRule = <M extends string>(rule: Rule<M>): Rule<M> => rule;
