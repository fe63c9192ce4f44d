import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { sectionEntries } from "./lib/sections.ts";
import { resourceNameOf } from "./lib/values.ts";

export default defineRule({
  id: "resource-unused",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateResourcesUnused",
  docs: { description: "Every resource must be used by a get or put step of some job (nested steps and hooks count)." },
  messages: { unused: "resource '{{resource}}' is not used" },
  check(ctx) {
    const used = new Set<string>();
    const { byKind } = goSteps(ctx);
    for (const kind of ["get", "put"] as const) {
      const steps = byKind[kind];
      // by index (see GoSteps)
      for (let i = 0; i < steps.length; i++) {
        const name = resourceNameOf((steps[i] as GoStep).step, kind);
        if (name !== undefined) used.add(name);
      }
    }
    const entries = sectionEntries(ctx, "resources");
    // by index (see GoSteps)
    for (let e = 0; e < entries.length; e++) {
      const { index, name } = entries[e] as (typeof entries)[number];
      if (name === undefined || used.has(name)) continue;
      ctx.report({ path: ["resources", index, "name"], messageId: "unused", data: { resource: name } });
    }
  },
});
