import { testRule, yaml } from "../rule-tester.ts";
import rule from "./group-name-duplicate.ts";

testRule(rule, {
  valid: [
    yaml`
      groups: [{ name: a, jobs: [j] }, { name: b, jobs: [j] }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        groups:
        - { name: a, jobs: [j] }
        - { name: b, jobs: [j] }
        - { name: a, jobs: [j] }
        - { name: a, jobs: [j] }
        - { name: b, jobs: [j] }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "duplicate",
          path: "groups[2].name",
          message: "group 'a' appears 3 times. Duplicate names are not allowed.",
        },
        {
          messageId: "duplicate",
          path: "groups[4].name",
          message: "group 'b' appears 2 times. Duplicate names are not allowed.",
        },
      ],
    },
  ],
});
