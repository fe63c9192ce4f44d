import { testRule, yaml } from "../rule-tester.ts";
import rule from "./group-glob-no-match.ts";

testRule(rule, {
  valid: [
    yaml`
      groups: [{ name: all, jobs: ["unit-*", "{deploy,ship}-prod", "smoke?", "lint"] }]
      jobs:
      - { name: unit-1, plan: [] }
      - { name: ship-prod, plan: [] }
      - { name: smoke2, plan: [] }
      - { name: lint, plan: [] }
    `,
  ],
  invalid: [
    {
      code: yaml`
        groups:
        - name: release
          jobs: [publish, "promote-*", "bad-[0-9"]
        jobs: [{ name: build, plan: [] }]
      `,
      errors: [
        { messageId: "noMatch", path: "groups[0].jobs[0]", message: "no jobs match 'publish' for group 'release'" },
        { messageId: "noMatch", path: "groups[0].jobs[1]", message: "no jobs match 'promote-*' for group 'release'" },
      ],
    },
  ],
});
