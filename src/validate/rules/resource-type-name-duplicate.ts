import { defineRule } from "../define-rule.ts";
import { duplicateNames } from "./lib/section-checks.ts";

export default defineRule({
  id: "resource-type-name-duplicate",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateResourceTypes",
  docs: { description: "Resource type names must be unique." },
  messages: { duplicate: "{{first}} and {{second}} have the same name ('{{name}}')" },
  check(ctx) {
    for (const f of duplicateNames(ctx, "resource_types"))
      ctx.report({ path: f.path, messageId: "duplicate", data: f.data });
  },
});
