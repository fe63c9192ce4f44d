import { defineRule } from "../define-rule.ts";
import { unknownResources } from "./lib/unknown-resources.ts";

export default defineRule({
  id: "put-unknown-resource",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitPut",
  docs: {
    description: "A put step must name a resource declared in `resources` (through `resource:`, else its own name).",
  },
  messages: { unknown: "unknown resource '{{resource}}'" },
  check(ctx) {
    for (const { path, resource, didYouMean } of unknownResources(ctx, "put")) {
      ctx.report({ path, messageId: "unknown", data: { resource }, didYouMean });
    }
  },
});
