import type { Duration, Tags } from "./common.ts";
import type { Step } from "./step.ts";

/**
 * The hook keys a step (and a job) may carry, in the order hangar writes them and the step walker visits them
 * (Concourse's documentation order; `ensure`, which runs after whichever of the others ran, last). Concourse's
 * own orders are in src/concourse/step-fields.ts: `STEP_PRECEDENCE` (how a step is read) and
 * `VALIDATOR_HOOK_ORDER` (how its validator visits hooks).
 */
export const HOOK_KEYS = ["on_success", "on_failure", "on_error", "on_abort", "ensure"] as const;
export type HookKey = (typeof HOOK_KEYS)[number];

/** The modifier keys that wrap a core step, outermost first: the wrappers of Concourse's `StepPrecedence` (atc/steps.go). */
export const MODIFIER_KEYS = [
  "ensure",
  "on_error",
  "on_abort",
  "on_failure",
  "on_success",
  "across",
  "attempts",
  "timeout",
] as const;
export type ModifierKey = (typeof MODIFIER_KEYS)[number];

/**
 * One variable of an `across` step: the step runs once for each of its values.
 * @see https://concourse-ci.org/docs/steps/modifier-and-hooks/across/
 */
export interface AcrossVar {
  /** The local var name, used as `((.:name))`. */
  var: string;
  /** The values to run the step with (a list, or a `((var))` that resolves to one). */
  values?: unknown[] | string;
  /** How many values run at once: a number, or `all`. */
  max_in_flight?: number | "all";
}

/**
 * Modifiers and hooks any step may carry.
 * @see https://concourse-ci.org/docs/steps/modifier-and-hooks/
 */
export interface StepModifiers {
  /** Run the step once for every combination of these vars' values. */
  across?: AcrossVar[];
  /** With `across`: stop starting new runs once one has failed. */
  fail_fast?: boolean;
  /** Run the step up to this many times until it succeeds. */
  attempts?: number;
  /** Abort the step after this long (a duration such as `1h`). */
  timeout?: Duration;
  /** Worker tags: run the step only on workers with all of them. */
  tags?: Tags;
  /** A step to run when this one succeeds. */
  on_success?: Step;
  /** A step to run when this one fails. */
  on_failure?: Step;
  /** A step to run when this one errors. */
  on_error?: Step;
  /** A step to run when the build is aborted during this one. */
  on_abort?: Step;
  /** A step to run after this one, whatever happened. */
  ensure?: Step;
}
