import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { listOf } from "./lib/values.ts";

export default defineRule({
  id: "across-no-vars",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitAcross",
  docs: { description: "An `across:` modifier needs at least one var." },
  messages: { noVars: "no vars specified" },
  check(ctx) {
    for (const g of goSteps(ctx).wrappedBy.across) {
      if (listOf(g.step.across).length === 0) {
        ctx.report({ path: [...g.path, "across"], messageId: "noVars" });
      }
    }
  },
});
