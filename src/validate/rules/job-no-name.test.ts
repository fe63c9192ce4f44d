import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-no-name.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs: [{ name: j, plan: [] }, { plan: [] }]
      `,
      errors: [{ messageId: "noName", path: "jobs[1].name", message: "jobs[1] has no name" }],
    },
  ],
});
