import { testRule, yaml } from "../rule-tester.ts";
import rule from "./group-glob-invalid.ts";

testRule(rule, {
  valid: [
    yaml`
      groups: [{ name: all, jobs: ["unit-*", "deploy-{a,b}", "x[0-9]", "y[!q]", "lit"] }]
      jobs: [{ name: unit-1, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        groups:
        - name: ci
          jobs: ["build-[0-9", "test-[]", "z[b-a]", "ok-*"]
        jobs: [{ name: build-1, plan: [] }]
      `,
      errors: [
        {
          messageId: "invalid",
          path: "groups[0].jobs[0]",
          message: "invalid glob expression 'build-[0-9' for group 'ci'",
        },
        {
          messageId: "invalid",
          path: "groups[0].jobs[1]",
          message: "invalid glob expression 'test-[]' for group 'ci'",
        },
        { messageId: "invalid", path: "groups[0].jobs[2]", message: "invalid glob expression 'z[b-a]' for group 'ci'" },
      ],
    },
  ],
});
