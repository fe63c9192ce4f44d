import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { declaredNames } from "./lib/sections.ts";

export default defineRule({
  id: "run-unknown-prototype",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitRun",
  docs: { description: "A run step's `type` must name a prototype declared in `prototypes`." },
  messages: { unknown: "unknown prototype '{{prototype}}'" },
  check(ctx) {
    const declared = declaredNames(ctx, "prototypes");
    for (const g of goSteps(ctx).byKind.run) {
      const prototype = goString(g.step.type);
      if (prototype === undefined || declared.has(prototype)) continue;
      ctx.report({ path: [...g.path, "type"], messageId: "unknown", data: { prototype } });
    }
  },
});
