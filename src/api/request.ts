/**
 * The HTTP(S) requests of the Concourse client, made with `node:http` and `node:https` so that a
 * target's TLS settings apply as fly applies them (`fly/rc/target.go`: `loadCACertPool`, `transport`):
 *
 * - `caCert` (the `.flyrc`'s `ca_cert`, PEM text) is trusted in addition to the usual roots (fly adds it
 *   to the system pool; here: Node's default CA certificates);
 * - `insecure` skips the verification of the server's certificate and name (`InsecureSkipVerify`),
 *   whatever `caCert` holds;
 * - `clientCert` and `clientKey` (the PEM files named by `client_cert_path` and `client_key_path`) are
 *   presented to a server that asks for a client certificate (fly: `loadClientCertificate`);
 * - connecting gives up after 10 seconds, as fly's dialer does (here the TLS handshake counts too);
 * - a connected server that stays silent, before its answer or in the middle of it, fails the request after
 *   `idleTimeoutMs` without a byte (fly has no such limit and would wait forever: a stalled proxy or ATC would
 *   block a CI job). The error's `code` is {@link IDLE_TIMEOUT}.
 * - a server that answers with what is not HTTP, closes the connection without answering or within its answer, fails
 *   the request with an error whose `code` is {@link BROKEN_ANSWER} (not a server that cannot be reached).
 * - a GET (a request Go's `http.Transport` deems replayable) goes on a kept-alive connection when one is idle; when the
 *   server had closed it (as Concourse's web node does after its IdleTimeout, and proxies sooner) and it fails before
 *   any byte of an answer, the GET is sent once more on a new connection, as fly's transport does
 *   (`shouldRetryRequest`). Any other request (the PUT of a save) goes on a new connection of its own and is never
 *   sent twice: a save that reached the server is not repeated, one is not lost to a connection closed while the user
 *   was asked.
 * - an answer larger than `maxBodyBytes` (256 MiB unless told) is not read to its end: a server that sends
 *   without end would otherwise fill the memory (fly reads it whole). The error's `code` is {@link BODY_TOO_LARGE}.
 *
 * The answer is a standard `Response`, so the client reads it as it would read one of `fetch`.
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import * as tls from "node:tls";
import { HangarError } from "../model/errors.ts";

/** What the client needs of `fetch`; the global `fetch` is one. */
export type Fetch = (
  url: string,
  init: { readonly method: string; readonly headers: Record<string, string>; readonly body?: string },
) => Promise<Response>;

/** A target's TLS settings. */
export interface TlsOptions {
  /** PEM certificates to trust besides the default ones (`ca_cert` of the `.flyrc`). */
  readonly caCert?: string;
  /** Do not verify the server's certificate (`insecure: true` of the `.flyrc`). */
  readonly insecure?: boolean;
  /** The PEM client certificate to present (the file `client_cert_path` of the `.flyrc` names); needs `clientKey`. */
  readonly clientCert?: string;
  /** The PEM private key of `clientCert` (the file `client_key_path` names). */
  readonly clientKey?: string;
}

/**
 * The certificates of a PEM text, as Go's `CertPool.AppendCertsFromPEM` takes them: each
 * `CERTIFICATE` block that parses; other blocks and text around them are skipped.
 */
export function pemCertificates(text: string): string[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?\r?\n-----END CERTIFICATE-----/g) ?? [];
  return blocks.filter((block) => {
    try {
      new X509Certificate(block);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * OpenSSL's verification failures as Node names them (`X509_V_ERR_*` without the prefix) and Node's
 * own name check: the failures that `ca_cert` or `insecure` address.
 */
const CERTIFICATE_ERRORS: ReadonlySet<string> = new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_NOT_YET_VALID",
  "CERT_HAS_EXPIRED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_PURPOSE",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The reason of a failed request when it is that the server's certificate is not trusted, else undefined. */
export function certificateProblem(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CERTIFICATE_ERRORS.has(code)) return e.message;
  }
  return undefined;
}

/**
 * The TLS alerts a server sends when it wants a client certificate and got none, or refuses the one it got
 * (`ERR_SSL_<version>_ALERT_<alert>` in Node): what `client_cert_path` and `client_key_path` address.
 */
const CLIENT_CERTIFICATE_ALERT =
  /^ERR_SSL_(?:TLSV13|TLSV1|SSLV3)_ALERT_(?:CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED)$/;

/**
 * The reason of a failed request when the server asked for a client certificate and got none, or refused it
 * (`tlsv13 alert certificate required`), else undefined.
 */
export function clientCertificateProblem(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CLIENT_CERTIFICATE_ALERT.test(code)) return opensslReason(e.message);
  }
  return undefined;
}

