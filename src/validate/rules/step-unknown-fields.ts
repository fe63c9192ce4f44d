import { goQuotedList } from "../../concourse/go-format.ts";
import { analyzeStep, unknownStepFields } from "../../concourse/step-fields.ts";
import { STEP_KINDS } from "../../model/step.ts";
import { defineRule } from "../define-rule.ts";
import { fieldHint } from "./lib/field-hint.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "step-unknown-fields",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).Validate",
  docs: {
    description:
      "A step may only hold the keys of its core step type and of the modifiers wrapping it (a second core key, or `tags` on set_pipeline, is unknown).",
  },
  messages: { unknown: "unknown fields {{fields}}" },
  check(ctx) {
    const { byKind } = goSteps(ctx);
    for (const kind of STEP_KINDS) {
      const steps = byKind[kind];
      // by index (see GoSteps)
      for (let i = 0; i < steps.length; i++) {
        const g = steps[i] as GoStep;
        const unknown = unknownStepFields(g.step, kind);
        if (unknown.length === 0) continue;
        const known = analyzeStep(g.step).detectors.flatMap((d) => d.fields);
        const hint = fieldHint(unknown, known);
        ctx.report({ path: g.path, messageId: "unknown", data: { fields: goQuotedList(unknown) }, hint });
      }
    }
  },
});
