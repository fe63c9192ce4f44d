import { testRule, yaml } from "../rule-tester.ts";
import rule from "./task-config-or-file.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - task: from-file
          file: ci/t.yml
        - task: inline
          config: { platform: linux, run: { path: "true" } }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - task: nothing
          - try:
              task: everything
              file: ci/t.yml
              config: { platform: linux, run: { path: "true" } }
      `,
      errors: [
        { messageId: "neither", path: "jobs[0].plan[0].task", message: "must specify either `file:` or `config:`" },
        {
          messageId: "both",
          path: "jobs[0].plan[1].try.task",
          message: "must specify one of `file:` or `config:`, not both",
        },
      ],
    },
  ],
});
