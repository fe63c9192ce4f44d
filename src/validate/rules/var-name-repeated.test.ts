import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-name-repeated.ts";

testRule(rule, {
  valid: [
    {
      name: "an across step opens its own scope; jobs have separate scopes",
      code: yaml`
        jobs:
        - name: a
          plan:
          - { load_var: v, file: f }
          - across: [{ var: v, values: [1] }]
            load_var: w
            file: f
          - across: [{ var: v, values: [1] }]
            do: [{ load_var: w, file: f }]
        - name: b
          plan:
          - { load_var: v, file: f }
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: a
          plan:
          - { load_var: v, file: f }
          - in_parallel: [{ load_var: v, file: f }]
          - across: [{ var: x, values: [1] }, { var: x, values: [2] }]
            load_var: x
            file: f
          ensure: { load_var: v, file: f }
      `,
      errors: [
        { messageId: "repeated", path: "jobs[0].ensure.load_var", message: "repeated var name" },
        { messageId: "repeated", path: "jobs[0].plan[1].in_parallel[0].load_var" },
        { messageId: "repeated", path: "jobs[0].plan[2].across[1]" },
        { messageId: "repeated", path: "jobs[0].plan[2].load_var" },
      ],
    },
  ],
});
