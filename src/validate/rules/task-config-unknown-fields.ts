import { goQuotedList } from "../../concourse/go-format.ts";
import { TASK_CONFIG_FIELDS, unknownTaskConfigFields } from "../../concourse/step-fields.ts";
import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { fieldHint } from "./lib/field-hint.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "task-config-unknown-fields",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitTask",
  docs: {
    description:
      "A task config (inline, or a task config file) may only hold the keys of a task config (catches typos such as `ouputs`).",
  },
  messages: {
    unknown: "unknown fields {{fields}}",
    // how atc.NewTaskConfig words it for a task config file (fly execute, a task step's `file:`)
    file: "unknown fields: {{fields}}",
  },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const g = tasks[i] as GoStep;
      if (!isObject(g.step.config)) continue;
      const unknown = unknownTaskConfigFields(g.step.config);
      if (unknown.length === 0) continue;
      const hint = fieldHint(unknown, TASK_CONFIG_FIELDS);
      ctx.report({ path: [...g.path, "config"], messageId: "unknown", data: { fields: goQuotedList(unknown) }, hint });
    }
  },
});
