import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { goString } from "./lib/values.ts";

export default defineRule({
  id: "get-name-repeated",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: {
    description:
      "Within a job, each get step needs its own name (use `get: alias` + `resource:` to fetch one resource twice); every repeat is reported.",
  },
  messages: { repeated: "repeated name" },
  check(ctx) {
    const seen = new Set<string>();
    for (const list of goSteps(ctx).byJob) {
      seen.clear();
      for (const g of list) {
        if (g.kind !== "get") continue;
        const name = goString(g.step.get);
        if (name === undefined) continue;
        if (seen.has(name)) ctx.report({ path: [...g.path, "get"], messageId: "repeated" });
        seen.add(name);
      }
    }
  },
});
