import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-none.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: only, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources: []
        jobs: []
      `,
      errors: [{ messageId: "none", path: "jobs", message: "jobs: pipeline must contain at least one job" }],
    },
    {
      code: yaml`
        resources: []
      `,
      errors: [{ messageId: "none", path: "jobs" }],
    },
  ],
});
