import { testRule, yaml } from "../rule-tester.ts";
import rule from "./load-var-no-file.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs: [{ name: j, plan: [{ load_var: x, file: src/x.yml }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - load_var: x
          - do: [{ load_var: other, file: "" }]
      `,
      errors: [
        { messageId: "noFile", path: "jobs[0].plan[0].load_var", message: "no file specified" },
        { messageId: "noFile", path: "jobs[0].plan[1].do[0].load_var", message: "no file specified" },
      ],
    },
  ],
});
