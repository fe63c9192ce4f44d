import { goInt } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { buildLogRetention, jobEntries } from "./lib/jobs.ts";

export default defineRule({
  id: "job-build-logs-negative",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: {
    description:
      "`build_logs_to_retain` must not be negative (not reported when `build_log_retention` is also set: that is job-build-logs-conflict).",
  },
  messages: { negative: "{{identifier}} has negative build_logs_to_retain: {{value}}" },
  check(ctx) {
    const jobs = jobEntries(ctx);
    // by index (see GoSteps)
    for (let e = 0; e < jobs.length; e++) {
      const { job, index, identifier } = jobs[e] as (typeof jobs)[number];
      const logs = goInt(job.build_logs_to_retain);
      if (logs === undefined || logs >= 0 || buildLogRetention(job) !== undefined) continue;
      ctx.report({
        path: ["jobs", index, "build_logs_to_retain"],
        messageId: "negative",
        data: { identifier, value: logs },
      });
    }
  },
});
