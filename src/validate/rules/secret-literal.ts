import type { Path } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { scanStrings } from "./lib/scan-strings.ts";

type Kind = "pem" | "aws" | "github" | "slackToken" | "slackWebhook";

/** Secrets recognisable by their shape, wherever they appear (scripts included). */
const SHAPES: readonly { readonly kind: Kind; readonly pattern: RegExp }[] = [
  // A private key block with actual key material (some base64) after it; a bare marker (say, in a grep) is not one.
  { kind: "pem", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,300}?[A-Za-z0-9+/=]{40}/ },
  { kind: "aws", pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { kind: "github", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{50,})\b/ },
  { kind: "slackToken", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: "slackWebhook", pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/ },
];

/** What every one of {@link SHAPES} contains, and how long the shortest of them is. */
const SHAPE_HINT = /-----BEGIN |AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com/;
const SHAPE_MIN_LENGTH = 15;
const mayHaveShape = (value: string): boolean => value.length >= SHAPE_MIN_LENGTH && SHAPE_HINT.test(value);

/** Keys (compared lower-case, `-` as `_`) whose value is a secret, such as `password`, `GITHUB_TOKEN`, `client_secret`. */
const SECRET_KEY =
  /(?:^|_)(?:password|passwd|passphrase|token|secret|secret_access_key|secret_key|private_key|api_key|apikey|access_token|auth_token)$/;

/** The maps whose keys name the values handed to resources, tasks and credential managers. */
const CONTAINERS = new Set(["source", "params", "get_params", "vars", "defaults"]);

/** Values that stand for a secret without being one: placeholders, env references, the git resource's token user. */
const NOT_A_SECRET =
  /^\s*$|^\$|\$\{|\{\{|^<.*>$|^x-oauth-basic$|^(.)\1*$|placeholder|changeme|change[-_ ]me|goes[-_ ]here|replace[-_ ]?me|^(?:your|my)[-_ ]|example|dummy|redacted|^(?:none|null|nil|todo|tbd|n\/a)$/i;

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
  check({ pipeline, report }) {
    const secretKeys = new Map<string, boolean>();
    const isSecretKey = (key: string): boolean => {
      let secret = secretKeys.get(key);
      if (secret === undefined) {
        secret = SECRET_KEY.test(key.toLowerCase().replaceAll("-", "_"));
        secretKeys.set(key, secret);
      }
      return secret;
    };
    /** A literal value of a key that names a secret (checked last, as it is the least common). */
    const literalOfSecretKey = (value: string, key: string | undefined): boolean =>
      key !== undefined &&
      (key === "webhook_token" || isSecretKey(key)) &&
      !value.includes("((") &&
      !NOT_A_SECRET.test(value);
    scanStrings(
      pipeline,
      [],
      ({ value, key, path }) => {
        const shape = mayHaveShape(value)
          ? SHAPES.find(({ kind, pattern }) => {
              const m = pattern.exec(value);
              return m !== null && !(kind === "aws" && m[0].includes("EXAMPLE"));
            })
          : undefined;
        if (shape !== undefined) {
          report({ path: path(), messageId: shape.kind });
          return;
        }
        if (key === undefined || !literalOfSecretKey(value, key)) return;
        const at = path();
        if (key === "webhook_token") {
          if (at[0] === "resources" && at.length === 3) report({ path: at, messageId: "key", data: { key } });
        } else if (inContainer(at)) report({ path: at, messageId: "key", data: { key } });
      },
      { only: (value, key) => value.length >= 3 && (mayHaveShape(value) || literalOfSecretKey(value, key)) },
    );
  },
});
