import { testRule, yaml } from "../rule-tester.ts";
import rule from "./secret-literal.ts";

// Fake credentials, assembled here so that no credential-shaped literal sits in the source file.
const awsKeyId = ["AKIA", "Q3ZL7TB2XW4MN5RS"].join("");
const githubToken = ["ghp", "_", "k2M8vTq0Zr4Lw9Yx3Nb6Hc1Pd7Fs5Gj2Ue8A"].join("");
const slackToken = ["xoxb", "-", "1234567890-abcdefghij"].join("");
const slackHook = ["https://hooks.slack.com/services/", "T0123ABCD/B0456EFGH/", "aB3dE5fG7hJ9kL1mN3pQ5rS7"].join("");
const keyBody = "MIIEowIBAAKCAQEAx7Jb4mT9nQ2wR5yU8iO1pA3sD6fG9hJ2kL5zX8cV1bN4mQ7w";

testRule(rule, {
  valid: [
    {
      name: "((vars)), env references and placeholders",
      code: yaml`
        resources:
        - name: src
          type: git
          source:
            uri: https://github.com/example/repo
            username: ((github-token))
            password: x-oauth-basic
            private_key: ((deploy-key))
        - name: registry
          type: registry-image
          source:
            password: "((registry.password))"
            api_token: YOUR-API-TOKEN-GOES-HERE
            token: <token>
        jobs:
        - name: build
          plan:
          - get: src
          - put: registry
            params:
              secret: ""
          - task: t
            params:
              AWS_SECRET_ACCESS_KEY: \${AWS_SECRET_ACCESS_KEY}
              CLIENT_SECRET: placeholder
            config:
              platform: linux
              run: { path: sh, args: [-c, 'grep -q "BEGIN RSA PRIVATE KEY" key.pem && echo $PASSWORD'] }
      `,
    },
    {
      name: "secret-named keys outside source/params, and keys that merely mention a secret",
      code: yaml`
        resources:
        - name: creds
          type: git
          source:
            password_file: creds/password
            token_path: secret/path
            secret_name: db
        jobs:
        - name: password
          plan:
          - get: creds
          - task: token
            file: creds/task.yml
      `,
    },
    {
      name: "AWS's documentation example key id",
      code: yaml`
        resources:
        - { name: b, type: s3, source: { access_key_id: AKIAIOSFODNN7EXAMPLE } }
        jobs: [{ name: j, plan: [{ get: b }] }]
      `,
    },
  ],
  invalid: [
    {
      name: "a literal password in a resource's source",
      code: yaml`
        resources:
        - name: registry
          type: registry-image
          source:
            username: ci
            password: hunter2
        jobs: [{ name: build, plan: [{ get: registry }] }]
      `,
      errors: [
        {
          messageId: "key",
          path: "resources[0].source.password",
          line: 6,
          col: 15,
          message:
            "'password' has a literal value; use a ((var)) from a credential manager instead of writing the secret here",
          severity: "warning",
        },
      ],
    },
    {
      name: "secret-named keys in params, task params, get_params, vars, var source config and webhook_token",
      code: yaml`
        var_sources:
        - name: vault
          type: vault
          config: { url: https://vault.example.com, client_token: s3cr3t-v4ult }
        resources:
        - { name: app, type: mock, source: {}, webhook_token: 0f3c9a7e1b }
        jobs:
        - name: build
          plan:
          - get: app
            params: { auth-token: abc123xyz }
          - put: app
            get_params: { api_key: k-998877 }
          - task: t
            vars: { db_password: pg-pass-1 }
            file: app/task.yml
          - task: u
            config:
              platform: linux
              params: { GITHUB_TOKEN: tok-42-literal }
              run: { path: echo }
      `,
      errors: [
        {
          messageId: "key",
          path: 'jobs[0].plan[0].params["auth-token"]',
          message:
            "'auth-token' has a literal value; use a ((var)) from a credential manager instead of writing the secret here",
        },
        { messageId: "key", path: "jobs[0].plan[1].get_params.api_key" },
        { messageId: "key", path: "jobs[0].plan[2].vars.db_password" },
        { messageId: "key", path: "jobs[0].plan[3].config.params.GITHUB_TOKEN" },
        { messageId: "key", path: "resources[0].webhook_token" },
        { messageId: "key", path: "var_sources[0].config.client_token" },
      ],
    },
    {
      name: "credential-shaped strings anywhere, the value never repeated in the message",
      code: yaml`
        resources:
        - name: src
          type: git
          source:
            uri: git@github.com:example/repo.git
            private_key: |
              -----BEGIN RSA PRIVATE KEY-----
              ${keyBody}
              -----END RSA PRIVATE KEY-----
        - name: bucket
          type: s3
          source: { access_key_id: ${awsKeyId}, bucket: b }
        jobs:
        - name: build
          plan:
          - get: src
          - put: bucket
          - task: t
            config:
              platform: linux
              run:
                path: sh
                args:
                - -c
                - |
                  curl -H "Authorization: token ${githubToken}" https://api.github.com
                  curl -d '{"token":"${slackToken}"}' ${slackHook}
      `,
      errors: [
        {
          messageId: "github",
          path: "jobs[0].plan[2].config.run.args[1]",
          message: "this looks like a literal GitHub token; use a ((var)) from a credential manager instead",
        },
        {
          messageId: "pem",
          path: "resources[0].source.private_key",
          message: "this looks like a literal PEM private key; use a ((var)) from a credential manager instead",
        },
        {
          messageId: "aws",
          path: "resources[1].source.access_key_id",
          message: "this looks like a literal AWS access key id; use a ((var)) from a credential manager instead",
        },
      ],
    },
    {
      name: "Slack tokens and webhooks",
      code: yaml`
        resources:
        - { name: notify, type: mock, source: { url: "${slackHook}" } }
        jobs:
        - name: build
          plan:
          - put: notify
            params: { text: "${slackToken}" }
      `,
      errors: [
        { messageId: "slackToken", path: "jobs[0].plan[0].params.text" },
        { messageId: "slackWebhook", path: "resources[0].source.url" },
      ],
    },
  ],
});
