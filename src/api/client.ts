/**
 * The part of Concourse's HTTP API that sets pipelines, as fly uses it. Read from Concourse v8.2
 * (tags v8.2.x): `atc/routes.go` (routes), `atc/api/configserver/get.go` and `save.go` (the server),
 * `go-concourse/concourse/configs.go` (fly's client) and `atc/pipeline.go` (instance vars as query
 * parameters).
 *
 * - `GET /api/v1/teams/{team}/pipelines/{name}/config` answers `{ "config": ... }` with the config's
 *   version in `X-Concourse-Config-Version`, or 404 when there is no such pipeline.
 * - `PUT` of the same path saves a config sent as `application/json`; the version read before goes in
 *   `X-Concourse-Config-Version`, and the save fails (500, "comparison with existing config failed
 *   during save") when the pipeline changed since. 201 means created (paused), 200 updated; both answer
 *   `{ "warnings": [{ type, message }] }`. 400 answers `{ "errors": [...] }` for an invalid config.
 * - `PUT /api/v1/teams/{team}/pipelines/{name}/unpause` unpauses; `GET /api/v1/teams/{team}/pipelines/{name}` answers
 *   the pipeline (`atc.Pipeline`: `paused`, `archived`, ...). An archived pipeline has no config (404) and version 0:
 *   saving one without a version sets it again, unarchived and still paused (`atc/db/team.go` `savePipeline`).
 * - Instance vars are query parameters `vars.<path>=<value as JSON>`, sorted (see {@link instanceVarsQuery}).
 * - 401: the token is missing or expired; 403: the token's user may not act on the team.
 */
import { goJson } from "../concourse/go-format.ts";
import { varSegment } from "../concourse/vars.ts";
import { isObject } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import { yamlSafeJson } from "../render/yaml.ts";
import { printable } from "../source/printable.ts";
import {
  BODY_TOO_LARGE,
  BROKEN_ANSWER,
  certificateProblem,
  clientCertificateProblem,
  type Fetch,
  IDLE_TIMEOUT,
  nodeFetch,
  type TlsOptions,
  withoutCredentials,
} from "./request.ts";

/** Which pipeline: its team, name, and instance vars for one instance of a pipeline group. */
export interface PipelineRef {
  readonly team: string;
  readonly name: string;
  readonly instanceVars?: Readonly<Record<string, unknown>>;
}

/** A warning the server gave while saving a config (`atc.ConfigWarning`). */
export interface ConfigWarning {
  readonly type: string;
  readonly message: string;
}

/** Why a request failed, as data for the caller's message. */
export type ApiFailure =
  | { readonly kind: "unauthorized" }
  | { readonly kind: "forbidden"; readonly reason: string }
  | { readonly kind: "invalid-config"; readonly errors: readonly string[] }
  | { readonly kind: "stale-version" }
  | { readonly kind: "not-found" }
  | { readonly kind: "unexpected"; readonly status: number; readonly body: string }
  /** The server answered with a redirect (3xx), which is not followed: the save would not reach Concourse. */
  | { readonly kind: "redirected"; readonly status: number; readonly location: string }
  | { readonly kind: "unreachable"; readonly reason: string }
  /** The server was reached but stopped sending, before its answer or within it. */
  | { readonly kind: "timed-out"; readonly reason: string }
  /** The server was reached but its answer is not a whole HTTP answer (not HTTP, none, or cut short). */
  | { readonly kind: "broken-answer"; readonly reason: string }
  /** The server's answer was larger than `maxBodyBytes`; it was not read to its end. */
  | { readonly kind: "too-large"; readonly reason: string }
  /** The server's TLS certificate is not trusted (`ca_cert`) or not for its name. */
  | { readonly kind: "untrusted-certificate"; readonly reason: string }
  /** The server asked for a TLS client certificate and got none, or refused it (`client_cert_path`). */
  | { readonly kind: "client-certificate"; readonly reason: string };

/** A failed request. The message never holds the token. */
export class ApiError extends HangarError {
  readonly failure: ApiFailure;

  constructor(failure: ApiFailure, message: string) {
    super(`api/${failure.kind}`, message);
    this.failure = failure;
  }
}

/** The config header of Concourse (`atc.ConfigVersionHeader`). */
export const CONFIG_VERSION_HEADER = "X-Concourse-Config-Version";

