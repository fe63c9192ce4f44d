import { defineRule } from "../define-rule.ts";
import { noType } from "./lib/section-checks.ts";

export default defineRule({
  id: "resource-no-type",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateResources",
  docs: { description: "Every resource needs a type." },
  messages: { noType: "{{identifier}} has no type" },
  check(ctx) {
    for (const f of noType(ctx, "resources")) ctx.report({ path: f.path, messageId: "noType", data: f.data });
  },
});
