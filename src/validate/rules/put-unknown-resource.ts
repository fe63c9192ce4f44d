import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { goString, namedEntries, type Obj, resourceNameOf } from "./lib/values.ts";

export default defineRule({
  id: "put-unknown-resource",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitPut",
  docs: {
    description: "A put step must name a resource declared in `resources` (through `resource:`, else its own name).",
  },
  messages: { unknown: "unknown resource '{{resource}}'" },
  check(ctx) {
    const declared = new Set<string>();
    for (const { name } of namedEntries((ctx.pipeline as unknown as Obj).resources))
      if (name !== undefined) declared.add(name);
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        if (g.kind !== "put") continue;
        const resource = resourceNameOf(g.step, "put");
        if (resource === undefined || declared.has(resource)) continue;
        const viaResource = goString(g.step.resource) !== "";
        ctx.report({ path: [...g.path, viaResource ? "resource" : "put"], messageId: "unknown", data: { resource } });
      }
    }
  },
});
