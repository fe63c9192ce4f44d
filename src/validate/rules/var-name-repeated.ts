import { defineRule } from "../define-rule.ts";
import { localVarEvents } from "./lib/local-vars.ts";

export default defineRule({
  id: "var-name-repeated",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).declareLocalVar",
  docs: {
    description:
      "A local var (`load_var`, or an `across` var) must not be declared twice in the same scope (the job, or one across step).",
  },
  messages: { repeated: "repeated var name" },
  check(ctx) {
    for (const e of localVarEvents(ctx)) {
      if (e.kind === "repeated") ctx.report({ path: e.path, messageId: "repeated" });
    }
  },
});
