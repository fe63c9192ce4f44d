import { testRule, yaml } from "../rule-tester.ts";
import rule from "./task-config-unknown-fields.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - task: t
          config:
            platform: linux
            rootfs_uri: docker:///alpine
            container_limits: { cpu: 1 }
            params: { A: b }
            run: { path: sh }
            inputs: [{ name: src }]
            outputs: [{ name: out }]
            caches: [{ path: .cache }]
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
              ouputs: [{ name: out }]
      `,
      errors: [
        {
          messageId: "unknown",
          path: "jobs[0].plan[0].config",
          message: "unknown fields [\"ouputs\"]; did you mean 'outputs'?",
        },
      ],
    },
  ],
});
