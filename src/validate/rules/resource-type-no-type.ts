import { defineRule } from "../define-rule.ts";
import { noType } from "./lib/section-checks.ts";

export default defineRule({
  id: "resource-type-no-type",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateResourceTypes",
  docs: { description: "Every resource type needs a type." },
  messages: { noType: "{{identifier}} has no type" },
  check(ctx) {
    for (const f of noType(ctx, "resource_types")) ctx.report({ path: f.path, messageId: "noType", data: f.data });
  },
});
