import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-type-no-name.ts";

testRule(rule, {
  valid: [
    yaml`
      resource_types: [{ name: x, type: registry-image, source: {}, plan: [] }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resource_types:
        - { name: x, type: registry-image, source: {}, plan: [] }
        - { type: registry-image, source: {}, plan: [] }
        - { name: "", type: registry-image, source: {}, plan: [] }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "noName",
          path: "resource_types[1].name",
          message: "resource_types[1] has no name",
          severity: "error",
        },
        { messageId: "noName", path: "resource_types[2].name", message: "resource_types[2] has no name" },
      ],
    },
  ],
});
