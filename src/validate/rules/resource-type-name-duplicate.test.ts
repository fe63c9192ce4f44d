import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-type-name-duplicate.ts";

testRule(rule, {
  valid: [
    yaml`
      resource_types: [{ name: a, type: registry-image, source: {} }, { name: b, type: registry-image, source: {} }]
      prototypes: [{ name: a, type: registry-image, source: {} }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resource_types:
        - { name: slack, type: registry-image, source: {} }
        - { name: slack, type: registry-image, source: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "duplicate",
          path: "resource_types[1].name",
          message: "resource_types[0] and resource_types[1] have the same name ('slack')",
        },
      ],
    },
  ],
});
