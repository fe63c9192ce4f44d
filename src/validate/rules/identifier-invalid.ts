import { defineRule } from "../define-rule.ts";
import { acrossExempt, checkIdentifier } from "./lib/go-identifier.ts";
import { goLabel, goSteps, hasAcross, stepName } from "./lib/go-steps.ts";
import { NAMED_SECTIONS, sectionEntries } from "./lib/sections.ts";
import { locationIdentifier } from "./lib/values.ts";

export default defineRule({
  id: "identifier-invalid",
  parity: "concourse",
  severity: "warning",
  concourseRef: "atc/configwarning.go ValidateIdentifier",
  docs: {
    description:
      "Names should start with a lowercase letter or a digit and contain only lowercase letters, digits, `-`, `_` and `.` (Concourse's `invalid_identifier` warning; run steps are the `run-identifier-invalid` error).",
  },
  messages: {
    section: "{{location}}: '{{identifier}}' is not a valid identifier: {{reason}}",
    step: "'{{identifier}}' is not a valid identifier: {{reason}}",
  },
  check(ctx) {
    for (const section of NAMED_SECTIONS) {
      for (const { index, name } of sectionEntries(ctx, section)) {
        if (name === undefined) continue;
        const problem = checkIdentifier(name);
        if (problem?.kind !== "invalid") continue;
        ctx.report({
          path: [section, index, "name"],
          messageId: "section",
          data: { location: locationIdentifier(section, index, name), identifier: name, reason: problem.reason },
        });
      }
    }
    for (const list of goSteps(ctx).byJob) {
      for (const g of list) {
        const name = stepName(g);
        if (g.kind === undefined || g.kind === "run" || name === undefined) continue;
        if (hasAcross(g) && acrossExempt(true, goLabel(g))) continue;
        const problem = checkIdentifier(name);
        if (problem?.kind !== "invalid") continue;
        ctx.report({
          path: [...g.path, g.kind],
          messageId: "step",
          data: { identifier: name, reason: problem.reason },
        });
      }
    }
  },
});
