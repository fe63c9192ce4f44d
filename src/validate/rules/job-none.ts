import { defineRule } from "../define-rule.ts";
import { listOf, type Obj } from "./lib/values.ts";

export default defineRule({
  id: "job-none",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: { description: "A pipeline must contain at least one job." },
  messages: { none: "jobs: pipeline must contain at least one job" },
  check(ctx) {
    if (listOf((ctx.pipeline as unknown as Obj).jobs).length === 0) ctx.report({ path: ["jobs"], messageId: "none" });
  },
});
