import { testRule, yaml } from "../rule-tester.ts";
import rule from "./across-no-vars.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: j, plan: [{ across: [{ var: v, values: [1, 2] }], load_var: x, file: f }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs: [{ name: j, plan: [{ across: [], load_var: x, file: f }] }]
      `,
      errors: [{ messageId: "noVars", path: "jobs[0].plan[0].across", message: "no vars specified" }],
    },
  ],
});
