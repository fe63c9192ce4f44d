import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
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
    for (const g of goSteps(ctx).byKind.task) {
      const file = goString(g.step.file);
      if (file === undefined) continue;
      const hasConfig = has(g.step, "config") && g.step.config !== null;
      if (!hasConfig && file === "") ctx.report({ path: [...g.path, "task"], messageId: "neither" });
      if (hasConfig && file !== "") ctx.report({ path: [...g.path, "task"], messageId: "both" });
    }
  },
});
