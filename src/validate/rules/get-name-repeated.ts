import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";

export default defineRule({
  id: "get-name-repeated",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: {
    description:
      "Within a job, each get step needs its own name (use `get: alias` + `resource:` to fetch one resource twice); every repeat is reported.",
  },
  messages: { repeated: "repeated get name '{{name}}'" },
  flyMessages: { repeated: "repeated name" },
  check(ctx) {
    // gets are in Go's order, job after job: a get repeats a name an earlier get of its job had
    let jobIndex = -1;
    const names = new Set<string>();
    const gets = goSteps(ctx).byKind.get;
    // by index (see GoSteps)
    for (let i = 0; i < gets.length; i++) {
      const g = gets[i] as GoStep;
      if (g.jobIndex !== jobIndex) {
        jobIndex = g.jobIndex;
        names.clear();
      }
      const name = goString(g.step.get);
      if (name === undefined) continue;
      if (names.has(name)) ctx.report({ path: [...g.path, "get"], messageId: "repeated", data: { name } });
      names.add(name);
    }
  },
});
