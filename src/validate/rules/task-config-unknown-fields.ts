import { defineRule } from "../define-rule.ts";
import { goQuotedList } from "./lib/go-duration.ts";
import { goSteps } from "./lib/go-steps.ts";
import { isObject } from "./lib/values.ts";

/** The JSON fields of atc/task.go `TaskConfig`. */
const TASK_CONFIG_FIELDS = new Set([
  "platform",
  "rootfs_uri",
  "image_resource",
  "container_limits",
  "params",
  "run",
  "inputs",
  "outputs",
  "caches",
]);

export default defineRule({
  id: "task-config-unknown-fields",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitTask",
  docs: {
    description: "An inline task config may only hold the keys of a task config (catches typos such as `ouputs`).",
  },
  messages: { unknown: "unknown fields {{fields}}" },
  check(ctx) {
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        if (g.kind !== "task" || !isObject(g.step.config)) continue;
        const unknown = Object.keys(g.step.config).filter((k) => !TASK_CONFIG_FIELDS.has(k));
        if (unknown.length > 0) {
          ctx.report({ path: [...g.path, "config"], messageId: "unknown", data: { fields: goQuotedList(unknown) } });
        }
      }
    }
  },
});
