import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { createInteractions } from "./lib/interactions.ts";
import { passedMatcher } from "./lib/passed.ts";
import { sectionEntries } from "./lib/sections.ts";
import { listOf, resourceNameOf } from "./lib/values.ts";

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
    const match = passedMatcher(ctx);
    const steps = goSteps(ctx);
    const interacts = createInteractions(steps);
    let names: Map<number, string> | undefined;
    /** The name of a job (only needed for a report). */
    const nameOf = (jobIndex: number): string => {
      if (names === undefined) {
        names = new Map();
        for (const { index, name } of sectionEntries(ctx, "jobs")) if (name !== undefined) names.set(index, name);
      }
      return names.get(jobIndex) ?? "";
    };
    // the gets, in Go's order (job after job), read by index (see GoSteps)
    const gets = steps.byKind.get;
    for (let i = 0; i < gets.length; i++) {
      const g = gets[i] as GoStep;
      const resource = resourceNameOf(g.step, "get");
      if (resource === undefined || goString(g.step.get) === undefined) continue;
      const passed = listOf(g.step.passed);
      for (let k = 0; k < passed.length; k++) {
        const entry = passed[k];
        if (typeof entry !== "string") continue;
        const matched = match(entry);
        for (let m = 0; m < matched.length; m++) {
          const jobIndex = matched[m] as number;
          if (interacts(jobIndex, resource)) continue;
          ctx.report({
            path: [...g.path, "passed", k],
            messageId: "noInteraction",
            data: { job: nameOf(jobIndex), resource },
          });
        }
      }
    }
  },
});
