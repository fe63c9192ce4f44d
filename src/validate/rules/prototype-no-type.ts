import { defineRule } from "../define-rule.ts";
import { noType } from "./lib/section-checks.ts";

export default defineRule({
  id: "prototype-no-type",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validatePrototypes",
  docs: { description: "Every prototype needs a type." },
  messages: { noType: "{{identifier}} has no type" },
  check(ctx) {
    for (const f of noType(ctx, "prototypes")) ctx.report({ path: f.path, messageId: "noType", data: f.data });
  },
});
