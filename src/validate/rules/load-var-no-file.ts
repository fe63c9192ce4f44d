import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "load-var-no-file",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitLoadVar",
  docs: { description: "A load_var step needs a `file:`." },
  messages: { noFile: "no file specified" },
  check(ctx) {
    for (const g of goSteps(ctx).byKind.load_var) {
      if (goString(g.step.file) === "") ctx.report({ path: [...g.path, "load_var"], messageId: "noFile" });
    }
  },
});
