import { testRule, yaml } from "../rule-tester.ts";
import rule from "./task-config-io-no-name.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - task: t
          config:
            platform: linux
            run: { path: sh }
            inputs: [{ name: src, optional: true }]
            outputs: [{ name: out, path: dist }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - task: t
            config:
              platform: linux
              run: { path: sh }
              inputs: [{ name: src }, { path: somewhere }]
              outputs: [{ path: dist }]
      `,
      errors: [
        {
          messageId: "input",
          path: "jobs[0].plan[0].config.inputs[1]",
          message: "  input in position 1 is missing a name",
        },
        {
          messageId: "output",
          path: "jobs[0].plan[0].config.outputs[0]",
          message: "  output in position 0 is missing a name",
        },
      ],
    },
  ],
});
