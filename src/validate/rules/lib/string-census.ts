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

const SECRET = 1;
const LOCAL_VAR = 2;

const isJobs = (key: string): boolean => key === "jobs";

function takeCensus(ctx: SharedContext): StringCensus {
  // what the passes found so far (bits); each pass stops once it has all it looks for
  let found = 0;
  /** Outside the jobs only secrets are looked for. */
  const outsideJobs = (value: string, key: string | undefined): boolean => {
    if (mayBeSecret(value, key)) found |= SECRET;
    return (found & SECRET) !== 0;
  };
  const inJobs = (value: string, key: string | undefined): boolean => {
    if ((found & SECRET) === 0 && mayBeSecret(value, key)) found |= SECRET;
    if ((found & LOCAL_VAR) === 0 && mayUseLocalVar(value)) found |= LOCAL_VAR;
    return found === (SECRET | LOCAL_VAR);
  };
  // a pass that gives up (too deep, too many containers) counts as having found everything
  if (mayHoldString(ctx.pipeline, outsideJobs, isJobs)) found |= SECRET;
  if (mayHoldString(ctx.pipeline.jobs, inJobs)) found = SECRET | LOCAL_VAR;
  return { maySecret: (found & SECRET) !== 0, mayUseLocalVarInJobs: (found & LOCAL_VAR) !== 0 };
}
