import { defineRule } from "../define-rule.ts";
import { duplicateNames, firstLocations } from "./lib/section-checks.ts";

export default defineRule({
  id: "prototype-name-duplicate",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validatePrototypes",
  docs: { description: "Prototype names must be unique, and must differ from every resource type's name." },
  messages: { duplicate: "{{first}} and {{second}} have the same name ('{{name}}')" },
  check(ctx) {
    const seen = firstLocations(ctx, "resource_types");
    for (const f of duplicateNames(ctx, "prototypes", seen)) {
      ctx.report({ path: f.path, messageId: "duplicate", data: f.data });
    }
  },
});
