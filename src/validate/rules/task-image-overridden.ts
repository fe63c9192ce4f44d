import { goString } from "../../concourse/go-value.ts";
import { isObject } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { has } from "./lib/values.ts";

export default defineRule({
  id: "task-image-overridden",
  parity: "concourse",
  severity: "warning",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitTask",
  docs: {
    description:
      "A task with `image:` ignores the `image_resource`/`rootfs_uri` of its inline config (Concourse's `pipeline` warning).",
  },
  messages: {
    overridden:
      "specifies image: on the step but also specifies an image under config: - the image: on the step takes precedence",
  },
  check(ctx) {
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const g = tasks[i] as GoStep;
      if (!isObject(g.step.config)) continue;
      const config = g.step.config;
      const image = goString(g.step.image);
      if (image === undefined || image === "") continue;
      const rootfs = goString(config.rootfs_uri);
      const hasImageResource = has(config, "image_resource") && config.image_resource !== null;
      if ((rootfs !== undefined && rootfs !== "") || hasImageResource) {
        ctx.report({ path: [...g.path, "image"], messageId: "overridden" });
      }
    }
  },
});
