import { testRule, yaml } from "../rule-tester.ts";
import rule from "./task-config-no-platform.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - task: t
          config: { platform: windows, run: { path: cmd } }
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - task: t
            config: { run: { path: sh } }
          - task: u
            config: { platform: "", run: { path: sh } }
      `,
      errors: [
        { messageId: "missing", path: "jobs[0].plan[0].config", message: "missing 'platform'" },
        { messageId: "missing", path: "jobs[0].plan[1].config.platform" },
      ],
    },
  ],
});
