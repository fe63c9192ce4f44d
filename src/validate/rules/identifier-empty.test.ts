import { testRule, yaml } from "../rule-tester.ts";
import rule from "./identifier-empty.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: repo, type: git, source: {} }]
      jobs:
      - name: unit
        plan:
        - get: repo
        - task: test
          file: repo/ci/test.yml
    `,
  ],
  invalid: [
    {
      code: yaml`
        groups:
        - name: ""
          jobs: ["*"]
        jobs:
        - name: unit
          plan:
          - task: ""
            file: x.yml
      `,
      errors: [
        {
          messageId: "empty",
          path: "groups[0].name",
          message: "groups[0]: identifier cannot be an empty string",
          severity: "error",
        },
        {
          messageId: "empty",
          path: "jobs[0].plan[0].task",
          message: "jobs.unit.plan.do[0].task(): identifier cannot be an empty string",
        },
      ],
    },
    {
      name: "steps nested in hooks, do and in_parallel get their Go context",
      code: yaml`
        jobs:
        - name: ""
          plan:
          - do:
            - in_parallel:
              - load_var: ""
                file: f
          on_failure:
            set_pipeline: ""
            file: p.yml
      `,
      errors: [
        { messageId: "empty", path: "jobs[0].name", message: "jobs[0]: identifier cannot be an empty string" },
        {
          messageId: "empty",
          path: "jobs[0].on_failure.set_pipeline",
          message: "jobs[0].plan.on_failure.set_pipeline(): identifier cannot be an empty string",
        },
        {
          messageId: "empty",
          path: "jobs[0].plan[0].do[0].in_parallel[0].load_var",
          message: "jobs[0].plan.do[0].do[0].in_parallel.steps[0].load_var(): identifier cannot be an empty string",
        },
      ],
    },
  ],
});
