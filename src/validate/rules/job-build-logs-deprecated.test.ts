import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-build-logs-deprecated.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - { name: a, plan: [], build_log_retention: { builds: 10 } }
      - { name: b, plan: [], build_logs_to_retain: 0 }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - { name: a, plan: [], build_logs_to_retain: 20 }
        - { plan: [], build_logs_to_retain: -1 }
      `,
      errors: [
        {
          messageId: "deprecated",
          path: "jobs[0].build_logs_to_retain",
          message: "jobs.a.build_logs_to_retain is deprecated. Use build_log_retention instead.",
          severity: "warning",
        },
        {
          messageId: "deprecated",
          path: "jobs[1].build_logs_to_retain",
          message: "jobs[1].build_logs_to_retain is deprecated. Use build_log_retention instead.",
        },
      ],
    },
  ],
});
