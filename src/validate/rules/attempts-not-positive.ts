import { goInt } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "attempts-not-positive",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitRetry",
  docs: { description: "`attempts:` must be greater than 0." },
  messages: { notPositive: "must be greater than 0" },
  check(ctx) {
    for (const g of goSteps(ctx).wrappedBy.attempts) {
      const attempts = goInt(g.step.attempts);
      if (attempts !== undefined && attempts <= 0)
        ctx.report({ path: [...g.path, "attempts"], messageId: "notPositive" });
    }
  },
});
