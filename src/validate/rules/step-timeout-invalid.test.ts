import { testRule, yaml } from "../rule-tester.ts";
import rule from "./step-timeout-invalid.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: r, type: git, source: {} }]
      jobs: [{ name: j, plan: [{ get: r, timeout: 1h30m }, { put: r, timeout: "" }, { task: t, file: r/t.yml, timeout: -1s }] }]
    `,
    // a var fly fills, a timeout that wraps the step (timeout-invalid-duration's), a run step's (never read)
    yaml`
      resources: [{ name: r, type: git, source: {} }]
      prototypes: [{ name: p, type: registry-image }]
      jobs: [{ name: j, plan: [{ get: r, timeout: ((t)) }, { do: [], timeout: 1d }, { run: go, type: p, timeout: 1d }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources: [{ name: r, type: git, source: {} }]
        jobs:
          - name: j
            plan: [{ get: r, timeout: 1d }, { in_parallel: [{ put: r, timeout: "10" }] }]
            on_failure: { task: t, file: r/t.yml, timeout: "1m " }
      `,
      errors: [
        {
          messageId: "invalid",
          path: "jobs[0].on_failure.timeout",
          message: 'the step fails when it runs: parse timeout: time: unknown unit "m " in duration "1m "',
        },
        {
          messageId: "invalid",
          path: "jobs[0].plan[0].timeout",
          message: 'the step fails when it runs: parse timeout: time: unknown unit "d" in duration "1d"',
        },
        {
          messageId: "invalid",
          path: "jobs[0].plan[1].in_parallel[0].timeout",
          message: 'the step fails when it runs: parse timeout: time: missing unit in duration "10"',
        },
      ],
    },
  ],
});
