import { join } from "node:path";
import { HangarError } from "../model/errors.ts";
import { shellQuote } from "../render/fly-command.ts";
import { printable } from "../source/printable.ts";
import { type Flyrc, readFlyrc } from "./flyrc-read.ts";
import { pemCertificates, withoutCredentials } from "./request.ts";

export { readFlyrc };

/**
 * One target of fly's `~/.flyrc`, as fly writes it (`fly/rc/targets.go` `TargetProps`): the ATC's URL,
 * the team, the token `fly login` saved and the TLS settings `fly login --ca-cert FILE`, `--client-cert FILE
 * --client-key FILE` or `-k` saved.
 */
export interface FlyTarget {
  readonly name: string;
  /** The Concourse URL (`api:`), without a trailing slash. */
  readonly api: string;
  /** The team (`team:`; fly reads a missing one as `main`). */
  readonly team: string;
  /** `Authorization` header value: `<type> <value>` of the saved token, when there is one. */
  readonly authorization?: string;
  /** Skip the verification of the server's certificate (`insecure: true`, from `fly login -k`). */
  readonly insecure: boolean;
  /** PEM certificates to trust besides the usual ones (`ca_cert:`, from `fly login --ca-cert FILE`). */
  readonly caCert?: string;
  /**
   * The client certificate and key to present to the server, as paths of PEM files (`client_cert_path:` and
   * `client_key_path:`, from `fly login --client-cert FILE --client-key FILE`): both or neither.
   */
  readonly clientCertPath?: string;
  readonly clientKeyPath?: string;
}

/** Where fly keeps its targets: `$FLY_HOME/.flyrc`, else `$HOME/.flyrc` (`userHomeDir` in fly's rc package). */
export function flyrcPath(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.FLY_HOME || env.HOME || env.USERPROFILE || `${env.HOMEDRIVE ?? ""}${env.HOMEPATH ?? ""}`;
  if (home === "") throw new HangarError("api/no-home", "cannot find the .flyrc: set HOME or FLY_HOME");
  return join(home, ".flyrc");
}

/**
 * A token's type as fly's HTTP client writes it in the `Authorization` header (golang.org/x/oauth2 `Token.Type`):
 * `bearer`, `mac` and `basic` in any case as `Bearer`, `MAC` and `Basic`, none as `Bearer`, any other as it is.
 */
function tokenType(type: string): string {
  return TOKEN_TYPES.get(type.toLowerCase()) ?? (type === "" ? "Bearer" : type);
}

const TOKEN_TYPES: ReadonlyMap<string, string> = new Map([
  ["bearer", "Bearer"],
  ["mac", "MAC"],
  ["basic", "Basic"],
]);

/**
 * Why `api` is no URL of a Concourse to send requests to (fly sends them and fails: `unsupported protocol scheme`),
 * else undefined. A path is kept (a Concourse behind a prefix), as are a user and password (sent as Basic
 * authentication when there is no token, as Go's client sends them).
 */
function apiProblem(api: string): string | undefined {
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "is not an http:// or https:// URL";
  if (url.search !== "" || url.hash !== "") return "has a query or a fragment, which the API's paths would follow";
  return undefined;
}

/**
 * The target `name` of a `.flyrc` (`input`: its bytes or text, undefined when there is none; `file` names it in
 * errors): {@link targetOf} the file {@link readFlyrc} reads.
 */
export function selectTarget(
  input: string | Uint8Array | undefined,
  name: string | undefined,
  file: string,
): FlyTarget {
  return targetOf(() => readFlyrc(input, file), name);
}

/**
 * The target `name` of the `.flyrc` `read` gives, read only once a name is given, as fly reads it. Throws a
 * HangarError with fly's words when no target is given or it is unknown, when the file is one fly cannot read
 * (whichever of its targets is wrong), and names `fly login` when the target has no API URL.
 */
export function targetOf(read: () => Flyrc, name: string | undefined): FlyTarget {
  if (name === undefined || name === "") {
    throw new HangarError("api/no-target", "no target specified: pass -t TARGET (a target of `fly login`)");
  }
  const { file, targets } = read();
  const props = targets.get(name);
  if (props === undefined) {
    throw new HangarError(
      "api/unknown-target",
      `unknown target: ${printable(name)} (log in with \`fly -t ${printable(shellQuote(name))} login -c URL\`)`,
    );
  }
  const shown = printable(name);
  const api = props.api === "" ? undefined : props.api.replace(/\/+$/, "");
  if (api === undefined) throw new HangarError("api/flyrc", `in the file '${file}': target ${shown} has no api URL`);
  const wrong = apiProblem(api);
  if (wrong !== undefined) {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the api of target ${shown} ${wrong}: '${printable(withoutCredentials(api)).slice(0, 200)}'`,
    );
  }
  const type = props.token?.type ?? "";
  const value = props.token?.value ?? "";
  // an Authorization header holds visible ASCII: Node refuses a control character (as Go's client does), and sends
  // other characters in one encoding or another; the token is never shown
  if (/[^\x20-\x7e]/.test(`${type}${value}`)) {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the token of target ${shown} holds a line break, a control character or a non-ASCII character, which an Authorization header cannot carry: log in again (\`fly -t ${printable(shellQuote(name))} login\`)`,
    );
  }
  const caCert = props.caCert === "" ? undefined : props.caCert;
  // fly refuses a target whose ca_cert holds no certificate ("CA Cert not valid"), even an insecure one
  if (caCert !== undefined && pemCertificates(caCert).length === 0) {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the ca_cert of target ${shown} is not valid: it holds no PEM certificate`,
    );
  }
  const clientCertPath = props.clientCertPath === "" ? undefined : props.clientCertPath;
  const clientKeyPath = props.clientKeyPath === "" ? undefined : props.clientKeyPath;
  // fly's loadClientCertificate (fly/rc/target.go) refuses one without the other
  if ((clientCertPath === undefined) !== (clientKeyPath === undefined)) {
    const [has, lacks] =
      clientCertPath === undefined ? ["client_key_path", "client_cert_path"] : ["client_cert_path", "client_key_path"];
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': target ${shown} has a ${has} but no ${lacks}: a client certificate needs its key, and a key its certificate`,
    );
  }
  return {
    name,
    api,
    // fly's LoadTargets: a target without a team is one of team main
    team: props.team === "" ? "main" : props.team,
    ...((type !== "" || value !== "") && { authorization: `${tokenType(type)} ${value}` }),
    insecure: props.insecure,
    ...(caCert !== undefined && { caCert }),
    ...(clientCertPath !== undefined && { clientCertPath }),
    ...(clientKeyPath !== undefined && { clientKeyPath }),
  };
}
