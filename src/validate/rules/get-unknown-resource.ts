import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { goString, namedEntries, type Obj, resourceNameOf } from "./lib/values.ts";

export default defineRule({
  id: "get-unknown-resource",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: {
    description: "A get step must name a resource declared in `resources` (through `resource:`, else its own name).",
  },
  messages: { unknown: "unknown resource '{{resource}}'" },
  check(ctx) {
    const declared = new Set<string>();
    for (const { name } of namedEntries((ctx.pipeline as unknown as Obj).resources))
      if (name !== undefined) declared.add(name);
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        if (g.kind !== "get") continue;
        const resource = resourceNameOf(g.step, "get");
        if (resource === undefined || declared.has(resource)) continue;
        const viaResource = goString(g.step.resource) !== "";
        ctx.report({ path: [...g.path, viaResource ? "resource" : "get"], messageId: "unknown", data: { resource } });
      }
    }
  },
});
