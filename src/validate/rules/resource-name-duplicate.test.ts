import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-name-duplicate.ts";

testRule(rule, {
  valid: [
    yaml`
      resources:
      - { name: a, type: git, source: {} }
      - { name: b, type: git, source: {} }
      - { type: git, source: {} }
      - { type: git, source: {} }
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources:
        - { name: a, type: git, source: {} }
        - { name: b, type: git, source: {} }
        - { name: a, type: time, source: {} }
        - { name: a, type: time, source: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "duplicate",
          path: "resources[2].name",
          message: "resources[0] and resources[2] have the same name ('a')",
        },
        {
          messageId: "duplicate",
          path: "resources[3].name",
          message: "resources[0] and resources[3] have the same name ('a')",
        },
      ],
    },
  ],
});
