import { goInt } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { jobEntries } from "./lib/jobs.ts";

export default defineRule({
  id: "job-build-logs-deprecated",
  parity: "concourse",
  severity: "warning",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: {
    description:
      "`build_logs_to_retain` is deprecated; use `build_log_retention` (Concourse's `deprecated_field` warning).",
  },
  messages: { deprecated: "{{identifier}}.build_logs_to_retain is deprecated. Use build_log_retention instead." },
  check(ctx) {
    const jobs = jobEntries(ctx);
    // by index (see GoSteps)
    for (let e = 0; e < jobs.length; e++) {
      const { job, index, identifier } = jobs[e] as (typeof jobs)[number];
      const logs = goInt(job.build_logs_to_retain);
      if (logs === undefined || logs === 0) continue;
      ctx.report({ path: ["jobs", index, "build_logs_to_retain"], messageId: "deprecated", data: { identifier } });
    }
  },
});
