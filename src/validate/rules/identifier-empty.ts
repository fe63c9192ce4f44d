import { location } from "../../concourse/config-location.ts";
import { goString } from "../../concourse/go-value.ts";
import { concourseContext } from "../concourse-context.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps, NAMED_STEP_KINDS } from "./lib/go-steps.ts";
import { NAMED_SECTIONS, sectionEntries } from "./lib/sections.ts";

/**
 * Go returns this as an error already prefixed with its context; StepValidator then records it with the context
 * again, so for steps fly prints the context twice. `{{context}}` is that inner context.
 */
export default defineRule({
  id: "identifier-empty",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configwarning.go ValidateIdentifier",
  docs: {
    description:
      "Names of groups, resources, resource types, prototypes, var sources, jobs and steps (get, put, task, run, set_pipeline, load_var) must not be empty.",
  },
  messages: { empty: "{{context}}: identifier cannot be an empty string" },
  check(ctx) {
    for (const section of NAMED_SECTIONS) {
      const entries = sectionEntries(ctx, section);
      // by index (see GoSteps)
      for (let e = 0; e < entries.length; e++) {
        const { index, name } = entries[e] as (typeof entries)[number];
        if (name !== "") continue;
        ctx.report({ path: [section, index, "name"], messageId: "empty", data: { context: location(section, index) } });
      }
    }
    const { byKind } = goSteps(ctx);
    for (const kind of NAMED_STEP_KINDS) {
      const steps = byKind[kind];
      // by index (see GoSteps)
      for (let i = 0; i < steps.length; i++) {
        const g = steps[i] as GoStep;
        if ((goString(g.step[kind]) ?? "") !== "") continue;
        ctx.report({
          path: [...g.path, kind],
          messageId: "empty",
          data: { context: concourseContext(ctx.pipeline, [...g.path, kind]) },
        });
      }
    }
  },
});
