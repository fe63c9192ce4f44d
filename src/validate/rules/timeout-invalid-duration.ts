import { goDurationError } from "../../concourse/go-duration.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps, timeoutIsWrapper } from "./lib/go-steps.ts";

/**
 * Concourse checks `timeout:` only where it is a modifier: on set_pipeline, load_var, try, do and in_parallel.
 * On get, put, task and run it is a field of the step itself and is not validated when the pipeline is set.
 */
export default defineRule({
  id: "timeout-invalid-duration",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitTimeout",
  docs: { description: "A `timeout:` modifier must be a Go duration such as `30m` or `1h30m`." },
  messages: { invalid: "invalid duration '{{duration}}'" },
  check(ctx) {
    for (const g of goSteps(ctx).wrappedBy.timeout) {
      if (!timeoutIsWrapper(g)) continue;
      const duration = g.step.timeout === null ? "" : g.step.timeout;
      if (typeof duration !== "string" || goDurationError(duration) === undefined) continue;
      ctx.report({ path: [...g.path, "timeout"], messageId: "invalid", data: { duration } });
    }
  },
});
