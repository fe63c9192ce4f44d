import { testRule, yaml } from "../rule-tester.ts";
import rule from "./attempts-not-positive.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: j, plan: [{ task: t, file: t.yml, attempts: 3 }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs: [{ name: j, plan: [{ task: t, file: t.yml, attempts: 0 }, { do: [], attempts: -1 }] }]
      `,
      errors: [
        { messageId: "notPositive", path: "jobs[0].plan[0].attempts", message: "must be greater than 0" },
        { messageId: "notPositive", path: "jobs[0].plan[1].attempts" },
      ],
    },
  ],
});