/** The words of an OpenSSL error (`error:05800074:x509 certificate routines::key values mismatch` → its last part). */
const opensslReason = (message: string): string =>
  /error:[0-9A-F]+:[^:\n]*:[^:\n]*:([^:\n]+)/.exec(message)?.[1]?.trim() ?? message.trim();

/**
 * What to trust given a `ca_cert`: the certificates Node trusts by default, then those of `caCert`
 * (fly: `SystemCertPool()` then `AppendCertsFromPEM`). The defaults are `tls.getCACertificates("default")`
 * where Node has it (22.15+); before that, Node's bundled `tls.rootCertificates` and the certificates of the
 * file `NODE_EXTRA_CA_CERTS` names in `env`, which Node adds to its defaults but does not list.
 */
export function trustedCertificates(
  caCert: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  const get = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  const defaults = get?.("default") ?? [...tls.rootCertificates, ...extraCaCertificates(env.NODE_EXTRA_CA_CERTS)];
  return [...defaults, ...pemCertificates(caCert)];
}

/** The certificates of the `NODE_EXTRA_CA_CERTS` file; none when it is unset or unreadable (Node warned at start). */
function extraCaCertificates(file: string | undefined): string[] {
  if (file === undefined || file === "") return [];
  try {
    return pemCertificates(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
}

/**
 * The TLS options of a client certificate and its key, checked at once (a malformed PEM, or a key that is not the
 * certificate's) so that the problem is told before any request, as fly's `tls.LoadX509KeyPair` does.
 */
function clientCertificate(clientCert: string | undefined, clientKey: string | undefined): tls.SecureContextOptions {
  if (clientCert === undefined && clientKey === undefined) return {};
  if (clientCert === undefined || clientKey === undefined) {
    throw new HangarError("api/client-cert", "a client certificate needs its key, and a key its certificate");
  }
  try {
    tls.createSecureContext({ cert: clientCert, key: clientKey });
  } catch (error) {
    const reason = error instanceof Error ? opensslReason(error.message) : String(error);
    throw new HangarError("api/client-cert", `the client certificate and key cannot be used: ${reason}`);
  }
  return { cert: clientCert, key: clientKey };
}

/**
 * A URL as it may be shown: without the user and password it may hold (`https://me:secret@ci.example.com` →
 * `https://ci.example.com`). A text with an `@` that is no http(s) URL (a password with a `/`, `?` or `#` not
 * escaped, which ends the URL's host early; no scheme: `me:secret@ci.example.com`) is shown from its last `@` on,
 * after its scheme: where a password in it ends is not known.
 */
export function withoutCredentials(url: string): string {
  if (!url.includes("@")) return url;
  let http = false;
  try {
    http = /^https?:$/.test(new URL(url).protocol);
  } catch {}
  // a URL's user and password end at the first '/', '?', '#' or backslash after its scheme
  if (http) return url.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#\\]*@/i, "$1");
  return url.replace(/^([a-z][a-z\d+.-]*:\/\/)?.*@/is, "$1");
}

/** A response's headers, repeated ones kept. */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? "", raw[i + 1] ?? "");
  return headers;
}

/** Statuses whose response has no body (the `Response` constructor refuses one). */
const NULL_BODY_STATUS: ReadonlySet<number> = new Set([204, 205, 304]);

