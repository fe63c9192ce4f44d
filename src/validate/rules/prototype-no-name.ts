import { defineRule } from "../define-rule.ts";
import { noName } from "./lib/section-checks.ts";

export default defineRule({
  id: "prototype-no-name",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validatePrototypes",
  docs: { description: "Every prototype needs a name." },
  messages: { noName: "{{identifier}} has no name" },
  check(ctx) {
    for (const f of noName(ctx, "prototypes")) ctx.report({ path: f.path, messageId: "noName", data: f.data });
  },
});
