import { concourseContext } from "../concourse-context.ts";
import { defineRule } from "../define-rule.ts";
import { checkIdentifier } from "./lib/go-identifier.ts";
import { goSteps, stepName } from "./lib/go-steps.ts";

/**
 * Concourse turns the identifier warning into an error for run steps, recording the warning's text (which already
 * holds the context) with the context prefixed again; `{{context}}` is that inner copy.
 */
export default defineRule({
  id: "run-identifier-invalid",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitRun",
  docs: { description: "A run step's message must be a valid identifier (an error, not a warning, for run steps)." },
  messages: { invalid: "{{context}}: '{{identifier}}' is not a valid identifier: {{reason}}" },
  check(ctx) {
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        const name = stepName(g);
        if (g.kind !== "run" || name === undefined) continue;
        const problem = checkIdentifier(name);
        if (problem?.kind !== "invalid") continue;
        ctx.report({
          path: [...g.path, "run"],
          messageId: "invalid",
          data: {
            context: concourseContext(ctx.pipeline, [...g.path, "run"]),
            identifier: name,
            reason: problem.reason,
          },
        });
      }
    }
  },
});
