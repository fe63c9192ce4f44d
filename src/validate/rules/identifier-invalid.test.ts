import { testRule, yaml } from "../rule-tester.ts";
import rule from "./identifier-invalid.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: repo.v2_main, type: git, source: {} }]
      jobs:
      - name: 1-unit
        plan:
        - get: repo.v2_main
        - task: ひらがな
          file: repo/t.yml
    `,
    {
      name: "task and set_pipeline names directly under across are not checked",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - across: [{ var: env, values: [a, b] }]
            task: Run-((.:env))
            file: t.yml
          - across: [{ var: env, values: [a, b] }]
            set_pipeline: Env-((.:env))
            file: p.yml
          - across: [{ var: env, values: [a, b] }]
            load_var: my-task-Var
            file: v.json
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        groups: [{ name: Main, jobs: ["*"] }]
        resources: [{ name: "-repo", type: git, source: {} }]
        resource_types: [{ name: "123", type: registry-image, source: {} }]
        jobs:
        - name: unit test
          plan:
          - get: "-repo"
          - put: Out
            resource: "-repo"
          - do:
            - task: buildIt
              file: t.yml
      `,
      errors: [
        {
          messageId: "section",
          path: "groups[0].name",
          message: "groups.Main: 'Main' is not a valid identifier: must start with a lowercase letter or a number",
          severity: "warning",
        },
        {
          messageId: "section",
          path: "jobs[0].name",
          message: "jobs.unit test: 'unit test' is not a valid identifier: illegal character ' '",
        },
        {
          messageId: "step",
          path: "jobs[0].plan[0].get",
          message: "'-repo' is not a valid identifier: must start with a lowercase letter or a number",
        },
        {
          messageId: "step",
          path: "jobs[0].plan[1].put",
          message: "'Out' is not a valid identifier: must start with a lowercase letter or a number",
        },
        {
          messageId: "step",
          path: "jobs[0].plan[2].do[0].task",
          message: "'buildIt' is not a valid identifier: illegal character 'I'",
        },
        {
          messageId: "section",
          path: "resource_types[0].name",
          message: "resource_types.123: '123' is not a valid identifier: cannot be just numbers",
        },
        {
          messageId: "section",
          path: "resources[0].name",
          message: "resources.-repo: '-repo' is not a valid identifier: must start with a lowercase letter or a number",
        },
      ],
    },
    {
      name: "a get under across is checked (its label contains no task/set_pipeline)",
      code: yaml`
        resources: [{ name: Src, type: git, source: {} }]
        jobs:
        - name: j
          plan:
          - across: [{ var: v, values: [a] }]
            get: Src
      `,
      errors: [
        {
          messageId: "step",
          path: "jobs[0].plan[0].get",
          message: "'Src' is not a valid identifier: must start with a lowercase letter or a number",
        },
        { messageId: "section", path: "resources[0].name" },
      ],
    },
  ],
});
