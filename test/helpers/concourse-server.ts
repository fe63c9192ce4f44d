/**
 * A local stand-in for the part of Concourse's ATC that sets pipelines, written from Concourse v8.2's
 * sources (`atc/routes.go`, `atc/api/configserver/get.go` and `save.go`, `atc/api/helpers`,
 * `atc/db/team.go` `SavePipeline`, `atc/pipeline.go` instance vars, `atc/api/pipelineserver/get.go`): the same routes, status codes,
 * headers and bodies, with the pipelines kept in memory. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { readReference, varSegment } from "../../src/concourse/vars.ts";

export interface StoredPipeline {
  team: string;
  name: string;
  /** The instance vars, as the canonical JSON of the decoded `vars.*` parameters (sorted keys). */
  instanceVars: string;
  config: unknown;
  version: number;
  paused: boolean;
  /** Archived (`fly archive-pipeline`): no config (404), version 0, paused; setting it again unarchives it. */
  archived?: boolean;
}

export interface ConcourseServerOptions {
  /** The token (`Authorization: Bearer <token>`) the server accepts. */
  readonly token: string;
  /** The teams the token may act on. */
  readonly teams: readonly string[];
  /** Errors and warnings `configvalidate.Validate` would give for a config (default: none). */
  readonly validate?: (config: unknown) => { errors?: string[]; warnings?: { type: string; message: string }[] };
  /**
   * The names of the credentials the team's credential manager holds, for a save with `check_creds`
   * (`validateCredParams`); default none.
   */
  readonly credentials?: readonly string[];
  /**
   * A PEM key and certificate: serve HTTPS with them (default: plain HTTP). With `ca`, a client must present a
   * certificate that `ca` signed.
   */
  readonly tls?: { readonly key: string; readonly cert: string; readonly ca?: string };
}

/** A request the server received (without its Authorization header). */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

const ROUTE = /^\/api\/v1\/teams\/([^/]+)\/pipelines\/([^/]+)(?:\/(config|unpause))?$/;

/**
 * `vars.<path>` query parameters decoded as JSON into one mapping (`InstanceVarsFromQueryParams`), as canonical JSON:
 * each key (`vars` or `vars.<path>`) read as Concourse reads a var's name (`readReference`: a name it refuses, with
 * unclosed quotes or an empty field, is its error; a source before a colon is split off), taken in the order of the
 * references as Concourse writes them, each setting its path under `vars` (a longer path a field of a mapping); a key
 * whose path a source left outside `vars` sets nothing.
 */
function instanceVarsOf(query: URLSearchParams): string | Error {
  const pairs: { readonly path: readonly string[]; readonly order: string; readonly value: unknown }[] = [];
  for (const key of new Set(query.keys())) {
    if (key !== "vars" && !key.startsWith("vars.")) continue;
    const ref = readReference(key);
    if ("error" in ref) return new Error(ref.error);
    let value: unknown;
    try {
      value = JSON.parse(query.get(key) ?? "");
    } catch (error) {
      return error as Error;
    }
    const order = `${ref.source === undefined ? "" : `${ref.source}:`}${ref.path.map(varSegment).join(".")}`;
    pairs.push({ path: ref.path, order, value });
  }
  const root: Record<string, unknown> = {};
  for (const { path, value } of pairs.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))) {
    let at = root;
    for (const field of path.slice(0, -1)) {
      const inner = at[field];
      const next = (typeof inner === "object" && inner !== null && !Array.isArray(inner) ? inner : {}) as Record<
        string,
        unknown
      >;
      at[field] = next;
      at = next;
    }
    at[path.at(-1) as string] = value;
  }
  const vars = root.vars;
  return canonical(typeof vars === "object" && vars !== null && !Array.isArray(vars) ? vars : {});
}

/** JSON with the keys of every mapping sorted. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** The names of the `((var))`s in a value (a var's name is its path up to the first `.`, without a `source:`). */
function varsIn(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(/\(\(([^()]+)\)\)/g)].map(([, ref = ""]) => ref.replace(/^[^:]*:/, "").split(".")[0] ?? "");
}

