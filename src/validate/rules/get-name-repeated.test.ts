import { testRule, yaml } from "../rule-tester.ts";
import rule from "./get-name-repeated.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: a
        plan:
        - get: repo
        - get: repo-again
          resource: repo
      - name: b
        plan:
        - get: repo
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: a
          plan:
          - get: repo
          - in_parallel:
            - get: repo
              resource: other
          ensure:
            get: repo
      `,
      errors: [
        { messageId: "repeated", path: "jobs[0].ensure.get", message: "repeated name" },
        { messageId: "repeated", path: "jobs[0].plan[1].in_parallel[0].get", message: "repeated name" },
      ],
    },
  ],
});
