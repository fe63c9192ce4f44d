/**
 * Where steps hold other steps: the one table of it, read by the walker (`walk-steps.ts`) and the renderer (which
 * rebuilds every step holding others). A step kind that holds steps is added here once.
 */
import { HOOK_KEYS } from "../model/modifiers.ts";
import type { StepKind } from "../model/step.ts";

/**
 * How a key holds steps: `step`, one step (`try`, a hook); `list`, a list of steps run one after the other (`do`, a
 * job's `plan`); `parallel`, `in_parallel`'s list of steps, or its `{ steps, limit, fail_fast }` whose
 * {@link IN_PARALLEL_CONFIG_SLOTS} hold them.
 */
export type SlotForm = "step" | "list" | "parallel";

/** A key that holds steps, and how. */
export interface StepSlot {
  readonly key: string;
  readonly form: SlotForm;
}

/** The step kinds that hold steps under their core key, and how (the steps of `do`, `try` and `in_parallel`). */
export const CORE_SLOT_FORMS = {
  do: "list",
  try: "step",
  in_parallel: "parallel",
} as const satisfies { readonly [K in StepKind]?: SlotForm };

/** A step kind that holds steps under its core key. */
export type HoldingKind = keyof typeof CORE_SLOT_FORMS;

/** Whether steps of kind `kind` hold steps under their core key. */
export const isHoldingKind = (kind: StepKind | undefined): kind is HoldingKind =>
  kind !== undefined && Object.hasOwn(CORE_SLOT_FORMS, kind);

/** The hooks every step and every job may have, in the order they are walked (`ensure` last). */
export const HOOK_SLOTS: readonly StepSlot[] = HOOK_KEYS.map((key) => ({ key, form: "step" }));

/** The keys of a job that hold steps: its plan, then its hooks. */
export const JOB_SLOTS: readonly StepSlot[] = [{ key: "plan", form: "list" }, ...HOOK_SLOTS];

/** The keys of an `in_parallel` config object (`{ steps, limit, fail_fast }`) that hold steps. */
export const IN_PARALLEL_CONFIG_SLOTS: readonly StepSlot[] = [{ key: "steps", form: "list" }];

/** The keys of a step of kind `kind` that hold steps: its core key when it holds some, then its hooks. */
export function stepSlots(kind: StepKind | undefined): readonly StepSlot[] {
  return isHoldingKind(kind) ? [{ key: kind, form: CORE_SLOT_FORMS[kind] }, ...HOOK_SLOTS] : HOOK_SLOTS;
}