/**
 * What `validateCredParams` (atc/api/configserver/save.go) finds missing: the vars of the resource types' and the
 * resources' sources, the resources' webhook tokens and the task steps' params, vars and configs, each an error of
 * its own in a go-multierror list.
 */
function missingCredentials(config: unknown, held: readonly string[]): string | undefined {
  const c = (config ?? {}) as { resource_types?: unknown[]; resources?: unknown[]; jobs?: unknown[] };
  const errors: string[] = [];
  const check = (value: unknown) => {
    const missing = [...new Set(varsIn(value).filter((name) => !held.includes(name)))];
    if (missing.length > 0) errors.push(`undefined vars: ${missing.join(", ")}`);
  };
  for (const type of c.resource_types ?? []) check((type as { source?: unknown }).source);
  for (const resource of c.resources ?? []) {
    check((resource as { source?: unknown }).source);
    check((resource as { webhook_token?: unknown }).webhook_token);
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === "object") {
      const step = value as Record<string, unknown>;
      if ("task" in step) for (const key of ["params", "vars", "config"]) check(step[key]);
      for (const child of Object.values(step)) visit(child);
    }
  };
  visit(c.jobs);
  if (errors.length === 0) return undefined;
  const count = errors.length === 1 ? "1 error occurred" : `${errors.length} errors occurred`;
  return `credential validation failed\n\n${count}:\n${errors.map((e) => `\t* ${e}`).join("\n")}\n\n`;
}

/** Concourse's identifier check (`atc.ValidateIdentifier`), reduced to the warning for upper case and spaces. */
function identifierWarning(name: string, context: string) {
  if (/^[\p{Ll}\p{Lt}\p{Lm}\p{Lo}\d][\p{Ll}\p{Lt}\p{Lm}\p{Lo}\d\-_.]*$/u.test(name)) return undefined;
  const reason = /^[^\p{Ll}\p{Lt}\p{Lm}\p{Lo}\d]/u.test(name)
    ? "must start with a lowercase letter or a number"
    : `illegal character '${/[^\p{Ll}\p{Lt}\p{Lm}\p{Lo}\d\-_.]/u.exec(name.slice(1))?.[0]}'`;
  return { type: "invalid_identifier", message: `${context}: '${name}' is not a valid identifier: ${reason}` };
}

