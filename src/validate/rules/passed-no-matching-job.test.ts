import { testRule, yaml } from "../rule-tester.ts";
import rule from "./passed-no-matching-job.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: r, type: git, source: {} }]
      jobs:
      - { name: build-linux, plan: [{ get: r }] }
      - { name: test, plan: [{ get: r, passed: [build-linux, "build-*", "build-[a-z]inux", "?uild-linux"] }] }
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources: [{ name: r, type: git, source: {} }]
        jobs:
        - { name: build, plan: [{ get: r }] }
        - name: test
          plan:
          - get: r
            passed: [build, ghost, "deploy-*", "build-[", "build/x"]
      `,
      errors: [
        { messageId: "noMatch", path: "jobs[1].plan[0].passed[1]", message: "no matching job(s) for 'ghost'" },
        { messageId: "noMatch", path: "jobs[1].plan[0].passed[2]", message: "no matching job(s) for 'deploy-*'" },
        { messageId: "noMatch", path: "jobs[1].plan[0].passed[3]", message: "no matching job(s) for 'build-['" },
        {
          messageId: "noMatch",
          path: "jobs[1].plan[0].passed[4]",
          message: "no matching job(s) for 'build/x'; did you mean 'build'?",
        },
      ],
    },
  ],
});
