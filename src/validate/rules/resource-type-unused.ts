import { isObject, refName } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { CORE_RESOURCE_TYPES } from "./lib/core-resource-types.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { listOf } from "./lib/values.ts";

export default defineRule({
  id: "resource-type-unused",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "Every resource type declared in `resource_types` should be the `type` of some resource, other resource " +
      "type, prototype or inline task `image_resource` (Concourse reports an unused resource as an error; this is " +
      "the same check for types). A type named after a core type (overriding it, e.g. to pin a newer " +
      "`registry-image`) counts as used when the pipeline has tasks from `file:`, whose `image_resource` may use it.",
  },
  messages: {
    unused: "resource type '{{name}}' is not used by any resource, resource type, prototype or task image_resource",
  },
  check(ctx) {
    const { pipeline, report } = ctx;
    const used = new Set<string>();
    const use = (type: unknown): void => {
      const name = refName(type);
      if (name !== undefined) used.add(name);
    };
    const resources = listOf(pipeline.resources);
    // by index (see GoSteps)
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (isObject(r)) use(r.type);
    }
    for (const p of listOf(pipeline.prototypes)) if (isObject(p)) use(p.type);
    for (const t of listOf(pipeline.resource_types)) {
      // A type whose type is its own name uses the core type of that name, not itself.
      if (isObject(t) && refName(t.type) !== t.name) use(t.type);
    }
    let tasksFromFiles = false;
    const tasks = goSteps(ctx).byKind.task;
    // by index (see GoSteps)
    for (let i = 0; i < tasks.length; i++) {
      const { step } = tasks[i] as GoStep;
      if (!isObject(step.config)) tasksFromFiles = true;
      else if (isObject(step.config.image_resource)) use(step.config.image_resource.type);
    }
    listOf(pipeline.resource_types).forEach((t, i) => {
      if (!isObject(t) || typeof t.name !== "string" || used.has(t.name)) return;
      if (tasksFromFiles && CORE_RESOURCE_TYPES.has(t.name)) return;
      report({ path: ["resource_types", i, "name"], messageId: "unused", data: { name: t.name } });
    });
  },
});
