/**
 * One quick pass over every string of the pipeline, shared by the rules that look for rare strings (literal
 * secrets, local var references), so that a pipeline holding none costs one pass instead of one per rule.
 */
import type { SharedContext } from "../../define-rule.ts";
import { mayHoldString } from "./scan-strings.ts";
import { mayBeSecret } from "./secrets.ts";

export interface StringCensus {
  /** Some string may be a literal secret (see `secret-literal`). */
  readonly maySecret: boolean;
  /** Some string of a job may use a local var (`((.:name))`). */
  readonly mayUseLocalVarInJobs: boolean;
}

/** Whether a string may hold a local var: every `((.:name))` reference has this in it. */
export const mayUseLocalVar = (s: string): boolean => s.includes("((.:");

/** The census of the pipeline's strings (taken once per run). */
export const stringCensus = (ctx: SharedContext): StringCensus => ctx.shared(takeCensus);

function takeCensus(ctx: SharedContext): StringCensus {
  let maySecret = false;
  let mayUseLocalVarInJobs = false;
  // outside the jobs only secrets are looked for; each pass stops once it has all it looks for, and a pass that
  // gives up (too deep, too many containers) counts as having found everything
  if (
    mayHoldString(
      ctx.pipeline,
      (value, key) => {
        if (mayBeSecret(value, key)) maySecret = true;
        return maySecret;
      },
      (key) => key === "jobs",
    )
  ) {
    maySecret = true;
  }
  if (
    mayHoldString(ctx.pipeline.jobs, (value, key) => {
      if (!maySecret && mayBeSecret(value, key)) maySecret = true;
      if (!mayUseLocalVarInJobs && mayUseLocalVar(value)) mayUseLocalVarInJobs = true;
      return maySecret && mayUseLocalVarInJobs;
    })
  ) {
    maySecret = true;
    mayUseLocalVarInJobs = true;
  }
  return { maySecret, mayUseLocalVarInJobs };
}
