import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-source-unsupported-type.ts";

testRule(rule, {
  valid: [
    yaml`
      var_sources:
      - { name: a, type: dummy, config: { vars: {} } }
      - { name: b, type: ssm, config: { region: eu-west-1 } }
      - { name: c, type: secretsmanager, config: {} }
      - { name: d, type: idtoken, config: {} }
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        var_sources:
        - { name: a, type: credhub, config: {} }
        - { name: b, type: kubernetes, config: {} }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "unsupported",
          path: "var_sources[0].type",
          message: "credential manager type credhub is not supported in pipeline yet",
        },
        {
          messageId: "unsupported",
          path: "var_sources[1].type",
          message: "credential manager type kubernetes is not supported in pipeline yet",
        },
      ],
    },
  ],
});
