import { testRule, yaml } from "../rule-tester.ts";
import rule from "./passed-job-no-interaction.ts";

testRule(rule, {
  valid: [
    {
      name: "the upstream job gets or puts the resource somewhere (aliased, nested, in a hook)",
      code: yaml`
        resources: [{ name: r, type: git, source: {} }, { name: img, type: registry-image, source: {} }]
        jobs:
        - name: a
          plan:
          - try: { get: code, resource: r }
        - name: b
          plan:
          - task: t
            file: t.yml
          on_success: { put: img }
        - name: c
          plan:
          - get: r
            passed: [a]
          - get: img
            passed: ["b*"]
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        resources: [{ name: r, type: git, source: {} }, { name: other, type: git, source: {} }]
        jobs:
        - { name: up-1, plan: [{ get: other }] }
        - { name: up-2, plan: [{ get: r }] }
        - name: down
          plan:
          - get: src
            resource: r
            passed: ["up-*"]
      `,
      errors: [
        {
          messageId: "noInteraction",
          path: "jobs[2].plan[0].passed[0]",
          message: "job 'up-1' does not interact with resource 'r'",
        },
      ],
    },
  ],
});
