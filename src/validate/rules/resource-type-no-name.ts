import { defineRule } from "../define-rule.ts";
import { noName } from "./lib/section-checks.ts";

export default defineRule({
  id: "resource-type-no-name",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateResourceTypes",
  docs: { description: "Every resource type needs a name." },
  messages: { noName: "{{identifier}} has no name" },
  check(ctx) {
    for (const f of noName(ctx, "resource_types")) ctx.report({ path: f.path, messageId: "noName", data: f.data });
  },
});
