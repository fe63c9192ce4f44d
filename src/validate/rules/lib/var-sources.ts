/**
 * What Concourse's validateVarSources concludes about each var source: its type is unknown, unsupported in
 * pipelines, or a credential manager whose `NewInstance`/`Validate` fails (reproduced for dummy, vault, ssm,
 * secretsmanager, idtoken, conjur and credhub as fly registers them). Where Concourse's text comes from a library
 * hangar does not reproduce (mapstructure decoding errors, Go text/template errors, the kubernetes client), the
 * outcome is `undefined` and nothing is reported.
 */

import { location } from "../../../concourse/config-location.ts";
import { goParseDuration } from "../../../concourse/go-duration.ts";
import { goQuote, goTypeName } from "../../../concourse/go-format.ts";
import { goHostname, goParseUrl } from "../../../concourse/go-url.ts";
import { goString } from "../../../concourse/go-value.ts";
import { varReferences } from "../../../concourse/vars.ts";
import type { Path } from "../../../model/common.ts";
import { isObject } from "../../../model/common.ts";
import type { Pipeline } from "../../../model/pipeline.ts";
import { namedEntries, type Obj } from "./values.ts";

/** Credential managers fly registers (`fly validate-pipeline` imports them). */
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  "conjur",
  "credhub",
  "dummy",
  "idtoken",
  "kubernetes",
  "secretsmanager",
  "ssm",
  "vault",
]);
/** The ones validateVarSources accepts in a pipeline. */
const SUPPORTED_TYPES: ReadonlySet<string> = new Set(["vault", "dummy", "ssm", "secretsmanager", "idtoken"]);

export interface VarSourceEntry {
  readonly index: number;
  readonly value: Obj;
  readonly name: string;
  readonly type: string;
}

export function varSourceEntries(pipeline: Readonly<Pipeline>): VarSourceEntry[] {
  const out: VarSourceEntry[] = [];
  // a null entry is a zero VarSourceConfig, as `{}` is
  for (const { index, value, name } of namedEntries((pipeline as unknown as Obj).var_sources)) {
    const type = goString(value.type);
    if (name === undefined || type === undefined) continue;
    out.push({ index, value, name, type });
  }
  return out;
}

export const isKnownType = (type: string): boolean => KNOWN_TYPES.has(type);
export const isSupportedType = (type: string): boolean => SUPPORTED_TYPES.has(type);

/** `failed to create credential manager` (`create`) or `credential manager ... is invalid` (`invalid`), with Go's error. */
export type ManagerProblem = { readonly stage: "create" | "invalid"; readonly error: string };

export function managerProblem(type: string, config: unknown): ManagerProblem | undefined {
  switch (type) {
    case "dummy":
      return dummy(config);
    case "vault":
      return vault(config);
    case "ssm":
      return aws(config, ["pipeline_secret_template", "team_secret_template"], ["shared_path"]);
    case "secretsmanager":
      return aws(config, ["pipeline_secret_template", "team_secret_template", "shared_secret_template"], []);
    case "idtoken":
      return idtoken(config);
    case "conjur":
      // NewInstance ignores the config; the empty manager's first template is empty
      return { stage: "invalid", error: "secret template should not be empty" };
    case "credhub":
      return { stage: "invalid", error: "invalid URL (must be http or https)" };
    default:
      return undefined;
  }
}

const create = (error: string): ManagerProblem => ({ stage: "create", error });
const invalid = (error: string): ManagerProblem => ({ stage: "invalid", error });
/** Marks an outcome hangar cannot reproduce. */
const UNKNOWN = Symbol("unknown");

function dummy(config: unknown): ManagerProblem | undefined {
  if (!isObject(config)) return create(`invalid dummy credential manager config: ${goTypeName(config)}`);
  if (!isObject(config.vars)) return create(`invalid vars config: ${goTypeName(config.vars)}`);
  return undefined;
}

/**
 * Go's `BuildSecretTemplate` for the templates hangar can judge: empty is an error; text whose actions are only
 * `{{.Team}}`, `{{.Pipeline}}` and `{{.Secret}}` is fine; anything else is UNKNOWN.
 */
function secretTemplate(tmpl: string): string | undefined | typeof UNKNOWN {
  if (tmpl === "") return "secret template should not be empty";
  const rest = tmpl.replace(/\{\{\s*\.(Team|Pipeline|Secret)\s*\}\}/g, "");
  return rest.includes("{{") ? UNKNOWN : undefined;
}

const VAULT_STRINGS = [
  "url",
  "path_prefix",
  "shared_path",
  "namespace",
  "ca_cert",
  "client_cert",
  "client_key",
  "server_name",
  "client_token",
  "client_token_path",
  "auth_backend",
];
const VAULT_BOOLS = ["enable_kv_mount_cache", "disable_srv_lookup", "insecure_skip_verify"];
const VAULT_DURATIONS = [
  "login_timeout",
  "query_timeout",
  "auth_backend_max_ttl",
  "auth_retry_max",
  "auth_retry_initial",
];

