import { locationIdentifier } from "../../concourse/config-location.ts";
import { acrossExempt, checkIdentifier } from "../../concourse/go-identifier.ts";
import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goLabel, goSteps, hasAcross, NAMED_STEP_KINDS } from "./lib/go-steps.ts";
import { NAMED_SECTIONS, sectionEntries } from "./lib/sections.ts";

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
      const entries = sectionEntries(ctx, section);
      // by index (see GoSteps)
      for (let e = 0; e < entries.length; e++) {
        const { index, name } = entries[e] as (typeof entries)[number];
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
    const { byKind } = goSteps(ctx);
    for (const kind of NAMED_STEP_KINDS) {
      if (kind === "run") continue; // run steps: the run-identifier-invalid error
      const steps = byKind[kind];
      // by index (see GoSteps)
      for (let i = 0; i < steps.length; i++) {
        const g = steps[i] as GoStep;
        const name = goString(g.step[kind]) ?? "";
        const problem = checkIdentifier(name);
        if (problem?.kind !== "invalid") continue;
        // asked only of invalid names: most steps have no `across`, and a lookup of a key they lack costs each one
        if (hasAcross(g) && acrossExempt(true, goLabel(g))) continue;
        ctx.report({ path: [...g.path, kind], messageId: "step", data: { identifier: name, reason: problem.reason } });
      }
    }
  },
});
