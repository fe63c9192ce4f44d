import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-type-no-type.ts";

testRule(rule, {
  valid: [
    yaml`
      resource_types: [{ name: x, type: registry-image, source: {} }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resource_types:
        - { name: x, type: registry-image, source: {} }
        - { name: other, source: {} }
        - { type: "", source: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "noType",
          path: "resource_types[1].type",
          message: "resource_types.other has no type",
          severity: "error",
        },
        { messageId: "noType", path: "resource_types[2].type", message: "resource_types[2] has no type" },
      ],
    },
  ],
});