/** Options of {@link createClient}; `caCert` and `insecure` are the target's TLS settings. */
export interface ClientOptions extends TlsOptions {
  /** The Concourse URL, e.g. `https://ci.example.com`. */
  readonly api: string;
  /** The `Authorization` header value (`Bearer <token>`), from the `.flyrc`. */
  readonly authorization?: string;
  /** How long the server may send nothing once connected (see nodeFetch). @default 60000 */
  readonly idleTimeoutMs?: number;
  /** The largest answer read, in bytes (see nodeFetch). @default 268435456 (256 MiB) */
  readonly maxBodyBytes?: number;
  /** How to send requests. @default nodeFetch with the TLS settings */
  readonly fetch?: Fetch;
}

/** A pipeline's current config and its version. */
export interface CurrentConfig {
  readonly config: unknown;
  readonly version: string;
}

/** What saving a config did. */
export interface SaveResult {
  readonly created: boolean;
  readonly warnings: readonly ConfigWarning[];
}

export interface ConcourseClient {
  /** The pipeline's config, or undefined when it does not exist. */
  getConfig(ref: PipelineRef): Promise<CurrentConfig | undefined>;
  /**
   * Saves a config; `version` is the one read with getConfig (undefined for a new pipeline). With `checkCreds`,
   * Concourse first looks up every credential the config's sources, webhook tokens and task params and vars use in its
   * credential manager, and refuses the config (a 400, `invalid-config`) when one is missing, as `fly set-pipeline
   * --check-creds` asks it to.
   */
  saveConfig(
    ref: PipelineRef,
    config: unknown,
    version: string | undefined,
    options?: { readonly checkCreds?: boolean },
  ): Promise<SaveResult>;
  unpause(ref: PipelineRef): Promise<void>;
  /**
   * Whether the pipeline is paused, and archived (`GET` of the pipeline, as fly asks after setting one); undefined
   * when not found.
   */
  pipelineStatus(ref: PipelineRef): Promise<PipelineStatus | undefined>;
}

/**
 * The query of a pipeline's instance vars exactly as fly writes it (atc/pipeline.go `PipelineRef.QueryParams`, then
 * Go's `url.Values.Encode`): the vars flattened into one `vars.<path>=<json>` parameter per value that is not a
 * mapping (`{branch: {name: "x"}}` is `vars.branch.name="x"`; an empty mapping gives none), each segment of the path
 * quoted only when it holds `,.:/` or a space (`vars."a.b"`, see {@link varSegment}), the value as Go's json package
 * writes it; parameters sorted by name, escaped as Go's `url.QueryEscape` escapes.
 */
export function instanceVarsQuery(instanceVars: Readonly<Record<string, unknown>> = {}): string {
  return queryOf(instanceVars, []);
}

/** Go's `url.QueryEscape`: all but `A-Za-z0-9-_.~` as `%XX` of its UTF-8 bytes, a space as `+`. */
const goQueryEscape = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]|%20/g, (c) =>
    c === "%20" ? "+" : `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** How Go orders two strings: by their UTF-8 bytes. */
const goCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** `?` and `params` with the instance vars' parameters, sorted and encoded as fly sends them, or "" when none. */
function queryOf(
  instanceVars: Readonly<Record<string, unknown>> = {},
  params: readonly (readonly [string, string])[],
): string {
  const all = [...params];
  const flatten = (path: readonly string[], value: unknown): void => {
    if (isObject(value)) for (const [key, v] of Object.entries(value)) flatten([...path, key], v);
    else all.push([`vars.${path.map(varSegment).join(".")}`, goJson(value)]);
  };
  for (const [key, value] of Object.entries(instanceVars)) flatten([key], value);
  if (all.length === 0) return "";
  const sorted = all.sort(([a], [b]) => goCompare(a, b));
  return `?${sorted.map(([key, value]) => `${goQueryEscape(key)}=${goQueryEscape(value)}`).join("&")}`;
}

/**
 * The path of a pipeline (`action` "": the pipeline itself), with its instance vars and `params` (fly's client puts
 * `check_creds` first: go's query encoding sorts the keys).
 */
const pipelinePath = (ref: PipelineRef, action: string, params: readonly (readonly [string, string])[] = []) =>
  `/api/v1/teams/${encodeURIComponent(ref.team)}/pipelines/${encodeURIComponent(ref.name)}${action === "" ? "" : `/${action}`}${queryOf(ref.instanceVars, params)}`;

/** The parameter by which a save asks Concourse to check the config's credentials (`atc.SaveConfigCheckCreds`). */
const CHECK_CREDS = "check_creds";

/** The text of a response body, or "" when it cannot be read. */
const bodyText = (response: Response) => response.text().catch(() => "");

/** The longest part of a server's text answer that a message quotes. */
const MAX_QUOTED = 500;

/** The value of a JSON text, or undefined when it is not JSON. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The errors of a 400 answer to a save: its `{ "errors": [...] }` (an entry that is not a text as JSON, a single text
 * as itself), else its text (cut to {@link MAX_QUOTED} characters), else none.
 */
function configErrors(body: string): string[] {
  const answer = parsedJson(body);
  const listed = (answer as { errors?: unknown } | null | undefined)?.errors;
  if (typeof listed === "string" && listed.trim() !== "") return [listed];
  if (Array.isArray(listed) && listed.length > 0) {
    return listed.map((e) => (typeof e === "string" ? e : (JSON.stringify(e) ?? String(e))));
  }
  const text = body.trim();
  if (text === "") return [];
  return [text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text];
}

/**
 * A server's answer as a message quotes it, on one line: an HTML page's text without its tags, scripts and styles,
 * white space runs as one space, cut to {@link MAX_QUOTED} characters, control characters escaped.
 */
/**
 * An HTML text without its scripts and styles (what a browser does not show); one left open runs to the end. Each
 * `<script` or `<style` is looked for once and its end after it, so a page of them unclosed is read once, where a lazy
 * regular expression read the rest of the page again for each.
 */
function withoutScripts(html: string): string {
  const lower = html.toLowerCase();
  const opening = /<(script|style)\b/g;
  let out = "";
  let from = 0;
  for (let open = opening.exec(lower); open !== null; open = opening.exec(lower)) {
    out += `${html.slice(from, open.index)} `;
    const close = lower.indexOf(`</${open[1]}`, opening.lastIndex);
    if (close === -1) return out;
    const end = lower.indexOf(">", close);
    if (end === -1) return out;
    from = end + 1;
    opening.lastIndex = from;
  }
  return out + html.slice(from);
}

function quotedAnswer(body: string, contentType: string | null): string {
  const head = body.slice(0, 64 * 1024);
  const text = /html/i.test(contentType ?? "")
    ? // a tag ends before the next '<' (a '<' that opens none is text; and a page of '<'s is read once, not once per '<')
      withoutScripts(head).replace(/<[^<>]*>/g, " ")
    : head;
  const line = text.replace(/\s+/g, " ").trim();
  return printable(line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED)}...` : line);
}

