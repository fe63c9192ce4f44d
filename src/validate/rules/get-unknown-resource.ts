import { defineRule } from "../define-rule.ts";
import { unknownResources } from "./lib/unknown-resources.ts";

export default defineRule({
  id: "get-unknown-resource",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: {
    description: "A get step must name a resource declared in `resources` (through `resource:`, else its own name).",
  },
  messages: { unknown: "unknown resource '{{resource}}'" },
  check(ctx) {
    for (const { path, resource, didYouMean } of unknownResources(ctx, "get")) {
      ctx.report({ path, messageId: "unknown", data: { resource }, didYouMean });
    }
  },
});
