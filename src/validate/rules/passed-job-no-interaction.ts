import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { createInteractions } from "./lib/interactions.ts";
import { createPassedMatcher } from "./lib/passed.ts";
import { goString, listOf, namedEntries, type Obj, resourceNameOf } from "./lib/values.ts";

export default defineRule({
  id: "passed-job-no-interaction",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: {
    description:
      "Every job a `passed:` entry matches must itself get or put the same resource (anywhere in its plan or hooks).",
  },
  messages: { noInteraction: "job '{{job}}' does not interact with resource '{{resource}}'" },
  check(ctx) {
    const match = createPassedMatcher(ctx.pipeline);
    const steps = goSteps(ctx);
    const interactions = createInteractions(steps);
    const names = new Map<number, string>();
    for (const { index, name } of namedEntries((ctx.pipeline as unknown as Obj).jobs)) {
      if (name !== undefined) names.set(index, name);
    }
    for (const list of steps.byJob) {
      for (const g of list) {
        if (g.kind !== "get") continue;
        const resource = resourceNameOf(g.step, "get");
        if (resource === undefined || goString(g.step.get) === undefined) continue;
        const passed = listOf(g.step.passed);
        for (let k = 0; k < passed.length; k++) {
          const entry = passed[k];
          if (typeof entry !== "string") continue;
          for (const jobIndex of match(entry)) {
            if (interactions(jobIndex).has(resource)) continue;
            ctx.report({
              path: [...g.path, "passed", k],
              messageId: "noInteraction",
              data: { job: names.get(jobIndex) ?? "", resource },
            });
          }
        }
      }
    }
  },
});
