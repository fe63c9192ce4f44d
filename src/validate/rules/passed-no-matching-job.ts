import { isLiteralPathPattern } from "../../concourse/go-path-match.ts";
import { didYouMean as suggest } from "../../source/did-you-mean.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { passedMatcher } from "./lib/passed.ts";
import { declaredNames } from "./lib/sections.ts";
import { listOf } from "./lib/values.ts";

export default defineRule({
  id: "passed-no-matching-job",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: { description: "Each `passed:` entry of a get step (a job name or a glob) must match at least one job." },
  messages: { noMatch: "no matching job(s) for '{{job}}'" },
  check(ctx) {
    const match = passedMatcher(ctx);
    const gets = goSteps(ctx).byKind.get;
    // by index (see GoSteps)
    for (let i = 0; i < gets.length; i++) {
      const g = gets[i] as GoStep;
      const passed = listOf(g.step.passed);
      for (let k = 0; k < passed.length; k++) {
        const entry = passed[k];
        if (typeof entry === "string" && match(entry).length === 0) {
          const didYouMean = isLiteralPathPattern(entry) ? suggest(entry, declaredNames(ctx, "jobs")) : undefined;
          ctx.report({ path: [...g.path, "passed", k], messageId: "noMatch", data: { job: entry }, didYouMean });
        }
      }
    }
  },
});
