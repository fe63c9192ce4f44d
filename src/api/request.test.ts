import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type RequestListener } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tls from "node:tls";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasOpenssl, selfSignedCertificate, withOpenssl } from "../../test/helpers/self-signed.ts";
import {
  BODY_TOO_LARGE,
  BROKEN_ANSWER,
  certificateProblem,
  clientCertificateProblem,
  IDLE_TIMEOUT,
  nodeFetch,
  pemCertificates,
  trustedCertificates,
} from "./request.ts";

/** Answers with what it received: method, body, and the content-length header. */
const echo: RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    if (req.url === "/empty") return void res.writeHead(204).end();
    res.setHeader("X-Seen", [`${req.method}`, `${req.headers["content-length"] ?? "-"}`]);
    res.writeHead(201, { "Content-Type": "text/plain" }).end(`${req.method} ${Buffer.concat(chunks).toString()}`);
  });
};

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The error a promise rejects with. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const GET = { method: "GET", headers: {} };

describe("pemCertificates", () => {
  test.skipIf(!hasOpenssl)(withOpenssl("keeps each CERTIFICATE block that parses, as Go's AppendCertsFromPEM"), () => {
    const { key, cert } = selfSignedCertificate();
    const broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----";
    expect(pemCertificates(`comment\n${cert}\n${broken}\n${key}`)).toEqual([cert.trim()]);
    expect(pemCertificates(`${cert}${cert}`)).toHaveLength(2);
    expect(pemCertificates(broken)).toEqual([]);
    expect(pemCertificates("not pem")).toEqual([]);
  });
});

test.skipIf(!hasOpenssl)(withOpenssl("a ca_cert is trusted besides the default roots, not instead"), () => {
  const { cert } = selfSignedCertificate();
  const trusted = trustedCertificates(`${cert}\n${cert}`);
  expect(trusted.slice(-2)).toEqual([cert.trim(), cert.trim()]);
  expect(tls.rootCertificates.length).toBeGreaterThan(0);
  expect(trusted).toEqual(expect.arrayContaining([...tls.rootCertificates]));
});

/** Node before 22.15 has no `tls.getCACertificates`, so its defaults are listed from the bundle and the env. */
const listsDefaults = typeof (tls as { getCACertificates?: unknown }).getCACertificates === "function";

