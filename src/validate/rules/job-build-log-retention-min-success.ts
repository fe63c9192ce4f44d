import { defineRule } from "../define-rule.ts";
import { buildLogRetention, jobEntries } from "./lib/jobs.ts";

/** Go names `min_success_builds` on both sides of this message; it is copied as Concourse prints it. */
export default defineRule({
  id: "job-build-log-retention-min-success",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: {
    description:
      "`build_log_retention.minimum_succeeded_builds` must not exceed `build_log_retention.builds` (when builds is set).",
  },
  messages: {
    greater:
      "{{identifier}} has build_log_retention.min_success_builds: {{minimum}} greater than build_log_retention.min_success_builds: {{builds}}",
  },
  check(ctx) {
    const jobs = jobEntries(ctx);
    // by index (see GoSteps)
    for (let e = 0; e < jobs.length; e++) {
      const { job, index, identifier } = jobs[e] as (typeof jobs)[number];
      const r = buildLogRetention(job);
      if (r?.builds === undefined || r.minimum === undefined || r.builds <= 0 || r.minimum <= r.builds) continue;
      ctx.report({
        path: ["jobs", index, "build_log_retention", "minimum_succeeded_builds"],
        messageId: "greater",
        data: { identifier, minimum: r.minimum, builds: r.builds },
      });
    }
  },
});