/** Starts the server on 127.0.0.1 (a free port); `close()` stops it. */
export async function startConcourseServer(options: ConcourseServerOptions) {
  const pipelines: StoredPipeline[] = [];
  const requests: RecordedRequest[] = [];
  let nextVersion = 1;
  /** Called after each GET of a config (a test changes the pipeline there, as another user would). */
  let afterGet: ((pipeline: StoredPipeline) => void) | undefined;
  /** The connections open, and those closed as their next request comes (see `expireConnections`). */
  const connections = new Set<Socket>();
  const expired = new Set<Socket>();
  /** The requests that came on an expired connection and were not read (method and URL). */
  const dropped: string[] = [];

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(`${JSON.stringify(body)}\n`);
  };
  const badRequest = (res: ServerResponse, ...errors: string[]) => json(res, 400, { errors });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const { authorization, ...headers } = req.headers;
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers, body });

    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = ROUTE.exec(url.pathname);
    if (route === null) return void res.writeHead(404).end();
    const [, team = "", name = "", action] = route.map((part) =>
      part === undefined ? part : decodeURIComponent(part),
    );
    if (authorization !== `Bearer ${options.token}`) return void res.writeHead(401).end("not authorized");
    if (!options.teams.includes(team)) return void res.writeHead(403).end(`not a member of team ${team}`);
    const instanceVars = instanceVarsOf(url.searchParams);
    if (instanceVars instanceof Error) return badRequest(res, `instance vars are malformed: ${instanceVars.message}`);
    const stored = pipelines.find((p) => p.team === team && p.name === name && p.instanceVars === instanceVars);

    if (action === "unpause" && req.method === "PUT") {
      if (stored === undefined) return void res.writeHead(404).end();
      stored.paused = false;
      return void res.writeHead(200).end();
    }
    if (action === undefined && req.method === "GET") {
      // GetPipeline: the pipeline, archived or not (present.Pipeline)
      if (stored === undefined) return void res.writeHead(404).end();
      const { paused, archived = false } = stored;
      return json(res, 200, {
        id: pipelines.indexOf(stored) + 1,
        name,
        paused,
        archived,
        public: false,
        team_name: team,
      });
    }
    if (action === "config" && req.method === "GET") {
      // GetConfig: an archived pipeline has no config
      if (stored === undefined || stored.archived === true) return void res.writeHead(404).end();
      res.setHeader("X-Concourse-Config-Version", String(stored.version));
      json(res, 200, { config: stored.config });
      afterGet?.(stored);
      return;
    }
    if (action !== "config" || req.method !== "PUT") return void res.writeHead(405).end();

    const versionHeader = req.headers["x-concourse-config-version"];
    const version = typeof versionHeader === "string" && versionHeader !== "" ? versionHeader : "0";
    if (!/^\d+$/.test(version)) return badRequest(res, `config version is malformed: expected integer`);
    const contentType = req.headers["content-type"];
    if (contentType !== "application/json" && contentType !== "application/x-yaml") {
      return void res.writeHead(415).end();
    }
    let config: unknown;
    try {
      config = JSON.parse(body);
    } catch (error) {
      return badRequest(res, `malformed config: ${(error as Error).message}`);
    }
    const { errors = [], warnings = [] } = options.validate?.(config) ?? {};
    if (errors.length > 0) return badRequest(res, ...errors);
    if (url.searchParams.has("check_creds")) {
      const missing = missingCredentials(config, options.credentials ?? []);
      if (missing !== undefined) return badRequest(res, missing);
    }
    for (const [id, context] of [
      [name, "pipeline"],
      [team, "team"],
    ] as const) {
      const warning = identifierWarning(id, context);
      if (warning) warnings.push(warning);
    }
    // SavePipeline: an update only succeeds from the version it was read at
    if (stored !== undefined && stored.version !== Number(version)) {
      res.writeHead(500);
      return void res.end("failed to save config: comparison with existing config failed during save");
    }
    if (stored === undefined) {
      pipelines.push({ team, name, instanceVars, config, version: nextVersion++, paused: true });
      return json(res, 201, { warnings });
    }
    stored.config = config;
    stored.version = nextVersion++;
    stored.archived = false;
    return json(res, 200, { warnings });
  }

  const listener: RequestListener = (req, res) => {
    if (expired.has(req.socket)) {
      dropped.push(`${req.method} ${req.url}`);
      req.socket.destroy();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  };
  const server =
    options.tls === undefined ? createServer(listener) : createHttpsServer(httpsOptions(options.tls), listener);
  server.on(options.tls === undefined ? "connection" : "secureConnection", (socket: Socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
    pipelines,
    requests,
    /** Runs `hook` after each GET of a config. */
    afterGet(hook: ((pipeline: StoredPipeline) => void) | undefined) {
      afterGet = hook;
    },
    dropped,
    /**
     * Closes the keep-alive connections open now when their next request comes, without reading it: as Concourse's web
     * node (Go's IdleTimeout) or a proxy closes a connection left idle just as the client sends on it.
     */
    expireConnections() {
      for (const socket of connections) expired.add(socket);
    },
    /** Bumps a pipeline's version, as a save by someone else would. */
    bump(pipeline: StoredPipeline) {
      pipeline.version = nextVersion++;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The options of the HTTPS server: its key and certificate, and when `ca` is given, client certificates required. */
const httpsOptions = (tls: NonNullable<ConcourseServerOptions["tls"]>) =>
  tls.ca === undefined ? tls : { ...tls, requestCert: true, rejectUnauthorized: true };
