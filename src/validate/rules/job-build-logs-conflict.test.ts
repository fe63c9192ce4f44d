import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-build-logs-conflict.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - { name: a, plan: [], build_log_retention: { days: 3 } }
      - { name: b, plan: [], build_logs_to_retain: 5 }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - { name: a, plan: [], build_logs_to_retain: 5, build_log_retention: {} }
      `,
      errors: [
        {
          messageId: "both",
          path: "jobs[0].build_log_retention",
          message: "jobs.a can't use both build_log_retention and build_logs_to_retain",
        },
      ],
    },
  ],
});
