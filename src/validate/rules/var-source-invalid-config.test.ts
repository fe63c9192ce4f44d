import { testRule, yaml } from "../rule-tester.ts";
import rule from "./var-source-invalid-config.ts";

testRule(rule, {
  valid: [
    yaml`
      var_sources:
      - { name: d, type: dummy, config: { vars: { token: abc } } }
      - { name: v, type: vault, config: { url: "https://vault.example.org:8200", auth_backend: approle, path_prefix: /ci } }
      - { name: s, type: ssm, config: { region: us-east-1, access_key: AK, secret_key: SK } }
      - { name: m, type: secretsmanager, config: { team_secret_template: "/ci/{{.Team}}/{{ .Secret }}" } }
      - { name: i, type: idtoken, config: { audience: [sts.amazonaws.com], expires_in: 1h, algorithm: ES256, subject_scope: team } }
      - { name: k, type: kubernetes, config: {} }
      jobs: [{ name: j, plan: [] }]
    `,
    {
      name: "configs whose failure text comes from a library hangar does not reproduce are not reported",
      code: yaml`
        var_sources:
        - { name: v, type: vault, config: { url: "https://vault", unknown_key: 1 } }
        - { name: s, type: ssm, config: { region: 5 } }
        jobs: [{ name: j, plan: [] }]
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        var_sources:
        - { name: d1, type: dummy, config: [] }
        - { name: d2, type: dummy, config: { vars: [a] } }
        - { name: v1, type: vault, config: "https://vault" }
        - { name: v2, type: vault, config: { url: "ftp://vault", client_token: t } }
        - { name: v3, type: vault, config: { url: "https://vault.example.org" } }
        - { name: v4, type: vault, config: { url: "https://vault.example.org", client_token: t, path_prefix: "" } }
        - { name: s1, type: ssm, config: { secret_key: SK } }
        - { name: m1, type: secretsmanager, config: { access_key: AK } }
        - { name: i1, type: idtoken, config: { expires_in: 48h } }
        - { name: i2, type: idtoken, config: { algorithm: HS256 } }
        - { name: i3, type: idtoken, config: { ttl: 1h } }
        - { name: c1, type: conjur, config: {} }
        - { name: h1, type: credhub, config: { url: "https://credhub" } }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "create",
          path: "var_sources[0].config",
          message: "failed to create credential manager d1: invalid dummy credential manager config: []interface {}",
        },
        {
          messageId: "create",
          path: "var_sources[1].config",
          message: "failed to create credential manager d2: invalid vars config: []interface {}",
        },
        {
          messageId: "create",
          path: "var_sources[2].config",
          message: "failed to create credential manager v1: invalid vault config format",
        },
        {
          messageId: "invalid",
          path: "var_sources[3].config",
          message: 'credential manager v2 is invalid: invalid scheme "ftp": must be http or https',
        },
        {
          messageId: "invalid",
          path: "var_sources[4].config",
          message: "credential manager v3 is invalid: must configure client token or auth backend",
        },
        {
          messageId: "invalid",
          path: "var_sources[5].config",
          message: "credential manager v4 is invalid: path prefix must be a non-empty string",
        },
        {
          messageId: "invalid",
          path: "var_sources[6].config",
          message: "credential manager s1 is invalid: must provide aws access key id",
        },
        {
          messageId: "invalid",
          path: "var_sources[7].config",
          message: "credential manager m1 is invalid: must provide aws secret access key",
        },
        {
          messageId: "invalid",
          path: "var_sources[8].config",
          message: "credential manager i1 is invalid: expires_in must be <= 24h0m0s",
        },
        {
          messageId: "invalid",
          path: "var_sources[9].config",
          message:
            "credential manager i2 is invalid: invalid algorithm value: pipeline. Only RS256 and ES256 are supported",
        },
        {
          messageId: "create",
          path: "var_sources[10].config",
          message: "failed to create credential manager i3: invalid idtoken provider config: unknown setting: ttl",
        },
        {
          messageId: "invalid",
          path: "var_sources[11].config",
          message: "credential manager c1 is invalid: secret template should not be empty",
        },
        {
          messageId: "invalid",
          path: "var_sources[12].config",
          message: "credential manager h1 is invalid: invalid URL (must be http or https)",
        },
      ],
    },
  ],
});
