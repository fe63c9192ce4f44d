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
    // the job each name was last got in: a get repeats a name when its own job got it before (gets are in Go's
    // order, job after job)
    const lastJob = new Map<string, number>();
    for (const g of goSteps(ctx).byKind.get) {
      const name = goString(g.step.get);
      if (name === undefined) continue;
      if (lastJob.get(name) === g.jobIndex) ctx.report({ path: [...g.path, "get"], messageId: "repeated" });
      lastJob.set(name, g.jobIndex);
    }
  },
});
