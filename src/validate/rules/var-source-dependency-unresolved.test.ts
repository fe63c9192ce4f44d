import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-source-dependency-unresolved.ts";

testRule(rule, {
  valid: [
    {
      name: "a var source may use one declared before or after it",
      code: yaml`
        var_sources:
        - { name: b, type: vault, config: { url: "https://v", client_token: "((a:token))" } }
        - { name: a, type: dummy, config: { vars: { token: t } } }
        - { name: c, type: vault, config: { url: "https://v", client_token: "((b:x))" } }
        jobs: [{ name: j, plan: [] }]
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        var_sources:
        - { name: s1, type: dummy, config: { vars: { x: "((s3:x))" } } }
        - { name: s2, type: dummy, config: { vars: { x: "((s1:x))" } } }
        - { name: s3, type: dummy, config: { vars: { x: "((s2:x))" } } }
        - { name: ok, type: dummy, config: { vars: { x: "((plain))" } } }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "unresolved",
          path: "var_sources[0].config",
          message: "failed to order by dependency: could not resolve inter-dependent var sources: s1, s2, s3",
        },
      ],
    },
  ],
});