/** The `code` of the error of a request whose server stopped sending (see {@link nodeFetch}'s `idleTimeoutMs`). */
export const IDLE_TIMEOUT = "HANGAR_IDLE_TIMEOUT";

/** The default of `idleTimeoutMs`: how long a connected server may stay silent. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * The `code` of the error of a request whose server was reached and answered with something other than a whole HTTP
 * answer: what is not HTTP, a status out of HTTP's range, no answer before closing the connection, or an answer cut
 * short (its connection closed before the end of a chunked body or of its Content-Length).
 */
export const BROKEN_ANSWER = "HANGAR_BROKEN_ANSWER";

/** The error of a broken answer (see {@link BROKEN_ANSWER}). */
const broken = (message: string, cause?: Error): Error =>
  Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code: BROKEN_ANSWER });

/** The `code` of the error of a request whose answer is larger than {@link nodeFetch}'s `maxBodyBytes`. */
export const BODY_TOO_LARGE = "HANGAR_BODY_TOO_LARGE";

/**
 * The default of `maxBodyBytes`: 256 MiB, ten times the config of a pipeline of 10,000 jobs and below the longest
 * string Node makes of an answer's text.
 */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Options of {@link nodeFetch} besides the TLS settings. */
export interface FetchLimits {
  /** How long connecting (and the TLS handshake) may take. @default 10000 */
  readonly connectTimeoutMs?: number;
  /** How long a connected server may send nothing, before its answer or within it. @default 60000 */
  readonly idleTimeoutMs?: number;
  /** The largest answer read, in bytes. @default 268435456 (256 MiB) */
  readonly maxBodyBytes?: number;
}

/**
 * A {@link Fetch} over `node:http`/`node:https` with the given TLS settings. Each call of this function
 * has its own connection pool (for replayable requests only); `connectTimeoutMs` bounds connecting and the TLS
 * handshake, `idleTimeoutMs` the server's silences afterwards, `maxBodyBytes` the size of its answer.
 */
export function nodeFetch(options: TlsOptions & FetchLimits = {}): Fetch {
  const {
    caCert,
    insecure = false,
    connectTimeoutMs = 10_000,
    idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  } = options;
  if (caCert !== undefined && pemCertificates(caCert).length === 0) {
    throw new HangarError("api/ca-cert", "the CA certificate is not valid: it holds no PEM certificate");
  }
  const tlsSettings = {
    rejectUnauthorized: !insecure,
    ...(caCert !== undefined && !insecure && { ca: trustedCertificates(caCert) }),
    ...clientCertificate(options.clientCert, options.clientKey),
  };
  const agents = (keepAlive: boolean) => ({
    https: new HttpsAgent({ keepAlive, ...tlsSettings }),
    http: new HttpAgent({ keepAlive }),
  });
  // replayable requests share kept-alive connections; the others, and a replay, each have a connection of their own
  const kept = agents(true);
  const fresh = agents(false);

  return (url, init) => {
    const target = new URL(url);
    if (target.protocol !== "https:" && target.protocol !== "http:") {
      return Promise.reject(new Error(`unsupported protocol ${target.protocol} (use http:// or https://)`));
    }
    const limits = { connectTimeoutMs, idleTimeoutMs, maxBodyBytes };
    const once = (pool: typeof kept, replay?: () => Promise<Response>) =>
      sendOnce(target, init, { ...limits, agent: target.protocol === "https:" ? pool.https : pool.http, replay });
    return replayable(init) ? once(kept, () => once(fresh)) : once(fresh);
  };
}

/**
 * Whether a request may be sent twice (Go's `Request.isReplayable`): it has no body and its method asks for what is
 * without changing it. Only these go on kept-alive connections, and are sent again when one was stale.
 */
const replayable = (init: Parameters<Fetch>[1]): boolean =>
  init.body === undefined && ["GET", "HEAD", "OPTIONS", "TRACE"].includes(init.method);

