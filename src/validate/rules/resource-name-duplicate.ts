import { defineRule } from "../define-rule.ts";
import { duplicateNames } from "./lib/section-checks.ts";

export default defineRule({
  id: "resource-name-duplicate",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateResources",
  docs: { description: "Resource names must be unique." },
  messages: { duplicate: "{{first}} and {{second}} have the same name ('{{name}}')" },
  check(ctx) {
    for (const f of duplicateNames(ctx, "resources"))
      ctx.report({ path: f.path, messageId: "duplicate", data: f.data });
  },
});
