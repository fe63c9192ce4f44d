/**
 * One quick pass over every string of the pipeline, shared by the checks that look for rare strings (literal
 * secrets, local var references, var names Concourse refuses), so that a pipeline holding none costs one pass instead of one per rule.
 */
import { mayRefuseVar } from "../../../concourse/vars.ts";
import type { SharedContext } from "../../define-rule.ts";
import { mayHoldString } from "./scan-strings.ts";
import { mayBeSecret } from "./secrets.ts";

export interface StringCensus {
  /** Some string may be a literal secret (see `secret-literal`). */
  readonly maySecret: boolean;
  /** Some string of a job may use a local var (`((.:name))`). */
  readonly mayUseLocalVarInJobs: boolean;
  /** Some string or key may hold a `((var))` whose name Concourse refuses (see `refusedVarNames`). */
  readonly mayRefuseVar: boolean;
}

/** The start of every reference to a local var: `((.:`, its source's `.` maybe quoted (`((".":name))`). */
const LOCAL_VAR_START = /\(\("*\."*:/;

/** Whether a string may hold a local var: every `((.:name))` reference has {@link LOCAL_VAR_START} in it. */
export const mayUseLocalVar = (s: string): boolean => s.includes("((") && LOCAL_VAR_START.test(s);

/** The census of the pipeline's strings: the one a walk before the rules took (`ctx.stringCensus`), or taken once per run. */
export const stringCensus = (ctx: SharedContext): StringCensus => ctx.stringCensus ?? ctx.shared(takeCensus);

const SECRET = 1;
const LOCAL_VAR = 2;
const REFUSED_VAR = 4;
const ALL = SECRET | LOCAL_VAR | REFUSED_VAR;

/** What the census found so far (bits of SECRET, LOCAL_VAR and REFUSED_VAR); each pass stops once it has all it looks for. */
export interface Tally {
  found: number;
}

export const newTally = (): Tally => ({ found: 0 });

/**
 * Notes one string of the pipeline, wherever it is, for a walk that shows the census every string (the one walk of
 * `validateData`): a local var outside the jobs counts too, a "may" in excess that changes no rule's findings.
 */
export function tallyString(value: string, key: string | undefined, tally: Tally): void {
  inJobs(value, key, tally);
}

/**
 * Notes one key of a mapping of the pipeline that holds `((` (only those need asking), for the same walk: fly's
 * templating reads the names of keys too, so a key may hold a refused name; no other question is asked of keys.
 */
export function tallyKey(key: string, tally: Tally): void {
  refusedInKey(key, tally);
}

/** What a tally says. */
export const censusOf = (tally: Tally): StringCensus => ({
  maySecret: (tally.found & SECRET) !== 0,
  mayUseLocalVarInJobs: (tally.found & LOCAL_VAR) !== 0,
  mayRefuseVar: (tally.found & REFUSED_VAR) !== 0,
});

/** Outside the jobs, secrets and refused var names are looked for. */
function outsideJobs(value: string, key: string | undefined, tally: Tally): boolean {
  if ((tally.found & SECRET) === 0 && mayBeSecret(value, key)) tally.found |= SECRET;
  if ((tally.found & REFUSED_VAR) === 0 && mayRefuseVar(value)) tally.found |= REFUSED_VAR;
  return (tally.found & (SECRET | REFUSED_VAR)) === (SECRET | REFUSED_VAR);
}

function inJobs(value: string, key: string | undefined, tally: Tally): boolean {
  if ((tally.found & SECRET) === 0 && mayBeSecret(value, key)) tally.found |= SECRET;
  if ((tally.found & LOCAL_VAR) === 0 && mayUseLocalVar(value)) tally.found |= LOCAL_VAR;
  if ((tally.found & REFUSED_VAR) === 0 && mayRefuseVar(value)) tally.found |= REFUSED_VAR;
  return tally.found === ALL;
}

/** A key, inside the jobs or out: only a refused var name is looked for; true once the pass has all it looks for. */
function refusedInKey(key: string, tally: Tally): boolean {
  if ((tally.found & REFUSED_VAR) === 0 && mayRefuseVar(key)) tally.found |= REFUSED_VAR;
  return tally.found === ALL;
}

/** {@link refusedInKey} outside the jobs, where a local var is not looked for. */
function refusedInKeyOutsideJobs(key: string, tally: Tally): boolean {
  refusedInKey(key, tally);
  return (tally.found & (SECRET | REFUSED_VAR)) === (SECRET | REFUSED_VAR);
}

const isJobs = (key: string): boolean => key === "jobs";

function takeCensus(ctx: SharedContext): StringCensus {
  const tally: Tally = { found: 0 };
  // a pass that gives up (too deep, too many containers) counts as having found everything
  const known = ctx.knownMappings;
  const outside = { test: outsideJobs, testKey: refusedInKeyOutsideJobs, state: tally, skip: isJobs, known };
  if (mayHoldString(ctx.pipeline, outside)) tally.found |= SECRET | REFUSED_VAR;
  if (mayHoldString(ctx.pipeline.jobs, { test: inJobs, testKey: refusedInKey, state: tally, known })) tally.found = ALL;
  return censusOf(tally);
}
