import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-shadowed.ts";

testRule(rule, {
  valid: [
    {
      name: "a var declared AFTER an across step does not make it shadow anything; hooks are outside the across scope",
      code: yaml`
        jobs:
        - name: a
          plan:
          - across: [{ var: v, values: [1] }]
            load_var: w
            file: f
            on_success: { load_var: x, file: f }
          - { load_var: v, file: f }
          - { load_var: w, file: f }
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
          - across: [{ var: v, values: [1] }]
            do:
            - across: [{ var: w, values: [1] }]
              load_var: v
              file: f
      `,
      errors: [
        {
          messageId: "shadowed",
          path: "jobs[0].plan[1].across[0]",
          severity: "warning",
          message: "shadows local var 'v'",
        },
        { messageId: "shadowed", path: "jobs[0].plan[1].do[0].load_var", message: "shadows local var 'v'" },
      ],
    },
  ],
});
