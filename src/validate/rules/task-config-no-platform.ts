import { goString } from "../../concourse/go-value.ts";
import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { has } from "./lib/values.ts";

export default defineRule({
  id: "task-config-no-platform",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/task.go TaskConfig.Validate",
  docs: { description: "An inline task config needs a `platform`." },
  messages: { missing: "missing 'platform'" },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const g = tasks[i] as GoStep;
      if (!isObject(g.step.config)) continue;
      const config = g.step.config;
      if (goString(config.platform) !== "") continue;
      ctx.report({
        path: has(config, "platform") ? [...g.path, "config", "platform"] : [...g.path, "config"],
        messageId: "missing",
      });
    }
  },
});
