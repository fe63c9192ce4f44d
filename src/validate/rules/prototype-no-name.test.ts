import { testRule, yaml } from "../rule-tester.ts";
import rule from "./prototype-no-name.ts";

testRule(rule, {
  valid: [
    yaml`
      prototypes: [{ name: x, type: registry-image, source: {}, plan: [] }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        prototypes:
        - { name: x, type: registry-image, source: {}, plan: [] }
        - { type: registry-image, source: {}, plan: [] }
        - { name: "", type: registry-image, source: {}, plan: [] }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        { messageId: "noName", path: "prototypes[1].name", message: "prototypes[1] has no name", severity: "error" },
        { messageId: "noName", path: "prototypes[2].name", message: "prototypes[2] has no name" },
      ],
    },
  ],
});
