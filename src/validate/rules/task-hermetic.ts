import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";

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
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const g = tasks[i] as GoStep;
      if (g.step.hermetic === true) ctx.report({ path: [...g.path, "hermetic"], messageId: "hermetic" });
    }
  },
});
