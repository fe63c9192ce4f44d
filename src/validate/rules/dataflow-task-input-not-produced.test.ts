import { testRule, yaml } from "../rule-tester.ts";
import rule from "./dataflow-task-input-not-produced.ts";

// A task config reused by the cases below: reads `src`, writes `built`.
const compile = `{ platform: linux, run: { path: make }, inputs: [{ name: src }], outputs: [{ name: built }] }`;
const ship = `{ platform: linux, run: { path: ship }, inputs: [{ name: built }] }`;

testRule(rule, {
  valid: [
    {
      name: "get, then a task that reads it and one that reads its output",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - task: compile
            config: ${compile}
          - task: ship
            config: ${ship}
      `,
    },
    {
      name: "put's implicit get makes an artifact named after the step",
      code: yaml`
        jobs:
        - name: build
          plan:
          - put: src
            resource: repo
          - task: compile
            config: ${compile}
      `,
    },
    {
      name: "input_mapping and output_mapping rename artifacts",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: repo
          - task: compile
            config: ${compile}
            input_mapping: { src: repo }
            output_mapping: { built: binary }
          - task: ship
            config: ${ship}
            input_mapping: { built: binary }
      `,
    },
    {
      name: "optional inputs need not exist",
      code: yaml`
        jobs:
        - name: build
          plan:
          - task: t
            config:
              platform: linux
              run: { path: x }
              inputs: [{ name: cache, optional: true }]
      `,
    },
    {
      name: "steps after an in_parallel see what every branch produced; a do inside a branch is sequential",
      code: yaml`
        jobs:
        - name: build
          plan:
          - in_parallel:
              steps:
              - get: src
              - do:
                - get: other
                - task: compile
                  config: { platform: linux, run: { path: x }, inputs: [{ name: other }], outputs: [{ name: built }] }
          - task: ship
            config: { platform: linux, run: { path: x }, inputs: [{ name: src }, { name: built }] }
      `,
    },
    {
      name: "try and hooks see what came before them, later steps see what try and hooks produced",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - try:
              task: compile
              config: ${compile}
          - task: ship
            config: ${ship}
            on_failure:
              task: logs
              config: { platform: linux, run: { path: x }, inputs: [{ name: src }, { name: built }], outputs: [{ name: report }] }
          - task: notify
            config: { platform: linux, run: { path: x }, inputs: [{ name: report }] }
      `,
    },
    {
      name: "job hooks see the whole plan",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - task: compile
            config: ${compile}
          on_failure:
            task: ship
            config: ${ship}
          ensure:
            task: clean
            config: ${compile}
      `,
    },
    {
      name: "a task from file: may produce anything, so nothing after it is checked",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: ci
          - task: prepare
            file: ci/prepare.yml
          - task: compile
            config: ${compile}
      `,
    },
    {
      name: "inputs and mappings whose names are ((vars)) are not checked",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: ((repo))
          - task: compile
            config: { platform: linux, run: { path: x }, inputs: [{ name: ((input)) }, { name: src }] }
            input_mapping: { src: ((repo)) }
      `,
    },
    {
      name: "an across step sees artifacts from before it",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - task: compile
            across: [{ var: arch, values: [amd64, arm64] }]
            config: ${compile}
      `,
    },
    {
      name: "image names an artifact produced earlier",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: golang
          - get: src
          - task: compile
            image: golang
            config: ${compile}
      `,
    },
  ],
  invalid: [
    {
      name: "nothing produced the input",
      code: yaml`
        jobs:
        - name: build
          plan:
          - task: compile
            config:
              platform: linux
              run: { path: make }
              inputs:
              - name: repo
      `,
      errors: [
        {
          messageId: "missing",
          path: "jobs[0].plan[0].config.inputs[0].name",
          line: 9,
          col: 15,
          message: "input 'repo' is not produced by any earlier step in job 'build'",
          severity: "warning",
        },
      ],
    },
    {
      name: "the artifact is produced only after the task",
      code: yaml`
        jobs:
        - name: build
          plan:
          - task: compile
            config: ${compile}
          - get: src
      `,
      errors: [{ messageId: "missing", path: "jobs[0].plan[0].config.inputs[0].name" }],
    },
    {
      name: "input_mapping points at an artifact nobody produced",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - task: compile
            config: ${compile}
            input_mapping: { src: repo }
      `,
      errors: [
        {
          messageId: "missingMapped",
          path: "jobs[0].plan[1].input_mapping.src",
          message: "input 'src' (mapped to 'repo') is not produced by any earlier step in job 'build'",
        },
      ],
    },
    {
      name: "output_mapping renames the output, so its original name does not exist",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - task: compile
            config: ${compile}
            output_mapping: { built: binary }
          - task: ship
            config: ${ship}
      `,
      errors: [{ messageId: "missing", path: "jobs[0].plan[2].config.inputs[0].name" }],
    },
    {
      name: "put with no_get makes no artifact",
      code: yaml`
        jobs:
        - name: build
          plan:
          - put: src
            no_get: true
          - task: compile
            config: ${compile}
      `,
      errors: [{ messageId: "missing", path: "jobs[0].plan[1].config.inputs[0].name" }],
    },
    {
      name: "steps of one in_parallel do not see each other's artifacts (short and long form)",
      code: yaml`
        jobs:
        - name: build
          plan:
          - in_parallel:
            - get: src
            - task: compile
              config: ${compile}
          - in_parallel:
              steps:
              - task: lint
                config: { platform: linux, run: { path: x }, inputs: [{ name: lib }] }
              - get: lib
      `,
      errors: [
        { messageId: "missing", path: "jobs[0].plan[0].in_parallel[1].config.inputs[0].name" },
        { messageId: "missing", path: "jobs[0].plan[1].in_parallel.steps[0].config.inputs[0].name" },
      ],
    },
    {
      name: "artifacts made inside an across step are gone after it",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
            across: [{ var: branch, values: [main, dev] }]
          - task: compile
            config: ${compile}
      `,
      errors: [{ messageId: "missing", path: "jobs[0].plan[1].config.inputs[0].name" }],
    },
    {
      name: "a step's hook does not see what a later step produces; nested hooks and try are walked",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
            on_success:
              try:
                task: ship
                config: ${ship}
          - task: compile
            config: ${compile}
      `,
      errors: [{ messageId: "missing", path: "jobs[0].plan[0].on_success.try.config.inputs[0].name" }],
    },
    {
      name: "job hooks are checked against the plan",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - get: src
          on_failure:
            task: ship
            config: ${ship}
      `,
      errors: [
        {
          messageId: "missing",
          path: "jobs[0].on_failure.config.inputs[0].name",
          message: "input 'built' is not produced by any earlier step in job 'deploy'",
        },
      ],
    },
    {
      name: "image names an artifact nobody produced",
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: src
          - task: compile
            image: golang
            file: src/ci/compile.yml
      `,
      errors: [
        {
          messageId: "image",
          path: "jobs[0].plan[1].image",
          message: "image artifact 'golang' is not produced by any earlier step in job 'build'",
        },
      ],
    },
  ],
});
