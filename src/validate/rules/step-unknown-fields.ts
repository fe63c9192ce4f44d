import { goQuotedList, unknownStepFields } from "../../parse/step-fields.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";

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
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        if (g.kind === undefined) continue;
        const unknown = unknownStepFields(g.step);
        if (unknown.length > 0)
          ctx.report({ path: g.path, messageId: "unknown", data: { fields: goQuotedList(unknown) } });
      }
    }
  },
});
