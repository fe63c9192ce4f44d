import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { goString, namedEntries, type Obj } from "./lib/values.ts";

export default defineRule({
  id: "run-unknown-prototype",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitRun",
  docs: { description: "A run step's `type` must name a prototype declared in `prototypes`." },
  messages: { unknown: "unknown prototype '{{prototype}}'" },
  check(ctx) {
    const declared = new Set<string>();
    for (const { name } of namedEntries((ctx.pipeline as unknown as Obj).prototypes))
      if (name !== undefined) declared.add(name);
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        if (g.kind !== "run") continue;
        const prototype = goString(g.step.type);
        if (prototype === undefined || declared.has(prototype)) continue;
        ctx.report({ path: [...g.path, "type"], messageId: "unknown", data: { prototype } });
      }
    }
  },
});
