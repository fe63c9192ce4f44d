import { testRule, yaml } from "../rule-tester.ts";
import rule from "./across-max-in-flight-not-positive.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - across: [{ var: a, values: [1], max_in_flight: all }, { var: b, values: [1], max_in_flight: 3 }, { var: c, values: [1] }]
          load_var: x
          file: f
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - across: [{ var: a, values: [1], max_in_flight: 0 }, { var: b, values: [1], max_in_flight: -2 }]
            load_var: x
            file: f
      `,
      errors: [
        {
          messageId: "notPositive",
          path: "jobs[0].plan[0].across[0].max_in_flight",
          message: "must be greater than 0",
        },
        { messageId: "notPositive", path: "jobs[0].plan[0].across[1].max_in_flight" },
      ],
    },
  ],
});
