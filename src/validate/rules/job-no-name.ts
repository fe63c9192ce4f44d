import { defineRule } from "../define-rule.ts";
import { noName } from "./lib/section-checks.ts";

export default defineRule({
  id: "job-no-name",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: { description: "Every job needs a name." },
  messages: { noName: "{{identifier}} has no name" },
  check(ctx) {
    for (const f of noName(ctx, "jobs")) ctx.report({ path: f.path, messageId: "noName", data: f.data });
  },
});
