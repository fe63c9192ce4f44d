import { testRule, yaml } from "../rule-tester.ts";
import rule from "./group-unknown-resource.ts";

testRule(rule, {
  valid: [
    yaml`
      groups: [{ name: a, jobs: [j], resources: [repo] }]
      resources: [{ name: repo, type: git, source: {} }]
      jobs: [{ name: j, plan: [{ get: repo }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        groups: [{ name: a, jobs: [j], resources: [repo, ghost] }]
        resources: [{ name: repo, type: git, source: {} }]
        jobs: [{ name: j, plan: [{ get: repo }] }]
      `,
      errors: [
        { messageId: "unknown", path: "groups[0].resources[1]", message: "group 'a' has unknown resource 'ghost'" },
      ],
    },
  ],
});
