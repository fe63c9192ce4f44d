import { testRule, yaml } from "../rule-tester.ts";
import rule from "./timeout-invalid-duration.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - { do: [], timeout: 1h30m }
        - { try: { load_var: v, file: f }, timeout: 1.5s }
        - { in_parallel: [], timeout: "0" }
        - { set_pipeline: self, file: p.yml, timeout: 100ms }
    `,
    {
      name: "on get, put, task and run the timeout is the step's own field, which Concourse does not check here",
      code: yaml`
        jobs:
        - name: j
          plan:
          - { task: t, file: t.yml, timeout: soon }
          - { get: r, timeout: later }
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - { do: [], timeout: nope }
          - { load_var: v, file: f, timeout: 5 minutes }
          - { in_parallel: [], timeout: "10" }
      `,
      errors: [
        { messageId: "invalid", path: "jobs[0].plan[0].timeout", message: "invalid duration 'nope'" },
        { messageId: "invalid", path: "jobs[0].plan[1].timeout", message: "invalid duration '5 minutes'" },
        { messageId: "invalid", path: "jobs[0].plan[2].timeout", message: "invalid duration '10'" },
      ],
    },
  ],
});
