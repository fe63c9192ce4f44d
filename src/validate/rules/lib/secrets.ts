/** What a literal secret looks like: the shapes of well-known credentials, and keys that name one. */

import { hasVar } from "../../../concourse/vars.ts";

export type SecretShape = "pem" | "aws" | "github" | "slackToken" | "slackWebhook";

/** Secrets recognisable by their shape, wherever they appear (scripts included). */
export const SHAPES: readonly { readonly kind: SecretShape; readonly pattern: RegExp }[] = [
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

/** Whether a string may have one of the {@link SHAPES} (a cheap test before the patterns). */
export const mayHaveShape = (value: string): boolean => value.length >= SHAPE_MIN_LENGTH && SHAPE_HINT.test(value);

/**
 * Keys whose value is a secret, such as `password`, `GITHUB_TOKEN`, `client-secret`, Vault's AppRole `secret_id`: compared ignoring case (`\u212A`,
 * the Kelvin sign, is one more `k`, as it lower-cases to one) with `-` as `_`. One test of the key itself, as every
 * string of a pipeline asks it: lower-casing and replacing first made the key test 4-7x slower (160 ns against
 * 20-40 ns a key, node 20).
 */
const SECRET_KEY =
  /(?:^|[_-])(?:password|passwd|passphrase|to[k\u212A]en|secret|secret[_-]id|secret[_-]access[_-][k\u212A]ey|secret[_-][k\u212A]ey|private[_-][k\u212A]ey|api[_-][k\u212A]ey|api[k\u212A]ey|access[_-]to[k\u212A]en|auth[_-]to[k\u212A]en)$/i;

/** Values that stand for a secret without being one: placeholders, env references, the git resource's token user. */
export const NOT_A_SECRET =
  /^\s*$|^\$|\$\{|\{\{|^<.*>$|^x-oauth-basic$|^(.)\1*$|placeholder|changeme|change[-_ ]me|goes[-_ ]here|replace[-_ ]?me|^(?:your|my)[-_ ]|example|dummy|redacted|^(?:none|null|nil|todo|tbd|n\/a)$/i;

/** Whether a key names a secret (`password`, `*_token`, ...). */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

/** Whether a string is a literal value of a key that names a secret (`webhook_token` included). */
export const literalOfSecretKey = (value: string, key: string | undefined): boolean =>
  key !== undefined && (key === "webhook_token" || isSecretKey(key)) && !hasVar(value) && !NOT_A_SECRET.test(value);

/** Whether a string may be reported as a literal secret (by its shape, or as the value of a secret's key). */
export const mayBeSecret = (value: string, key: string | undefined): boolean =>
  value.length >= 3 && (mayHaveShape(value) || literalOfSecretKey(value, key));
