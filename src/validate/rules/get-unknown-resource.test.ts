import { testRule, yaml } from "../rule-tester.ts";
import rule from "./get-unknown-resource.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: repo, type: git, source: {} }]
      jobs:
      - name: j
        plan:
        - get: repo
        - get: code
          resource: repo
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources: [{ name: repo, type: git, source: {} }]
        jobs:
        - name: j
          plan:
          - get: missing
          - get: code
            resource: also-missing
          on_abort:
            get: gone
      `,
      errors: [
        { messageId: "unknown", path: "jobs[0].on_abort.get", line: 9, col: 10, message: "unknown resource 'gone'" },
        { messageId: "unknown", path: "jobs[0].plan[0].get", line: 5, col: 10, message: "unknown resource 'missing'" },
        {
          messageId: "unknown",
          path: "jobs[0].plan[1].resource",
          line: 7,
          col: 15,
          message: "unknown resource 'also-missing'",
        },
      ],
    },
  ],
});
