import { testRule, yaml } from "../rule-tester.ts";
import rule from "./set-pipeline-no-file.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: j, plan: [{ set_pipeline: x, file: src/x.yml }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - set_pipeline: x
          - do: [{ set_pipeline: other, file: "" }]
      `,
      errors: [
        { messageId: "noFile", path: "jobs[0].plan[0].set_pipeline", message: "no file specified" },
        { messageId: "noFile", path: "jobs[0].plan[1].do[0].set_pipeline", message: "no file specified" },
      ],
    },
  ],
});
