import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-no-type.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: x, type: registry-image, source: {} }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources:
        - { name: x, type: registry-image, source: {} }
        - { name: other, source: {} }
        - { type: "", source: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        { messageId: "noType", path: "resources[1].type", message: "resources.other has no type", severity: "error" },
        { messageId: "noType", path: "resources[2].type", message: "resources[2] has no type" },
      ],
    },
  ],
});
