import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-no-name.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: x, type: registry-image, source: {}, plan: [] }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources:
        - { name: x, type: registry-image, source: {}, plan: [] }
        - { type: registry-image, source: {}, plan: [] }
        - { name: "", type: registry-image, source: {}, plan: [] }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        { messageId: "noName", path: "resources[1].name", message: "resources[1] has no name", severity: "error" },
        { messageId: "noName", path: "resources[2].name", message: "resources[2] has no name" },
      ],
    },
  ],
});
