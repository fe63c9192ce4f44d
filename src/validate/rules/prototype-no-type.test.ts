import { testRule, yaml } from "../rule-tester.ts";
import rule from "./prototype-no-type.ts";

testRule(rule, {
  valid: [
    yaml`
      prototypes: [{ name: x, type: registry-image, source: {} }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        prototypes:
        - { name: x, type: registry-image, source: {} }
        - { name: other, source: {} }
        - { type: "", source: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        { messageId: "noType", path: "prototypes[1].type", message: "prototypes.other has no type", severity: "error" },
        { messageId: "noType", path: "prototypes[2].type", message: "prototypes[2] has no type" },
      ],
    },
  ],
});
