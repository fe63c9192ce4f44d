import { testRule, yaml } from "../rule-tester.ts";
import rule from "./prototype-name-duplicate.ts";

testRule(rule, {
  valid: [
    yaml`
      resource_types: [{ name: slack, type: registry-image, source: {} }]
      prototypes: [{ name: npm, type: registry-image, source: {} }, { name: go, type: registry-image, source: {} }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      name: "a prototype may clash with a resource type",
      code: yaml`
        resource_types: [{ name: slack, type: registry-image, source: {} }]
        prototypes:
        - { name: npm, type: registry-image, source: {} }
        - { name: slack, type: registry-image, source: {} }
        - { name: npm, type: registry-image, source: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "duplicate",
          path: "prototypes[1].name",
          message: "resource_types[0] and prototypes[1] have the same name ('slack')",
        },
        {
          messageId: "duplicate",
          path: "prototypes[2].name",
          message: "prototypes[0] and prototypes[2] have the same name ('npm')",
        },
      ],
    },
  ],
});
