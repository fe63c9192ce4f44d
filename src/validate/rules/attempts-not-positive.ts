import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { goInt, has } from "./lib/values.ts";

export default defineRule({
  id: "attempts-not-positive",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitRetry",
  docs: { description: "`attempts:` must be greater than 0." },
  messages: { notPositive: "must be greater than 0" },
  check(ctx) {
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        if (g.kind === undefined || !has(g.step, "attempts")) continue;
        const attempts = goInt(g.step.attempts);
        if (attempts !== undefined && attempts <= 0)
          ctx.report({ path: [...g.path, "attempts"], messageId: "notPositive" });
      }
    }
  },
});
