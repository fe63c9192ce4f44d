import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-build-log-retention-negative.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - { name: a, plan: [], build_log_retention: { builds: 0, days: 1, minimum_succeeded_builds: 0 } }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: a
          plan: []
          build_log_retention: { builds: -1, days: -2, minimum_succeeded_builds: -3 }
      `,
      errors: [
        {
          messageId: "builds",
          path: "jobs[0].build_log_retention.builds",
          message: "jobs.a has negative build_log_retention.builds: -1",
        },
        {
          messageId: "days",
          path: "jobs[0].build_log_retention.days",
          message: "jobs.a has negative build_log_retention.days: -2",
        },
        {
          messageId: "minimum",
          path: "jobs[0].build_log_retention.minimum_succeeded_builds",
          message: "jobs.a has negative build_log_retention.min_success_builds: -3",
        },
      ],
    },
  ],
});
