import { defineRule } from "../define-rule.ts";
import { buildLogRetention, jobEntries } from "./lib/jobs.ts";

export default defineRule({
  id: "job-build-log-retention-negative",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateJobs",
  docs: { description: "`build_log_retention.builds`, `.days` and `.minimum_succeeded_builds` must not be negative." },
  messages: {
    builds: "{{identifier}} has negative build_log_retention.builds: {{value}}",
    days: "{{identifier}} has negative build_log_retention.days: {{value}}",
    minimum: "{{identifier}} has negative build_log_retention.min_success_builds: {{value}}",
  },
  check(ctx) {
    const jobs = jobEntries(ctx);
    // by index (see GoSteps)
    for (let e = 0; e < jobs.length; e++) {
      const { job, index, identifier } = jobs[e] as (typeof jobs)[number];
      const r = buildLogRetention(job);
      if (r === undefined) continue;
      const at = ["jobs", index, "build_log_retention"] as const;
      if (r.builds !== undefined && r.builds < 0) {
        ctx.report({ path: [...at, "builds"], messageId: "builds", data: { identifier, value: r.builds } });
      }
      if (r.days !== undefined && r.days < 0) {
        ctx.report({ path: [...at, "days"], messageId: "days", data: { identifier, value: r.days } });
      }
      if (r.minimum !== undefined && r.minimum < 0) {
        ctx.report({
          path: [...at, "minimum_succeeded_builds"],
          messageId: "minimum",
          data: { identifier, value: r.minimum },
        });
      }
    }
  },
});
