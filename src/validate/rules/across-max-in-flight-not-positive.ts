import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { listOf } from "./lib/values.ts";

export default defineRule({
  id: "across-max-in-flight-not-positive",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitAcross",
  docs: { description: "An across var's `max_in_flight` must be `all` or a number greater than 0." },
  messages: { notPositive: "must be greater than 0" },
  check(ctx) {
    for (const g of goSteps(ctx).wrappedBy.across) {
      const vars = listOf(g.step.across);
      for (let i = 0; i < vars.length; i++) {
        const v = vars[i];
        if (!isObject(v)) continue;
        const limit = v.max_in_flight;
        if (typeof limit === "number" && Number.isInteger(limit) && limit <= 0) {
          ctx.report({ path: [...g.path, "across", i, "max_in_flight"], messageId: "notPositive" });
        }
      }
    }
  },
});