test.skipIf(!hasOpenssl || listsDefaults)(
  withOpenssl("with a ca_cert, the certificates of NODE_EXTRA_CA_CERTS stay trusted (Node < 22.15)"),
  () => {
    const extra = selfSignedCertificate().cert;
    const mine = selfSignedCertificate().cert;
    const dir = mkdtempSync(join(tmpdir(), "hangar-extra-ca-"));
    try {
      writeFileSync(join(dir, "extra.pem"), extra);
      const trusted = trustedCertificates(mine, { NODE_EXTRA_CA_CERTS: join(dir, "extra.pem") });
      expect(trusted).toEqual([...tls.rootCertificates, extra.trim(), mine.trim()]);
      // unset or unreadable (Node warned about it at start): the bundled roots only
      expect(trustedCertificates(mine, {})).toEqual([...tls.rootCertificates, mine.trim()]);
      expect(trustedCertificates(mine, { NODE_EXTRA_CA_CERTS: join(dir, "missing.pem") })).toEqual([
        ...tls.rootCertificates,
        mine.trim(),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

describe.skipIf(!hasOpenssl)(withOpenssl("nodeFetch to a server that wants a client certificate"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let url: string;
  let serverCert: string;
  let client: { key: string; cert: string };
  let stranger: { key: string; cert: string };
  beforeAll(async () => {
    const own = selfSignedCertificate();
    serverCert = own.cert;
    client = selfSignedCertificate();
    stranger = selfSignedCertificate();
    server = await listen(
      createHttpsServer({ ...own, ca: client.cert, requestCert: true, rejectUnauthorized: true }, echo),
    );
    url = `https://127.0.0.1:${server.port}/`;
  });
  afterAll(() => server.close());

  test("without one, the server's alert is told as a client certificate problem, not a server one", async () => {
    const error = await rejection(nodeFetch({ caCert: serverCert })(url, GET));
    expect(clientCertificateProblem(error)).toBe("tlsv13 alert certificate required");
    expect(certificateProblem(error)).toBeUndefined();
  });

  test("with the certificate the server trusts, and its key, the request succeeds", async () => {
    const send = nodeFetch({ caCert: serverCert, clientCert: client.cert, clientKey: client.key });
    expect((await send(url, GET)).status).toBe(201);
  });

  test("a key that is not the certificate's, a malformed one, or one without the other is refused before any request", () => {
    expect(() => nodeFetch({ clientCert: client.cert, clientKey: stranger.key })).toThrow(
      "the client certificate and key cannot be used: key values mismatch",
    );
    expect(() => nodeFetch({ clientCert: "not pem", clientKey: client.key })).toThrow(
      /^the client certificate and key cannot be used: \w/,
    );
    expect(() => nodeFetch({ clientCert: client.cert })).toThrow(
      "a client certificate needs its key, and a key its certificate",
    );
    expect(() => nodeFetch({ clientKey: client.key })).toThrow("a client certificate needs its key");
  });
});

describe.skipIf(!hasOpenssl)(withOpenssl("nodeFetch over HTTPS with a self-signed certificate"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let url: string;
  let ca: string;
  let other: string;
  beforeAll(async () => {
    const own = selfSignedCertificate();
    ca = own.cert;
    other = selfSignedCertificate().cert;
    server = await listen(createHttpsServer(own, echo));
    url = `https://127.0.0.1:${server.port}/`;
  });
  afterAll(() => server.close());

  test("without ca_cert the certificate is not trusted", async () => {
    const error = await rejection(nodeFetch()(url, GET));
    expect((error as { code?: string }).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(certificateProblem(error)).toBe("self-signed certificate");
  });

  test("with its certificate as ca_cert the request succeeds: status, body and repeated headers", async () => {
    const response = await nodeFetch({ caCert: ca })(url, { method: "PUT", headers: {}, body: "héllo" });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("PUT héllo");
    expect(response.headers.get("x-seen")).toBe("PUT, 6");
    expect(response.headers.get("content-type")).toBe("text/plain");
  });

  test("a ca_cert of another CA is not enough; insecure skips verification whatever ca_cert holds", async () => {
    const error = await rejection(nodeFetch({ caCert: other })(url, GET));
    expect(certificateProblem(error)).toBe("self-signed certificate");
    expect((await nodeFetch({ insecure: true })(url, GET)).status).toBe(201);
    expect((await nodeFetch({ insecure: true, caCert: other })(url, GET)).status).toBe(201);
  });

  test("the certificate must name the address: a trusted certificate for another IP is refused", async () => {
    const elsewhere = selfSignedCertificate("127.0.0.2");
    const misnamed = await listen(createHttpsServer(elsewhere, echo));
    try {
      const error = await rejection(nodeFetch({ caCert: elsewhere.cert })(`https://127.0.0.1:${misnamed.port}/`, GET));
      expect((error as { code?: string }).code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
      expect(certificateProblem(error)).toMatch(/^Hostname\/IP does not match certificate's altnames: /);
    } finally {
      await misnamed.close();
    }
  });

  test("a ca_cert without a certificate is refused before any request", () => {
    expect(() => nodeFetch({ caCert: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" })).toThrow(
      "the CA certificate is not valid: it holds no PEM certificate",
    );
  });
});

describe("nodeFetch over plain HTTP and on failures", () => {
  test("sends the body with its length; 204 has no body", async () => {
    const server = await listen(createHttpServer(echo));
    try {
      const send = nodeFetch();
      const response = await send(`http://127.0.0.1:${server.port}/`, { method: "POST", headers: {}, body: "{}" });
      expect(await response.text()).toBe("POST {}");
      expect(response.headers.get("x-seen")).toBe("POST, 2");
      const empty = await send(`http://127.0.0.1:${server.port}/empty`, GET);
      expect(empty.status).toBe(204);
      expect(await empty.text()).toBe("");
    } finally {
      await server.close();
    }
  });

  test("a server that accepts but never completes the TLS handshake times out", async () => {
    // reads what the client sends (so that it sees the client leave) and never answers
    const server = await listen(createTcpServer((socket) => socket.resume()));
    try {
      const error = await rejection(nodeFetch({ connectTimeoutMs: 100 })(`https://127.0.0.1:${server.port}/`, GET));
      expect((error as Error).message).toBe("timed out connecting after 100 ms");
      expect(certificateProblem(error)).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  test("a server that never answers, or stops in the middle of its body, times out naming the URL", async () => {
    const server = await listen(
      createHttpServer((req, res) => {
        if (req.url?.startsWith("/half") !== true) return; // never answers
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"config":'); // and never ends
      }),
    );
    try {
      const send = nodeFetch({ idleTimeoutMs: 150 });
      // the idle-timeout error is the proof that the request was given up: a request left waiting never settles
      for (const path of ["/silent?vars.a=1", "/half"]) {
        const error = await rejection(send(`http://127.0.0.1:${server.port}${path}`, GET));
        expect(error).toMatchObject({
          message: `no answer from http://127.0.0.1:${server.port}${path} for 0.15 s`,
          code: IDLE_TIMEOUT,
        });
      }
    } finally {
      await server.close();
    }
  });

  test("an answer larger than maxBodyBytes is not read to its end: one that never ends, one whose length says so", async () => {
    let sent = 0;
    const server = await listen(
      createHttpServer((req, res) => {
        if (req.url === "/declared") {
          res.writeHead(200, { "Content-Length": String(1 << 30) });
          res.write("{");
          return;
        }
        if (req.url === "/fits") {
          res.end("x".repeat(64 * 1024));
          return;
        }
        res.writeHead(200, { "Content-Type": "application/json" });
        const chunk = "x".repeat(16 * 1024);
        const more = () => {
          // sends until the client goes away
          while (!res.destroyed && res.write(chunk)) sent += chunk.length;
          if (!res.destroyed) res.once("drain", more);
        };
        more();
      }),
    );
    try {
      const send = nodeFetch({ maxBodyBytes: 64 * 1024 });
      for (const path of ["/endless", "/declared"]) {
        const error = await rejection(send(`http://127.0.0.1:${server.port}${path}`, GET));
        expect(error).toMatchObject({
          message: `the answer of http://127.0.0.1:${server.port}${path} is larger than 64 KiB; it was not read to its end`,
          code: BODY_TOO_LARGE,
        });
      }
      expect(sent).toBeLessThan(64 * 1024 * 1024);
      const fits = await send(`http://127.0.0.1:${server.port}/fits`, GET);
      expect((await fits.text()).length).toBe(64 * 1024);
    } finally {
      await server.close();
    }
  });

  test("refused connections and other protocols are not certificate problems", async () => {
    const server = await listen(createHttpServer(echo));
    await server.close();
    const refused = await rejection(nodeFetch()(`http://127.0.0.1:${server.port}/`, GET));
    expect((refused as { code?: string }).code).toBe("ECONNREFUSED");
    expect(certificateProblem(refused)).toBeUndefined();
    expect(((await rejection(nodeFetch()("ftp://127.0.0.1/", GET))) as Error).message).toBe(
      "unsupported protocol ftp: (use http:// or https://)",
    );
  });
});

/**
 * An echo server that closes the keep-alive connections it holds idle, as Concourse's web node (Go's IdleTimeout) and
 * proxies do: once `expire()` is called, a request that arrives on a connection opened before is not answered, its
 * connection is closed by `drop` (as if the server had closed it just as the request came). With `expire({ all: true })`
 * new connections are dropped too. `seen` lists each request: its method, the connection's number, and whether it was
 * dropped. With `tlsOptions` it serves HTTPS.
 */
async function expiringServer(drop: (socket: Socket) => void, tlsOptions?: { key: string; cert: string }) {
  const connections: Socket[] = [];
  const expired = new Set<Socket>();
  let dropAll = false;
  const seen: string[] = [];
  const handler: RequestListener = (req, res) => {
    const connection = `${req.method} #${connections.indexOf(req.socket)}`;
    if (dropAll || expired.has(req.socket)) {
      seen.push(`${connection} dropped`);
      drop(req.socket);
      return;
    }
    seen.push(connection);
    echo(req, res);
  };
  const http = tlsOptions === undefined ? createHttpServer(handler) : createHttpsServer(tlsOptions, handler);
  http.on(tlsOptions === undefined ? "connection" : "secureConnection", (socket: Socket) => connections.push(socket));
  const server = await listen(http);
  return {
    url: `${tlsOptions === undefined ? "http" : "https"}://127.0.0.1:${server.port}/`,
    seen,
    expire: (options: { all?: boolean } = {}) => {
      for (const socket of connections) expired.add(socket);
      dropAll = options.all === true;
    },
    close: server.close,
  };
}

describe("nodeFetch when the server closes a kept-alive connection as it is reused", () => {
  test.each([
    ["closes it (the client sees 'socket hang up')", (socket: Socket) => socket.destroy()],
    ["resets it (read ECONNRESET)", (socket: Socket) => socket.resetAndDestroy()],
  ])("a GET on it is sent once more, on a new connection, when the server %s", async (_, drop) => {
    const server = await expiringServer(drop);
    try {
      const send = nodeFetch();
      expect(await (await send(server.url, GET)).text()).toBe("GET ");
      server.expire();
      const again = await send(server.url, GET);
      expect(again.status).toBe(201);
      expect(await again.text()).toBe("GET ");
      expect(server.seen).toEqual(["GET #0", "GET #0 dropped", "GET #1"]);
    } finally {
      await server.close();
    }
  });

  test.skipIf(!hasOpenssl)(
    withOpenssl("over HTTPS too: the GET is sent again, the PUT goes on a new connection"),
    async () => {
      const own = selfSignedCertificate();
      const server = await expiringServer((socket) => socket.destroy(), own);
      try {
        const send = nodeFetch({ caCert: own.cert });
        await send(server.url, GET);
        server.expire();
        expect((await send(server.url, GET)).status).toBe(201);
        server.expire();
        expect(await (await send(server.url, { method: "PUT", headers: {}, body: "{}" })).text()).toBe("PUT {}");
        expect(server.seen).toEqual(["GET #0", "GET #0 dropped", "GET #1", "PUT #2"]);
      } finally {
        await server.close();
      }
    },
  );

  test("a GET is sent again once only: a new connection closed without answering fails it", async () => {
    const server = await expiringServer((socket) => socket.destroy());
    try {
      const send = nodeFetch();
      await send(server.url, GET);
      server.expire({ all: true });
      const error = await rejection(send(server.url, GET));
      expect(error).toMatchObject({
        message: `${server.url} closed the connection without answering`,
        code: BROKEN_ANSWER,
      });
      expect(server.seen).toEqual(["GET #0", "GET #0 dropped", "GET #1 dropped"]);
    } finally {
      await server.close();
    }
  });

  test("a GET whose answer had begun when the connection closed is not sent again", async () => {
    const server = await expiringServer((socket) => socket.end("HTTP/1.1 200 OK\r\n"));
    try {
      const send = nodeFetch();
      await send(server.url, GET);
      server.expire();
      const error = await rejection(send(server.url, GET));
      expect((error as { code?: string }).code).toBe(BROKEN_ANSWER);
      expect(server.seen).toEqual(["GET #0", "GET #0 dropped"]);
    } finally {
      await server.close();
    }
  });

  test("a PUT (a save) goes on a new connection, never on one kept idle: it is neither lost nor sent twice", async () => {
    const server = await expiringServer((socket) => socket.destroy());
    try {
      const send = nodeFetch();
      await send(server.url, GET);
      server.expire();
      const saved = await send(server.url, { method: "PUT", headers: {}, body: '{"jobs":[]}' });
      expect(saved.status).toBe(201);
      expect(await saved.text()).toBe('PUT {"jobs":[]}');
      expect(server.seen).toEqual(["GET #0", "PUT #1"]);
      // a PUT that fails on its new connection is not sent again: whether it was done is not known
      server.expire({ all: true });
      const lost = await rejection(send(server.url, { method: "PUT", headers: {}, body: "{}" }));
      expect((lost as { code?: string }).code).toBe(BROKEN_ANSWER);
      expect(server.seen).toEqual(["GET #0", "PUT #1", "PUT #2 dropped"]);
    } finally {
      await server.close();
    }
  });
});
