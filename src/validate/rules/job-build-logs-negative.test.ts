import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-build-logs-negative.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - { name: a, plan: [], build_logs_to_retain: 3 }
      - { name: both-set-is-the-conflict-rule, plan: [], build_logs_to_retain: -3, build_log_retention: { builds: 1 } }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - { name: a, plan: [], build_logs_to_retain: -2 }
      `,
      errors: [
        {
          messageId: "negative",
          path: "jobs[0].build_logs_to_retain",
          message: "jobs.a has negative build_logs_to_retain: -2",
        },
      ],
    },
  ],
});
