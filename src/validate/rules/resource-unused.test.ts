import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-unused.ts";

testRule(rule, {
  valid: [
    {
      name: "gets and puts anywhere count: nested, aliased, in hooks, in try",
      code: yaml`
        resources:
        - { name: a, type: git, source: {} }
        - { name: b, type: git, source: {} }
        - { name: c, type: git, source: {} }
        - { name: d, type: git, source: {} }
        - { name: e, type: git, source: {} }
        jobs:
        - name: j
          plan:
          - in_parallel:
              steps:
              - get: code
                resource: a
          - try: { put: b }
          - task: t
            file: code/t.yml
            on_failure: { put: c }
          ensure:
            do: [{ get: d }]
        - name: k
          plan:
          - across: [{ var: x, values: [1] }]
            put: e
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        resources:
        - { name: used, type: git, source: {} }
        - { name: alias-target, type: git, source: {} }
        - { name: spare, type: git, source: {} }
        jobs:
        - name: j
          plan:
          - get: used
          - get: alias
            resource: used
      `,
      errors: [
        { messageId: "unused", path: "resources[1].name", message: "resource 'alias-target' is not used" },
        { messageId: "unused", path: "resources[2].name", message: "resource 'spare' is not used" },
      ],
    },
  ],
});
