import type { Path } from "../model/common.ts";
import type { Job } from "../model/job.ts";
import type { Pipeline } from "../model/pipeline.ts";
import type { Resource } from "../model/resource.ts";
import type { Prototype, ResourceType } from "../model/resource-type.ts";
import type { KnownMappings } from "../parse/known-mappings.ts";
import {
  compareDiagnostics,
  cutLongTokens,
  type Diagnostic,
  interpolate,
  MAX_QUOTED_TOKEN,
  type Severity,
} from "../source/diagnostic.ts";
import { type CollectedStep, collectPipelineSteps } from "../walk/walk-steps.ts";
import { flyLine } from "./concourse-context.ts";
import type { Finding, Indexed, PipelineIndex, Rule, RuleContext, SharedContext } from "./define-rule.ts";
import { refusedVarNames } from "./refused-var-names.ts";
import { rules as registry } from "./rules/index.ts";
import { stringCensus as censusOfPipeline, type StringCensus } from "./rules/lib/string-census.ts";

/** A rule's configured severity: `off` disables it, `warn`/`error` override its default. */
export type RuleSetting = "off" | "warn" | "warning" | "error";

export interface ValidateOptions {
  /** Per-rule severity overrides: `{ "resource-unused": "off" }`. */
  readonly rules?: Readonly<Record<string, RuleSetting>> | undefined;
  /** The rules to run instead of the registry (tests run one rule at a time). */
  readonly registry?: readonly Rule[] | undefined;
  /**
   * The entries of the pipeline's large mappings, as `parsePipeline` gives them (`knownMappings`), when the pipeline
   * was not changed since: the rules then read a mapping of a million keys without walking it again.
   */
  readonly knownMappings?: KnownMappings | undefined;
  /**
   * Set when fly's vars (`-v`, `-y`, `-l`, `-i`) were put in place before: every `((var))` name was read then, as fly
   * reads them once, and a `((...))` a var's value brought in is no var. Unset, the names are read here, as fly reads
   * them with no vars given too, and those Concourse refuses are the only findings (fly stops at them).
   */
  readonly varsPutInPlace?: boolean | undefined;
}

/** The id of the diagnostic reported when a rule itself fails (a bug in hangar, never the user's mistake). */
export const RULE_CRASHED = "internal/rule-crashed";

/**
 * Runs every rule over a pipeline and returns its diagnostics sorted by path, then rule id. Diagnostics of
 * Concourse-parity rules carry `fly`, the line `fly validate-pipeline` prints for them.
 * Never throws for a mistake in the pipeline; a rule that throws becomes an `internal/rule-crashed` diagnostic.
 * The pipeline must have the model's shape (parse text with `parsePipeline`, which checks that, first).
 */
export function validate(pipeline: Readonly<Pipeline>, options: ValidateOptions = {}): Diagnostic[] {
  return runRules(pipeline, options, undefined);
}

/** {@link validate}, given the census of the pipeline's strings when a walk before the rules took it. */
export function runRules(
  pipeline: Readonly<Pipeline>,
  options: ValidateOptions,
  stringCensus: StringCensus | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const shared = lazyShared(pipeline, options.knownMappings, stringCensus);
  if (options.varsPutInPlace !== true) {
    // fly reads every var's name before it reads the pipeline, and stops at one it refuses
    const refused = refusedVarNames(pipeline, censusOfPipeline(shared.context), options.knownMappings);
    // in document order, as the vars path reports them
    if (refused.length > 0) return refused;
  }
  for (const rule of options.registry ?? registry) {
    const severity = severityOf(rule, options.rules?.[rule.id]);
    if (severity === undefined) continue;
    const ctx: RuleContext = {
      pipeline,
      knownMappings: options.knownMappings,
      stringCensus,
      steps: shared.steps,
      shared: shared.shared,
      get index() {
        return shared.index();
      },
      report(finding: Finding) {
        out.push(findingDiagnostic(rule, severity, finding, (path, message) => flyLine(pipeline, path, message)));
      },
    };
    try {
      rule.check(ctx);
    } catch (error) {
      out.push({
        ruleId: RULE_CRASHED,
        severity: "error",
        parity: "hangar",
        message: `rule '${rule.id}' failed: ${error instanceof Error ? error.message : String(error)}`,
        path: [],
      });
    }
  }
  return out.sort(compareDiagnostics);
}

