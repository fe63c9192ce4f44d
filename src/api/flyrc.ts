import { join } from "node:path";
import { isObject } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import { readYaml } from "../parse/read-yaml.ts";
import { shellQuote } from "../render/fly-command.ts";
import { lineIndex } from "../source/locate.ts";
import { printable } from "../source/printable.ts";
import { pemCertificates, withoutCredentials } from "./request.ts";

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

const stringOf = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** What a value of the `.flyrc` is, in words, for an error that says what it should be instead. */
const kindOf = (v: unknown): string =>
  Array.isArray(v)
    ? "a list"
    : isObject(v)
      ? "a map"
      : typeof v === "string"
        ? "a string"
        : typeof v === "number"
          ? `the number ${v}`
          : String(v);

/**
 * A text field of a target (`api`, `team`, a token's `type` and `value`, ...) as fly reads it: sigs.k8s.io/yaml makes
 * a number or a boolean written there the text it reads as (`team: 42` is team `42`), none or null is "" (absent);
 * a list or a map is an error, as fly's JSON decoding refuses it. `what` names the field in the error.
 */
function textField(value: unknown, what: string, file: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return stringOf(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new HangarError("api/flyrc", `in the file '${file}': ${what} is ${kindOf(value)}, not a string`);
}

/** A map of the `.flyrc` (the file, `targets`, a target, its token); none or null is an empty one, else an error. */
function mapField(value: unknown, what: string, file: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (isObject(value)) return value;
  throw new HangarError("api/flyrc", `in the file '${file}': ${what} is ${kindOf(value)}, not a map`);
}

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
 * The target `name` of a `.flyrc` text (`file` names it in errors). Throws a HangarError with fly's
 * words when no target is given or it is unknown, and names `fly login` when it has no API URL.
 */
export function selectTarget(text: string | undefined, name: string | undefined, file: string): FlyTarget {
  if (name === undefined || name === "") {
    throw new HangarError("api/no-target", "no target specified: pass -t TARGET (a target of `fly login`)");
  }
  const read = text === undefined ? { ok: true as const, value: {} } : readYaml(text);
  if (!read.ok) {
    const problem = read.problems[0];
    const at = problem === undefined || text === undefined ? undefined : lineIndex(text)(problem.offset);
    const where = at === undefined ? "" : ` (line ${at.line}, column ${at.col})`;
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}'${where}: ${problem?.message.split("\n")[0] ?? "cannot read"}`,
    );
  }
  const targets = mapField(mapField(read.value, "its content", file).targets, "targets", file);
  if (!Object.hasOwn(targets, name)) {
    throw new HangarError(
      "api/unknown-target",
      `unknown target: ${printable(name)} (log in with \`fly -t ${printable(shellQuote(name))} login -c URL\`)`,
    );
  }
  const shown = printable(name);
  const props = mapField(targets[name], `target ${shown}`, file);
  const field = (key: string) => textField(props[key], `the ${key} of target ${shown}`, file);
  const api = field("api")?.replace(/\/+$/, "");
  if (api === undefined) throw new HangarError("api/flyrc", `in the file '${file}': target ${shown} has no api URL`);
  const wrong = apiProblem(api);
  if (wrong !== undefined) {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the api of target ${shown} ${wrong}: '${printable(withoutCredentials(api)).slice(0, 200)}'`,
    );
  }
  if (props.insecure !== undefined && props.insecure !== null && typeof props.insecure !== "boolean") {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the insecure of target ${shown} is ${kindOf(props.insecure)}, not true or false`,
    );
  }
  const token = mapField(props.token, `the token of target ${shown}`, file);
  const type = textField(token.type, `the token type of target ${shown}`, file) ?? "";
  const value = textField(token.value, `the token of target ${shown}`, file) ?? "";
  // an Authorization header holds visible ASCII: Node refuses a control character (as Go's client does), and sends
  // other characters in one encoding or another; the token is never shown
  if (/[^\x20-\x7e]/.test(`${type}${value}`)) {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the token of target ${shown} holds a line break, a control character or a non-ASCII character, which an Authorization header cannot carry: log in again (\`fly -t ${printable(shellQuote(name))} login\`)`,
    );
  }
  const caCert = field("ca_cert");
  // fly refuses a target whose ca_cert holds no certificate ("CA Cert not valid"), even an insecure one
  if (caCert !== undefined && pemCertificates(caCert).length === 0) {
    throw new HangarError(
      "api/flyrc",
      `in the file '${file}': the ca_cert of target ${shown} is not valid: it holds no PEM certificate`,
    );
  }
  const clientCertPath = field("client_cert_path");
  const clientKeyPath = field("client_key_path");
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
    team: field("team") ?? "main",
    ...((type !== "" || value !== "") && { authorization: `${tokenType(type)} ${value}` }),
    insecure: props.insecure === true,
    ...(caCert !== undefined && { caCert }),
    ...(clientCertPath !== undefined && { clientCertPath }),
    ...(clientKeyPath !== undefined && { clientKeyPath }),
  };
}
