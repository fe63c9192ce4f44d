import { describe, expect, test } from "vitest";
import type { Path } from "../model/common.ts";
import { HOOK_KEYS } from "../model/modifiers.ts";
import { STEP_KINDS, type StepKind } from "../model/step.ts";
import {
  CORE_SLOT_FORMS,
  IN_PARALLEL_CONFIG_SLOTS,
  isHoldingKind,
  JOB_SLOTS,
  type StepSlot,
  stepSlots,
} from "./step-slots.ts";
import { collectPipelineSteps, walkStep } from "./walk-steps.ts";

type Obj = Record<string, unknown>;

/** The paths of the steps directly held by `holder`, as the table says where they are. */
function tablePaths(holder: Obj, slots: readonly StepSlot[]): Path[] {
  return slots.flatMap(({ key, form }): Path[] => {
    const value = holder[key];
    if (value === undefined) return [];
    if (form === "step") return [[key]];
    if (Array.isArray(value)) return value.map((_, i) => [key, i]);
    if (form === "parallel") return tablePaths(value as Obj, IN_PARALLEL_CONFIG_SLOTS).map((p) => [key, ...p]);
    return [];
  });
}

/** The paths of the steps the walker meets directly below a step. */
const walkedPaths = (step: Obj): Path[] => [...walkStep(step, [])].filter((s) => s.depth === 1).map((s) => s.path);

const hooks = (): Obj => Object.fromEntries(HOOK_KEYS.map((hook) => [hook, { put: `hook-${hook}` }]));

/** A step of each kind holding steps in every way its kind can, and with every hook. */
function stepsOf(kind: StepKind): Obj[] {
  const held = [{ get: "a" }, { put: "b" }];
  if (!isHoldingKind(kind)) return [{ [kind]: "x", ...hooks() }];
  const form = CORE_SLOT_FORMS[kind];
  if (form === "step") return [{ [kind]: held[0], ...hooks() }];
  if (form === "list") return [{ [kind]: held, ...hooks() }];
  return [
    { [kind]: held, ...hooks() },
    { [kind]: { steps: held, limit: 1 }, ...hooks() },
  ];
}

describe("the table of where steps hold steps", () => {
  test.each(STEP_KINDS.flatMap((kind) => stepsOf(kind).map((step) => [kind, step] as const)))(
    "the walker finds the steps a %s step holds where the table says: %j",
    (kind, step) => {
      const expected = tablePaths(step, stepSlots(kind));
      expect(expected.length).toBeGreaterThan(HOOK_KEYS.length - 1);
      expect(walkedPaths(step)).toEqual(expected);
    },
  );

  test("the walker finds a job's steps where the table says", () => {
    const job: Obj = { name: "j", plan: [{ get: "a" }, { task: "t" }], ...hooks() };
    const walked = collectPipelineSteps({ jobs: [job] as never })
      .filter((s) => s.depth === 0)
      .map((s) => s.path.slice(2));
    expect(walked).toEqual(tablePaths(job, JOB_SLOTS));
    expect(walked).toHaveLength(2 + HOOK_KEYS.length);
  });

  test("a step's slots are its core key when it holds steps there, then its hooks", () => {
    expect(stepSlots("do").map((s) => s.key)).toEqual(["do", ...HOOK_KEYS]);
    expect(stepSlots("get").map((s) => s.key)).toEqual([...HOOK_KEYS]);
    expect(stepSlots(undefined).map((s) => s.key)).toEqual([...HOOK_KEYS]);
  });
});