/**
 * The codes of a connection closed by the server (`socket hang up` is an ECONNRESET), or that it reset, when sending
 * on it or waiting for its answer.
 */
const CLOSED_CONNECTION: ReadonlySet<string> = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/**
 * Sends one request with `agent`. A kept-alive connection that the server closed while it lay idle (as Concourse's web
 * node does after its IdleTimeout, and proxies sooner), just as the request went out on it, fails the request before
 * any byte of an answer: then `replay` sends it again, when given (Go's `shouldRetryRequest` does so for a request that
 * is replayable).
 */
function sendOnce(
  target: URL,
  init: Parameters<Fetch>[1],
  options: Required<FetchLimits> & {
    readonly agent: HttpAgent;
    readonly replay: (() => Promise<Response>) | undefined;
  },
): Promise<Response> {
  const { connectTimeoutMs, idleTimeoutMs, maxBodyBytes, agent, replay } = options;
  return new Promise<Response>((resolve, reject) => {
    const secure = target.protocol === "https:";
    const headers = { ...init.headers };
    if (init.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(init.body));
    const send = secure ? httpsRequest : httpRequest;
    const shown = `${target.origin}${target.pathname}${target.search}`; // no user:password of the URL
    const request = send(target, { method: init.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // the connection closed within the answer (a chunked body or a Content-Length cut short)
      response.on("error", (error) =>
        reject(broken(`the answer of ${shown} stopped before its end (${error.message})`, error)),
      );
      const tooLarge = () => {
        const error = Object.assign(
          new Error(`the answer of ${shown} is larger than ${sizeOf(maxBodyBytes)}; it was not read to its end`),
          { code: BODY_TOO_LARGE },
        );
        reject(error);
        // the promise is settled: the connection goes without an error of its own to report
        request.destroy();
      };
      if (Number(response.headers["content-length"]) > maxBodyBytes) {
        tooLarge();
        return;
      }
      response.on("data", (chunk: Buffer) => {
        if (size > maxBodyBytes) return; // already refused, the connection going
        size += chunk.length;
        if (size > maxBodyBytes) tooLarge();
        else chunks.push(chunk);
      });
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 599) {
          reject(broken(`${shown} answered with status ${status}, which is no HTTP status of an answer`));
          return;
        }
        const body = NULL_BODY_STATUS.has(status) ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status, statusText: response.statusMessage ?? "", headers: headersOf(response) }));
      });
    });
    /** Whether the request went on a kept-alive connection that has not given a byte since (none of an answer). */
    let staleable = () => false;
    request.on("error", (error: Error & { code?: unknown }) => {
      const code = typeof error.code === "string" ? error.code : "";
      if (replay !== undefined && CLOSED_CONNECTION.has(code) && staleable()) resolve(replay());
      // reached, but what came back is not HTTP, or nothing came back
      else if (code.startsWith("HPE_"))
        reject(broken(`${shown} answered with what is not HTTP (${error.message})`, error));
      else if (code === "ECONNRESET" && error.message === "socket hang up")
        reject(broken(`${shown} closed the connection without answering`, error));
      else reject(error);
    });
    // the socket's inactivity: waiting for the answer, or for the rest of its body
    request.setTimeout(idleTimeoutMs, () => {
      const seconds = idleTimeoutMs / 1000;
      const error = Object.assign(new Error(`no answer from ${shown} for ${seconds} s`), { code: IDLE_TIMEOUT });
      reject(error);
      request.destroy(error);
    });
    request.once("socket", (socket) => {
      if (request.reusedSocket) {
        const read = socket.bytesRead;
        staleable = () => socket.bytesRead === read;
        return;
      }
      const timer = setTimeout(
        () => request.destroy(new Error(`timed out connecting after ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      socket.once(secure ? "secureConnect" : "connect", () => clearTimeout(timer));
      request.once("close", () => clearTimeout(timer));
    });
    request.end(init.body);
  });
}

/** A size in bytes as it is shown: `256 MiB`, `64 KiB`, `100 bytes`. */
function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
