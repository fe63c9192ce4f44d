import { testRule, yaml } from "../rule-tester.ts";
import rule from "./step-unknown-fields.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - get: src
          resource: repo
          trigger: true
          timeout: 5m
          attempts: 2
          tags: [linux]
          on_failure: { put: alert, params: {}, inputs: detect }
        - across: [{ var: x, values: [1] }]
          fail_fast: true
          do: [{ load_var: v, file: f, reveal: true }]
          timeout: 1h
          tags: [a]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - task: unit
            file: t.yml
            bogus: 1
          - put: out
            get: in
          - set_pipeline: self
            file: p.yml
            tags: [x]
          - in_parallel: [{ task: t, file: f, fial_fast: true }]
            fail_fast: true
      `,
      errors: [
        { messageId: "unknown", path: "jobs[0].plan[0]", message: 'unknown fields ["bogus"]' },
        { messageId: "unknown", path: "jobs[0].plan[1]", message: 'unknown fields ["get"]' },
        { messageId: "unknown", path: "jobs[0].plan[2]", message: 'unknown fields ["tags"]' },
        { messageId: "unknown", path: "jobs[0].plan[3]", message: 'unknown fields ["fail_fast"]' },
        { messageId: "unknown", path: "jobs[0].plan[3].in_parallel[0]", message: 'unknown fields ["fial_fast"]' },
      ],
    },
    {
      name: "several fields, non-ASCII quoted like Go's %+q",
      code: yaml`
        jobs:
        - name: j
          plan:
          - load_var: v
            file: f
            formt: json
            naïve: 1
      `,
      errors: [
        {
          messageId: "unknown",
          path: "jobs[0].plan[0]",
          message: 'unknown fields ["formt" "na\\u00efve"]; did you mean \'format\' for "formt"?',
        },
      ],
    },
  ],
});
