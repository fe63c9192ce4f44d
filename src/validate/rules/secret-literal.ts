import type { Path } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { scanStrings } from "./lib/scan-strings.ts";
import { literalOfSecretKey, mayBeSecret, mayHaveShape, SHAPES } from "./lib/secrets.ts";
import { stringCensus } from "./lib/string-census.ts";

/** The maps whose keys name the values handed to resources, tasks and credential managers. */
const CONTAINERS: ReadonlySet<string> = new Set(["source", "params", "get_params", "vars", "defaults"]);

/** Whether the value at `path` belongs to a `source`/`params`/`vars`/`defaults` map or a var source's `config`. */
function inContainer(path: Path): boolean {
  if (path[0] === "var_sources" && path[2] === "config") return true;
  for (let i = 0; i < path.length - 1; i++) if (CONTAINERS.has(path[i] as string)) return true;
  return false;
}

export default defineRule({
  id: "secret-literal",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "A secret written into the pipeline is visible to anyone who can read the pipeline's config (and to the " +
      "repository it is kept in); it belongs in a credential manager, referenced as a `((var))`. Reports strings " +
      "shaped like a PEM private key (with key material), an AWS access key id (`AKIA…`/`ASIA…`, not AWS's " +
      "documentation examples), a GitHub token (`ghp_…`, `github_pat_…`), a Slack token (`xox?-…`) or a Slack " +
      "webhook URL anywhere, and literal values of secret-named keys (`password`, `*_token`, `*_secret`, " +
      "`secret_access_key`, `private_key`, `api_key`…) in `source`, `params`, `get_params`, `vars`, `defaults`, a var " +
      "source's `config`, and a resource's `webhook_token`. Values holding a `((var))`, env references (`$X`), and " +
      "obvious placeholders (`<token>`, `changeme`, `YOUR-TOKEN-HERE`, `x-oauth-basic`) are not reported. The message " +
      "never repeats the value.",
  },
  messages: {
    pem: "this looks like a literal PEM private key; use a ((var)) from a credential manager instead",
    aws: "this looks like a literal AWS access key id; use a ((var)) from a credential manager instead",
    github: "this looks like a literal GitHub token; use a ((var)) from a credential manager instead",
    slackToken: "this looks like a literal Slack token; use a ((var)) from a credential manager instead",
    slackWebhook: "this looks like a literal Slack webhook URL; use a ((var)) from a credential manager instead",
    key: "'{{key}}' has a literal value; use a ((var)) from a credential manager instead of writing the secret here",
  },
  check(ctx) {
    if (!stringCensus(ctx).maySecret) return;
    scanStrings(
      ctx.pipeline,
      [],
      ({ value, key, path }) => {
        const shape = mayHaveShape(value)
          ? SHAPES.find(({ kind, pattern }) => {
              const m = pattern.exec(value);
              return m !== null && !(kind === "aws" && m[0].includes("EXAMPLE"));
            })
          : undefined;
        if (shape !== undefined) {
          ctx.report({ path: path(), messageId: shape.kind });
          return;
        }
        if (key === undefined || !literalOfSecretKey(value, key)) return;
        const at = path();
        if (key === "webhook_token") {
          if (at[0] === "resources" && at.length === 3) ctx.report({ path: at, messageId: "key", data: { key } });
        } else if (inContainer(at)) ctx.report({ path: at, messageId: "key", data: { key } });
      },
      { only: mayBeSecret, known: ctx.knownMappings },
    );
  },
});
