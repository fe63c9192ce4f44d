/**
 * A credential manager the pipeline reads `((source:vars))` from.
 * @see https://concourse-ci.org/docs/vars/#var-sources
 */
export interface VarSource {
  /** The name used in `((name:path))`. */
  name: string;
  /** The kind of credential manager: `vault`, `ssm`, `secretsmanager`, `dummy`, ... */
  type: "vault" | "ssm" | "secretsmanager" | "dummy" | "idtoken" | (string & {});
  /** The credential manager's configuration. */
  config: Record<string, unknown>;
}