/** What Concourse says of a pipeline (`atc.Pipeline`'s `paused` and `archived`). */
export interface PipelineStatus {
  readonly paused: boolean;
  /** Archived (`fly archive-pipeline`): it has no config; setting it again unarchives it, paused. */
  readonly archived: boolean;
}

/** A client of the Concourse at `options.api`. */
export function createClient(options: ClientOptions): ConcourseClient {
  const doFetch =
    options.fetch ??
    nodeFetch({
      ...(options.caCert !== undefined && { caCert: options.caCert }),
      ...(options.insecure !== undefined && { insecure: options.insecure }),
      ...(options.clientCert !== undefined && { clientCert: options.clientCert }),
      ...(options.clientKey !== undefined && { clientKey: options.clientKey }),
      ...(options.idleTimeoutMs !== undefined && { idleTimeoutMs: options.idleTimeoutMs }),
      ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
    });
  const base = options.api.replace(/\/+$/, "");
  /** The URL as messages show it: without a password it may hold, control characters escaped. */
  const shownBase = printable(withoutCredentials(base));

  async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (options.authorization !== undefined) headers.Authorization = options.authorization;
    try {
      return await doFetch(`${base}${path}`, { method, headers, ...(init.body !== undefined && { body: init.body }) });
    } catch (error) {
      const untrusted = certificateProblem(error);
      if (untrusted !== undefined) {
        throw new ApiError(
          { kind: "untrusted-certificate", reason: untrusted },
          `cannot verify the TLS certificate of ${shownBase}: ${untrusted}`,
        );
      }
      const refused = clientCertificateProblem(error);
      if (refused !== undefined) {
        throw new ApiError(
          { kind: "client-certificate", reason: refused },
          `${shownBase} wants a TLS client certificate it trusts: ${refused}`,
        );
      }
      const { code } = error as { code?: unknown };
      if (code === IDLE_TIMEOUT || code === BODY_TOO_LARGE || code === BROKEN_ANSWER) {
        const reason = (error as Error).message;
        const kind = code === IDLE_TIMEOUT ? "timed-out" : code === BODY_TOO_LARGE ? "too-large" : "broken-answer";
        // the request was sent whole: the server may have done what it asked
        const unknown = method === "GET" || code === BODY_TOO_LARGE ? "" : "; whether it was done is not known";
        throw new ApiError({ kind, reason }, `${reason}${unknown}`);
      }
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new ApiError({ kind: "unreachable", reason: cause }, `cannot reach ${shownBase}: ${cause}`);
    }
  }

  /** The error of a response that is not one of the request's expected answers. */
  async function failure(response: Response, what: string): Promise<ApiError> {
    const body = await bodyText(response);
    if (response.status === 401) return new ApiError({ kind: "unauthorized" }, `${what}: not authorized`);
    if (response.status === 403) return new ApiError({ kind: "forbidden", reason: body }, `${what}: forbidden`);
    if (response.status === 404) return new ApiError({ kind: "not-found" }, `${what}: not found`);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      let to = location;
      try {
        to = new URL(location, `${base}/`).href;
      } catch {}
      return new ApiError(
        { kind: "redirected", status: response.status, location: to },
        `${what}: the server redirects (${response.status}) to ${printable(to)}`,
      );
    }
    if (response.status === 500 && body.includes("comparison with existing config failed")) {
      return new ApiError({ kind: "stale-version" }, `${what}: the pipeline changed since its config was read`);
    }
    const shown = quotedAnswer(body, response.headers.get("content-type"));
    return new ApiError(
      { kind: "unexpected", status: response.status, body },
      `${what}: unexpected answer ${response.status}${shown === "" ? "" : `: ${shown}`}`,
    );
  }

  return {
    async getConfig(ref) {
      const response = await send("GET", pipelinePath(ref, "config"));
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw await failure(response, `reading pipeline ${printable(ref.name)}`);
      const body = await bodyText(response);
      const config = (parsedJson(body) as { config?: unknown } | undefined)?.config;
      // fly decodes the answer into atc.Config: anything but an object is no config, and without its version a save
      // would be refused as stale after the question (or, with a version that is not a number, as invalid)
      const version = response.headers.get(CONFIG_VERSION_HEADER) ?? "";
      const problem = !isObject(config)
        ? "the answer is not a config"
        : /^\d+$/.test(version)
          ? undefined
          : `the answer has no config version (${CONFIG_VERSION_HEADER}: ${version === "" ? "none" : `'${printable(version.slice(0, 40))}'`})`;
      if (problem !== undefined) {
        throw new ApiError(
          { kind: "unexpected", status: 200, body },
          `reading pipeline ${printable(ref.name)}: ${problem}; nothing was set`,
        );
      }
      return { config, version };
    },

    async saveConfig(ref, config, version, saveOptions = {}) {
      const params = saveOptions.checkCreds === true ? [[CHECK_CREDS, ""] as const] : [];
      const response = await send("PUT", pipelinePath(ref, "config", params), {
        headers: {
          "Content-Type": "application/json",
          ...(version !== undefined && { [CONFIG_VERSION_HEADER]: version }),
        },
        // the API reads the body with go-yaml (sigs.k8s.io/yaml), as YAML: what it would misread is escaped
        body: yamlSafeJson(config),
      });
      if (response.status === 400) {
        const body = await bodyText(response);
        const errors = configErrors(body);
        throw new ApiError(
          { kind: "invalid-config", errors },
          `setting pipeline ${printable(ref.name)}: invalid config`,
        );
      }
      if (response.status !== 200 && response.status !== 201) {
        throw await failure(response, `setting pipeline ${printable(ref.name)}`);
      }
      // fly refuses an answer that is not Concourse's JSON too (go-concourse configs.go): a proxy's page is no save
      const body = await bodyText(response);
      const answer = parsedJson(body);
      if (!isObject(answer)) {
        const shown = quotedAnswer(body, response.headers.get("content-type"));
        throw new ApiError(
          { kind: "unexpected", status: response.status, body },
          `setting pipeline ${printable(ref.name)}: the answer ${response.status} is not Concourse's (no JSON object${shown === "" ? "" : `: ${shown}`}); whether the config was set is not known`,
        );
      }
      // atc.ConfigWarning: an entry that is not one (a text, a null), or that says nothing, is no warning
      const warnings = (Array.isArray(answer.warnings) ? answer.warnings : [])
        .filter(isObject)
        .map((w) => ({
          type: typeof w.type === "string" ? w.type : "",
          message: typeof w.message === "string" ? w.message : (JSON.stringify(w.message) ?? ""),
        }))
        .filter((w) => w.message !== "");
      return { created: response.status === 201, warnings };
    },

    async unpause(ref) {
      const response = await send("PUT", pipelinePath(ref, "unpause"));
      if (response.status !== 200) throw await failure(response, `unpausing pipeline ${printable(ref.name)}`);
    },

    async pipelineStatus(ref) {
      const response = await send("GET", pipelinePath(ref, ""));
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw await failure(response, `reading pipeline ${printable(ref.name)}`);
      const answer = (await response.json().catch(() => undefined)) as { paused?: unknown; archived?: unknown };
      if (typeof answer?.paused !== "boolean") return undefined;
      return { paused: answer.paused, archived: answer.archived === true };
    },
  };
}
