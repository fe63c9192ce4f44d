import { goString } from "../../concourse/go-value.ts";
import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { listOf } from "./lib/values.ts";

/** Concourse's text starts with two spaces (it was meant to be indented under a heading); copied as printed. */
const IO_KEYS = [
  ["inputs", "input"],
  ["outputs", "output"],
] as const;

export default defineRule({
  id: "task-config-io-no-name",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/task.go TaskConfig.Validate",
  docs: { description: "Every input and output of an inline task config needs a `name`." },
  messages: {
    input: "  input in position {{index}} is missing a name",
    output: "  output in position {{index}} is missing a name",
  },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let t = 0; t < tasks.length; t++) {
      const g = tasks[t] as GoStep;
      if (!isObject(g.step.config)) continue;
      for (const [key, messageId] of IO_KEYS) {
        const entries = listOf(g.step.config[key]);
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          if (isObject(entry) && goString(entry.name) !== "") continue;
          if (!isObject(entry) && entry !== null) continue;
          ctx.report({ path: [...g.path, "config", key, i], messageId, data: { index: i } });
        }
      }
    }
  },
});
