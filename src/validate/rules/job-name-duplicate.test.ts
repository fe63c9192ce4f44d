import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-name-duplicate.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: a, plan: [] }, { name: b, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs: [{ name: a, plan: [] }, { name: b, plan: [] }, { name: a, plan: [] }]
      `,
      errors: [
        { messageId: "duplicate", path: "jobs[2].name", message: "jobs[0] and jobs[2] have the same name ('a')" },
      ],
    },
  ],
});
