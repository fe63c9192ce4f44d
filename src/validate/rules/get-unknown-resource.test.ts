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
        { messageId: "unknown", path: "jobs[0].on_abort.get", message: "unknown resource 'gone'" },
        { messageId: "unknown", path: "jobs[0].plan[0].get", message: "unknown resource 'missing'" },
        { messageId: "unknown", path: "jobs[0].plan[1].resource", message: "unknown resource 'also-missing'" },
      ],
    },
  ],
});
