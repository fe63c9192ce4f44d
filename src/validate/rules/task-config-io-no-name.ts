import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { checkIoNames } from "./lib/task-config.ts";

export default defineRule({
  id: "task-config-io-no-name",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/task.go TaskConfig.Validate",
  docs: { description: "Every input and output of a task config (inline, or a task config file) needs a `name`." },
  // Concourse's text starts with two spaces (it was meant to be indented under a heading); copied as printed
  messages: {
    input: "  input in position {{index}} is missing a name",
    output: "  output in position {{index}} is missing a name",
  },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let t = 0; t < tasks.length; t++) {
      const g = tasks[t] as GoStep;
      if (isObject(g.step.config)) checkIoNames(g.step.config, [...g.path, "config"], ctx.report);
    }
  },
});
