import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-source-unknown-type.ts";

testRule(rule, {
  valid: [
    yaml`
      var_sources: [{ name: v, type: vault, config: { url: "https://vault.example.org", client_token: t } }]
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        var_sources: [{ name: v, type: keychain, config: {} }]
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        { messageId: "unknown", path: "var_sources[0].type", message: "unknown credential manager type: keychain" },
      ],
    },
  ],
});
