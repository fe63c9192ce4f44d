import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "task-hermetic",
  parity: "concourse",
  severity: "warning",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitTask",
  docs: {
    description: "`hermetic: true` only takes effect on workers running the containerd runtime (a Concourse warning).",
  },
  messages: { hermetic: "specifies `hermetic:` only works against worker containerd runtime" },
  check(ctx) {
    for (const g of goSteps(ctx).byKind.task) {
      if (g.step.hermetic === true) ctx.report({ path: [...g.path, "hermetic"], messageId: "hermetic" });
    }
  },
});
