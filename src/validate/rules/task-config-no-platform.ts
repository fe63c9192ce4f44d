import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { checkPlatform } from "./lib/task-config.ts";

export default defineRule({
  id: "task-config-no-platform",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/task.go TaskConfig.Validate",
  docs: { description: "A task config (inline, or a task config file) needs a `platform`." },
  messages: { missing: "missing 'platform'" },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const g = tasks[i] as GoStep;
      if (isObject(g.step.config)) checkPlatform(g.step.config, [...g.path, "config"], ctx.report);
    }
  },
});
