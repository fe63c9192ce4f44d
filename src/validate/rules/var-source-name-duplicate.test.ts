import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-source-name-duplicate.ts";

testRule(rule, {
  valid: [
    {
      name: "var sources of unknown types are not compared",
      code: yaml`
        var_sources:
        - { name: a, type: dummy, config: { vars: {} } }
        - { name: b, type: dummy, config: { vars: {} } }
        - { name: a, type: nonsense, config: {} }
        jobs: [{ name: j, plan: [] }]
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        var_sources:
        - { name: a, type: dummy, config: { vars: {} } }
        - { name: a, type: dummy, config: { vars: {} } }
        - { name: a, type: dummy, config: { vars: {} } }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "duplicate",
          path: "var_sources[1].name",
          message: "var_sources[0] and var_sources[1] have the same name ('a')",
        },
        {
          messageId: "duplicate",
          path: "var_sources[2].name",
          message: "var_sources[1] and var_sources[2] have the same name ('a')",
        },
      ],
    },
  ],
});