function vault(config: unknown): ManagerProblem | undefined {
  if (!isObject(config)) return create("invalid vault config format");
  for (const [key, value] of Object.entries(config)) {
    if (VAULT_STRINGS.includes(key) && typeof value === "string") continue;
    if (VAULT_BOOLS.includes(key) && typeof value === "boolean") continue;
    if (VAULT_DURATIONS.includes(key) && typeof value === "string" && goParseDuration(value).ok) continue;
    if (key === "lookup_templates" && Array.isArray(value) && value.every((t) => typeof t === "string")) continue;
    if (key === "auth_params" && isObject(value) && Object.values(value).every((v) => typeof v === "string")) continue;
    return undefined; // a mapstructure decoding error, whose text hangar does not reproduce
  }
  const url = (config.url as string | undefined) ?? "";
  const parsed = goParseUrl(url);
  if (!parsed.ok) return invalid(`invalid URL: ${parsed.error}`);
  if (parsed.scheme !== "http" && parsed.scheme !== "https") {
    return invalid(`invalid scheme ${goQuote(parsed.scheme)}: must be http or https`);
  }
  if (goHostname(parsed.host) === "") return invalid("URL must specify a host");
  const prefix = (config.path_prefix as string | undefined) ?? "/concourse";
  if (prefix === "") return invalid("path prefix must be a non-empty string");
  const templates = (config.lookup_templates as string[] | undefined) ?? [
    "/{{.Team}}/{{.Pipeline}}/{{.Secret}}",
    "/{{.Team}}/{{.Secret}}",
  ];
  for (const t of templates) {
    const problem = secretTemplate(prefix + t);
    if (problem === UNKNOWN) return undefined;
    if (problem !== undefined) return invalid(problem);
  }
  for (const key of ["client_token", "client_token_path", "auth_backend"]) {
    if (((config[key] as string | undefined) ?? "") !== "") return undefined;
  }
  return invalid("must configure client token or auth backend");
}

function aws(
  config: unknown,
  templates: readonly string[],
  otherStrings: readonly string[],
): ManagerProblem | undefined {
  if (config === undefined || config === null) return undefined;
  if (!isObject(config)) return undefined; // a mapstructure decoding error
  const strings = ["access_key", "secret_key", "session_token", "region", ...templates, ...otherStrings];
  for (const [key, value] of Object.entries(config)) {
    if (!strings.includes(key) || typeof value !== "string") return undefined;
  }
  for (const key of templates) {
    if (!Object.hasOwn(config, key)) continue; // the defaults are valid
    const problem = secretTemplate(config[key] as string);
    if (problem === UNKNOWN) return undefined;
    if (problem !== undefined) return invalid(problem);
  }
  const access = (config.access_key as string | undefined) ?? "";
  const secret = (config.secret_key as string | undefined) ?? "";
  const session = (config.session_token as string | undefined) ?? "";
  if (access === "" && secret === "" && session === "") return undefined;
  if (access === "") return invalid("must provide aws access key id");
  if (secret === "") return invalid("must provide aws secret access key");
  return undefined;
}

const MAX_EXPIRES_IN = 24n * 3_600_000_000_000n;
const SUBJECT_SCOPES: ReadonlySet<string> = new Set(["", "team", "pipeline", "instance", "job"]);

function idtoken(config: unknown): ManagerProblem | undefined {
  if (!isObject(config)) return create(`invalid idtoken provider config: ${goTypeName(config)}`);
  const bad = (what: string) => create(`invalid idtoken provider config: ${what}`);
  let scope = "pipeline";
  let expiresIn = 3_600_000_000_000n;
  let algorithm = "RS256";
  // Go ranges over a map, so with several bad settings it reports any one of them; hangar takes the first
  for (const [key, value] of Object.entries(config)) {
    if (key === "audience") {
      if (!Array.isArray(value)) return bad("audience must be a list of strings");
      if (!value.every((a) => typeof a === "string")) return bad("invalid audience value: %!w(<nil>)");
    } else if (key === "subject_scope") {
      if (typeof value !== "string") return bad("subject_scope must be a string");
      scope = value;
    } else if (key === "expires_in") {
      if (typeof value !== "string") return bad("expires_in must be a string");
      const d = goParseDuration(value);
      if (!d.ok) return bad(`invalid expires_in value: ${d.error}`);
      expiresIn = d.ns;
    } else if (key === "algorithm") {
      if (typeof value !== "string") return bad("algorithm must be a string");
      algorithm = value;
    } else return bad(`unknown setting: ${key}`);
  }
  if (!SUBJECT_SCOPES.has(scope)) return invalid(`invalid subject_scope value: ${scope}`);
  if (expiresIn > MAX_EXPIRES_IN) return invalid("expires_in must be <= 24h0m0s");
  // Go prints the subject scope where it means the algorithm; copied as Concourse prints it
  if (algorithm !== "RS256" && algorithm !== "ES256") {
    return invalid(`invalid algorithm value: ${scope}. Only RS256 and ES256 are supported`);
  }
  return undefined;
}

/** Var sources whose `((source:var))` references cannot be ordered (Go's OrderByDependency), in Go's order. */
export function unresolvedVarSources(entries: readonly VarSourceEntry[]): VarSourceEntry[] {
  const added = new Set<string>();
  let pending: { entry: VarSourceEntry; deps: string[] }[] = [];
  const ready = (deps: readonly string[]) => deps.every((d) => added.has(d));
  for (const entry of entries) {
    const deps = dependencies(entry.value.config);
    if (deps.length > 0 && !ready(deps)) {
      pending.push({ entry, deps });
      continue;
    }
    added.add(entry.name);
    const left: typeof pending = [];
    for (const p of pending) {
      if (ready(p.deps)) added.add(p.entry.name);
      else left.push(p);
    }
    pending = left;
  }
  return pending.map((p) => p.entry);
}

/** The var source names a config refers to through `((source:path))`, as Go finds them in its YAML text. */
function dependencies(config: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      for (const m of varReferences(v)) {
        const parts = m[0].slice(2, -2).split(":");
        if (parts.length > 1) out.push(parts[0] as string);
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        visit(k);
        visit(x);
      }
    }
  };
  visit(config);
  return out;
}

export const varSourcePath = (e: VarSourceEntry, key?: string): Path =>
  key === undefined ? ["var_sources", e.index] : ["var_sources", e.index, key];
export const varSourceLocation = (e: VarSourceEntry): string => location("var_sources", e.index);
