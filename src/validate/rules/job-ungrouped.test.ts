import { testRule, yaml } from "../rule-tester.ts";
import rule from "./job-ungrouped.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: no-groups-at-all, plan: [] }]
    `,
    yaml`
      groups:
      - { name: a, jobs: ["unit-*"] }
      - { name: b, jobs: [deploy] }
      jobs:
      - { name: unit-1, plan: [] }
      - { name: unit-2, plan: [] }
      - { name: deploy, plan: [] }
    `,
  ],
  invalid: [
    {
      code: yaml`
        groups:
        - { name: a, jobs: [build, "bad-[x"] }
        jobs:
        - { name: build, plan: [] }
        - { name: bad-x, plan: [] }
        - { name: orphan, plan: [] }
      `,
      errors: [
        { messageId: "ungrouped", path: "jobs[1].name", message: "job 'bad-x' belongs to no group" },
        { messageId: "ungrouped", path: "jobs[2].name", message: "job 'orphan' belongs to no group" },
      ],
    },
  ],
});
