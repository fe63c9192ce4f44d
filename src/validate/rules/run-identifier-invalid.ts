import { checkIdentifier } from "../../concourse/go-identifier.ts";
import { concourseContext } from "../concourse-context.ts";
import { defineRule } from "../define-rule.ts";
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
    for (const g of goSteps(ctx).byKind.run) {
      const name = stepName(g);
      if (name === undefined) continue;
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
  },
});
