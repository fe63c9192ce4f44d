import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "set-pipeline-no-file",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitSetPipeline",
  docs: { description: "A set_pipeline step needs a `file:`." },
  messages: { noFile: "no file specified" },
  check(ctx) {
    for (const g of goSteps(ctx).byKind.set_pipeline) {
      if (goString(g.step.file) === "") ctx.report({ path: [...g.path, "set_pipeline"], messageId: "noFile" });
    }
  },
});
