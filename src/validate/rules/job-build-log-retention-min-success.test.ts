import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-build-log-retention-min-success.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - { name: a, plan: [], build_log_retention: { builds: 5, minimum_succeeded_builds: 5 } }
      - { name: b, plan: [], build_log_retention: { minimum_succeeded_builds: 9 } }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - { name: a, plan: [], build_log_retention: { builds: 2, minimum_succeeded_builds: 4 } }
      `,
      errors: [
        {
          messageId: "greater",
          path: "jobs[0].build_log_retention.minimum_succeeded_builds",
          message:
            "jobs.a has build_log_retention.min_success_builds: 4 greater than build_log_retention.min_success_builds: 2",
        },
      ],
    },
  ],
});
