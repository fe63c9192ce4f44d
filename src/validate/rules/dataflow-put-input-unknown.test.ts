import { testRule, yaml } from "../rule-tester.ts";
import rule from "./dataflow-put-input-unknown.ts";

testRule(rule, {
  valid: [
    {
      name: "inputs produced by a get and a task output",
      code: yaml`
        jobs:
        - name: release
          plan:
          - get: src
          - task: build
            config: { platform: linux, run: { path: make }, inputs: [{ name: src }], outputs: [{ name: dist }] }
          - put: bucket
            inputs: [src, dist]
      `,
    },
    {
      name: "inputs: all / detect name no artifact",
      code: yaml`
        jobs:
        - name: release
          plan:
          - put: bucket
            inputs: detect
          - put: other
            inputs: all
      `,
    },
    {
      name: "an empty list and a ((var)) name are fine",
      code: yaml`
        jobs:
        - name: release
          plan:
          - put: bucket
            inputs: []
          - put: other
            inputs: [((artifact))]
      `,
    },
    {
      name: "after a task from file:, anything may exist",
      code: yaml`
        jobs:
        - name: release
          plan:
          - get: ci
          - task: build
            file: ci/build.yml
          - put: bucket
            inputs: [dist]
      `,
    },
    {
      name: "a put in a job hook sees the whole plan",
      code: yaml`
        jobs:
        - name: release
          plan:
          - get: src
          ensure:
            put: bucket
            inputs: [src]
      `,
    },
  ],
  invalid: [
    {
      name: "an input nobody produced",
      code: yaml`
        jobs:
        - name: release
          plan:
          - get: src
          - put: bucket
            inputs:
            - src
            - dist
      `,
      errors: [
        {
          messageId: "unknown",
          path: "jobs[0].plan[1].inputs[1]",
          line: 8,
          col: 7,
          message: "put 'bucket' lists input 'dist', which no earlier step in job 'release' produces",
          severity: "warning",
        },
      ],
    },
    {
      name: "an artifact of a sibling in_parallel step does not exist yet",
      code: yaml`
        jobs:
        - name: release
          plan:
          - in_parallel:
            - get: src
            - put: bucket
              inputs: [src]
      `,
      errors: [{ messageId: "unknown", path: "jobs[0].plan[0].in_parallel[1].inputs[0]" }],
    },
    {
      name: "the artifact is fetched by a put with no_get",
      code: yaml`
        jobs:
        - name: release
          plan:
          - put: version
            no_get: true
          - put: bucket
            inputs: [version]
      `,
      errors: [{ messageId: "unknown", path: "jobs[0].plan[1].inputs[0]" }],
    },
  ],
});