/**
 * A rule's finding as a diagnostic at `severity`, its message filled in and followed by its hint; a parity rule's
 * carries `fly`, the line fly prints for it, made by `flyText` from its path and Concourse's own words.
 */
export function findingDiagnostic(
  rule: Rule,
  severity: Severity,
  finding: Finding,
  flyText: (path: Path, message: string) => string,
): Diagnostic {
  const d = toDiagnostic(rule, severity, finding);
  const flyTemplate = rule.flyMessages?.[finding.messageId];
  const flyMessage = flyTemplate === undefined ? d.message : interpolate(flyTemplate, d.data);
  const fly = rule.parity === "concourse" ? { fly: flyText(d.path, flyMessage) } : {};
  const meant = finding.didYouMean;
  const hint = finding.hint ?? (meant === undefined ? undefined : `did you mean '${meant}'?`);
  return {
    ...d,
    ...fly,
    ...(hint !== undefined && { message: `${d.message}; ${hint}` }),
    ...(meant !== undefined && { data: { ...d.data, didYouMean: meant } }),
  };
}

/** The severity a rule runs at under a setting (undefined: `off`). */
export function severityOf(rule: Rule, setting: RuleSetting | undefined): Severity | undefined {
  if (setting === "off") return undefined;
  if (setting === "warn" || setting === "warning") return "warning";
  if (setting === "error") return "error";
  return rule.severity;
}

function toDiagnostic(rule: Rule, severity: Severity, finding: Finding): Diagnostic {
  const template = Object.hasOwn(rule.messages, finding.messageId) ? rule.messages[finding.messageId] : undefined;
  const data = finding.data === undefined ? undefined : cutData(finding.data);
  return {
    ruleId: rule.id,
    severity,
    parity: rule.parity,
    message: template === undefined ? `unknown message id '${finding.messageId}'` : interpolate(template, data),
    path: finding.path,
    messageId: finding.messageId,
    ...(data === undefined ? {} : { data }),
  };
}

/** A finding's values with long user tokens cut, so that junk in a file never makes a message of megabytes. */
function cutData(data: Readonly<Record<string, string | number>>): Readonly<Record<string, string | number>> {
  for (const value of Object.values(data)) {
    if (typeof value === "string" && value.length > MAX_QUOTED_TOKEN) {
      return Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, typeof v === "string" ? cutLongTokens(v) : v]),
      );
    }
  }
  return data;
}

function lazyShared(
  pipeline: Readonly<Pipeline>,
  knownMappings: KnownMappings | undefined,
  stringCensus: StringCensus | undefined,
) {
  let steps: readonly CollectedStep[] | undefined;
  let index: PipelineIndex | undefined;
  const allSteps = (): readonly CollectedStep[] => {
    steps ??= collectPipelineSteps(pipeline);
    return steps;
  };
  const derived = new Map<(ctx: SharedContext) => unknown, unknown>();
  const sharedContext: SharedContext = {
    pipeline,
    knownMappings,
    stringCensus,
    steps: allSteps,
    shared: <T>(derive: (ctx: SharedContext) => T): T => {
      if (derived.has(derive)) return derived.get(derive) as T;
      const value = derive(sharedContext);
      derived.set(derive, value);
      return value;
    },
  };
  return {
    context: sharedContext,
    steps: allSteps,
    shared: sharedContext.shared,
    index: (): PipelineIndex => {
      if (index !== undefined) return index;
      const jobCount = Array.isArray(pipeline.jobs) ? pipeline.jobs.length : 0;
      const stepsByJob: CollectedStep[][] = Array.from({ length: jobCount }, () => []);
      for (const s of allSteps()) {
        stepsByJob[s.jobIndex]?.push(s);
      }
      index = {
        jobs: byName<Job>(pipeline.jobs),
        resources: byName<Resource>(pipeline.resources),
        resourceTypes: byName<ResourceType>(pipeline.resource_types),
        prototypes: byName<Prototype>(pipeline.prototypes),
        stepsByJob,
      };
      return index;
    },
  };
}

function byName<T>(list: unknown): Map<string, Indexed<T>> {
  const map = new Map<string, Indexed<T>>();
  if (!Array.isArray(list)) return map;
  for (let i = 0; i < list.length; i++) {
    const value: unknown = list[i];
    if (typeof value !== "object" || value === null) continue;
    const name: unknown = (value as { name?: unknown }).name;
    if (typeof name === "string" && !map.has(name)) map.set(name, { value: value as T, index: i });
  }
  return map;
}
