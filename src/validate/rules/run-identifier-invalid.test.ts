import { testRule, yaml } from "../rule-tester.ts";
import rule from "./run-identifier-invalid.ts";

testRule(rule, {
  valid: [
    yaml`
      prototypes: [{ name: npm, type: registry-image, source: {} }]
      jobs:
      - name: j
        plan:
        - run: install
          type: npm
    `,
  ],
  invalid: [
    {
      code: yaml`
        prototypes: [{ name: npm, type: registry-image, source: {} }]
        jobs:
        - name: j
          plan:
          - run: _install
            type: npm
      `,
      errors: [
        {
          messageId: "invalid",
          path: "jobs[0].plan[0].run",
          severity: "error",
          message:
            "jobs.j.plan.do[0].run(npm._install): '_install' is not a valid identifier: must start with a lowercase letter or a number",
        },
      ],
    },
  ],
});
