import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { has } from "./lib/values.ts";

export default defineRule({
  id: "task-config-or-file",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitTask",
  docs: { description: "A task step needs exactly one of `file:` and `config:`." },
  messages: {
    neither: "must specify either `file:` or `config:`",
    both: "must specify one of `file:` or `config:`, not both",
  },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const g = tasks[i] as GoStep;
      const file = goString(g.step.file);
      if (file === undefined) continue;
      const hasConfig = has(g.step, "config") && g.step.config !== null;
      if (!hasConfig && file === "") ctx.report({ path: [...g.path, "task"], messageId: "neither" });
      if (hasConfig && file !== "") ctx.report({ path: [...g.path, "task"], messageId: "both" });
    }
  },
});
