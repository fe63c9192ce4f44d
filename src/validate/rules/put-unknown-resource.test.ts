import { testRule, yaml } from "../rule-tester.ts";
import rule from "./put-unknown-resource.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: image, type: registry-image, source: {} }]
      jobs:
      - name: j
        plan:
        - put: image
        - put: push-again
          resource: image
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources: [{ name: image, type: registry-image, source: {} }]
        jobs:
        - name: j
          plan:
          - task: t
            file: t.yml
            on_success:
              put: custom-name
              resource: nope
      `,
      errors: [
        { messageId: "unknown", path: "jobs[0].plan[0].on_success.resource", message: "unknown resource 'nope'" },
      ],
    },
  ],
});
