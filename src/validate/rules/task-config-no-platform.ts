import { goString } from "../../concourse/go-value.ts";
import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { has } from "./lib/values.ts";

export default defineRule({
  id: "task-config-no-platform",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/task.go TaskConfig.Validate",
  docs: { description: "An inline task config needs a `platform`." },
  messages: { missing: "missing 'platform'" },
  check(ctx) {
    for (const g of goSteps(ctx).byKind.task) {
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
