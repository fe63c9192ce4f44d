import { testRule, yaml } from "../rule-tester.ts";
import rule from "./run-unknown-prototype.ts";

testRule(rule, {
  valid: [
    yaml`
      prototypes: [{ name: npm, type: registry-image, source: {} }]
      jobs: [{ name: j, plan: [{ run: test, type: npm }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        prototypes: [{ name: npm, type: registry-image, source: {} }]
        jobs: [{ name: j, plan: [{ run: test, type: yarn }, { run: build }] }]
      `,
      errors: [
        { messageId: "unknown", path: "jobs[0].plan[0].type", message: "unknown prototype 'yarn'" },
        { messageId: "unknown", path: "jobs[0].plan[1].type", message: "unknown prototype ''" },
      ],
    },
  ],
});
