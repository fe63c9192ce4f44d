import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { declaredNames } from "./lib/sections.ts";
import { goString, resourceNameOf } from "./lib/values.ts";

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
    const declared = declaredNames(ctx, "resources");
    for (const g of goSteps(ctx).byKind.get) {
      const resource = resourceNameOf(g.step, "get");
      if (resource === undefined || declared.has(resource)) continue;
      const viaResource = goString(g.step.resource) !== "";
      ctx.report({ path: [...g.path, viaResource ? "resource" : "get"], messageId: "unknown", data: { resource } });
    }
  },
});
