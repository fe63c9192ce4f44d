import { testRule, yaml } from "../rule-tester.ts";
import rule from "./task-hermetic.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - { task: a, file: t.yml, hermetic: false }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - { task: a, file: t.yml, hermetic: true }
      `,
      errors: [
        {
          messageId: "hermetic",
          path: "jobs[0].plan[0].hermetic",
          severity: "warning",
          message: "specifies `hermetic:` only works against worker containerd runtime",
        },
      ],
    },
  ],
});
