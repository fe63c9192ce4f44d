import { goInt } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { buildLogRetention, jobEntries } from "./lib/jobs.ts";

export default defineRule({
  id: "job-build-logs-conflict",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: { description: "A job cannot set both `build_log_retention` and the deprecated `build_logs_to_retain`." },
  messages: { both: "{{identifier}} can't use both build_log_retention and build_logs_to_retain" },
  check(ctx) {
    const jobs = jobEntries(ctx);
    // by index (see GoSteps)
    for (let e = 0; e < jobs.length; e++) {
      const { job, index, identifier } = jobs[e] as (typeof jobs)[number];
      const logs = goInt(job.build_logs_to_retain);
      if (logs === undefined || logs === 0 || buildLogRetention(job) === undefined) continue;
      ctx.report({ path: ["jobs", index, "build_log_retention"], messageId: "both", data: { identifier } });
    }
  },
});
