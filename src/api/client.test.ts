import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startConcourseServer } from "../../test/helpers/concourse-server.ts";
import { hasOpenssl, selfSignedCertificate, withOpenssl } from "../../test/helpers/self-signed.ts";
import { describeFailure } from "./apply.ts";
import { ApiError, type ConcourseClient, createClient, instanceVarsQuery } from "./client.ts";

const TOKEN = "s3cret-token-value";
const config = { jobs: [{ name: "build", plan: [{ task: "t", file: "ci/t.yml" }] }] };
const ref = { team: "main", name: "app" };

let server: Awaited<ReturnType<typeof startConcourseServer>>;
let client: ConcourseClient;
beforeEach(async () => {
  server = await startConcourseServer({
    token: TOKEN,
    teams: ["main", "platform team"],
    validate: (c) =>
      (c as { jobs?: unknown[] }).jobs?.length
        ? {}
        : { errors: ["invalid jobs:\n\tjobs: pipeline must contain at least one job"] },
  });
  client = createClient({ api: `${server.url}/`, authorization: `Bearer ${TOKEN}` });
});
afterEach(() => server.close());

/** The error a promise rejects with. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("the Concourse client against a local server", () => {
  test("a missing pipeline reads as undefined; saving creates it (paused) and reading gives its version", async () => {
    expect(await client.getConfig(ref)).toBeUndefined();
    expect(await client.saveConfig(ref, config, undefined)).toEqual({ created: true, warnings: [] });
    expect(server.pipelines[0]).toMatchObject({ name: "app", paused: true, config });
    expect(await client.getConfig(ref)).toEqual({ config, version: String(server.pipelines[0]?.version) });
    const put = server.requests.find((r) => r.method === "PUT");
    expect(put?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(put?.body ?? "")).toEqual(config);
  });

  test("the body escapes what JSON leaves raw and the API, which reads it with go-yaml, would refuse or misread (NEL, DEL, C1 controls)", async () => {
    const odd = {
      jobs: [{ name: "build", plan: [{ task: "t", file: "ci/t.yml", params: { A: "\u0085x\u007f\u0080" } }] }],
    };
    await client.saveConfig(ref, odd, undefined);
    const body = server.requests.find((r) => r.method === "PUT")?.body ?? "";
    expect(body).toContain('"A":"\\u0085x\\u007f\\u0080"');
    expect(JSON.parse(body)).toEqual(odd);
  });

  test("an update sends the version read; a version that moved on is reported as stale", async () => {
    await client.saveConfig(ref, config, undefined);
    const current = await client.getConfig(ref);
    const changed = { jobs: [{ name: "build", plan: [] }] };
    expect(await client.saveConfig(ref, changed, current?.version)).toEqual({ created: false, warnings: [] });
    expect(server.requests.at(-1)?.headers["x-concourse-config-version"]).toBe(current?.version);
    // saving again from the old version: someone else's save came between
    const stale = await rejection(client.saveConfig(ref, config, current?.version));
    expect(stale).toBeInstanceOf(ApiError);
    expect((stale as ApiError).failure).toEqual({ kind: "stale-version" });
    expect(server.pipelines[0]?.config).toEqual(changed);
  });

  test("400 gives the server's errors; warnings come back with a save", async () => {
    const invalid = await rejection(client.saveConfig(ref, { jobs: [] }, undefined));
    expect((invalid as ApiError).failure).toEqual({
      kind: "invalid-config",
      errors: ["invalid jobs:\n\tjobs: pipeline must contain at least one job"],
    });
    const result = await client.saveConfig({ team: "main", name: "My_App" }, config, undefined);
    expect(result.warnings).toEqual([
      {
        type: "invalid_identifier",
        message: "pipeline: 'My_App' is not a valid identifier: must start with a lowercase letter or a number",
      },
    ]);
  });

  test("401 and 403 are told apart, and no message holds the token", async () => {
    const anonymous = createClient({ api: server.url });
    const unauthorized = await rejection(anonymous.getConfig(ref));
    expect((unauthorized as ApiError).failure).toEqual({ kind: "unauthorized" });
    const wrong = createClient({ api: server.url, authorization: "Bearer nope" });
    expect(((await rejection(wrong.saveConfig(ref, config, undefined))) as ApiError).failure.kind).toBe("unauthorized");
    const forbidden = await rejection(client.getConfig({ team: "other", name: "app" }));
    expect((forbidden as ApiError).failure).toEqual({ kind: "forbidden", reason: "not a member of team other" });
    for (const error of [unauthorized, forbidden]) expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  test("instance vars go as vars.<path>=<json> query parameters exactly as fly writes them", () => {
    expect(instanceVarsQuery({ branch: "main", "a.b": 1, pr: 12 })).toBe(
      "?vars.%22a.b%22=1&vars.branch=%22main%22&vars.pr=12",
    );
    // quoted only for `,.:/` or a space (Go's %q), as a name without them is read back as it is: `a+b`, `ü`, `a\b`
    expect(instanceVarsQuery({ "a+b": 1, ü: 2, "a\\b": 3, "x y": 4, "k:v": 5 })).toBe(
      "?vars.%22k%3Av%22=5&vars.%22x+y%22=4&vars.a%2Bb=1&vars.a%5Cb=3&vars.%C3%BC=2",
    );
    // a mapping flattened into paths (an empty one gives no parameter), values as Go's json writes them, escaped as
    // Go's url.QueryEscape (`~` kept, `*` escaped) and sorted by their bytes
    expect(instanceVarsQuery({ b: { "x.y": { z: "<*~>" }, e: {} }, "\u{1f600}": 1, "\uff5e": 2 })).toBe(
      "?vars.b.%22x.y%22.z=%22%5Cu003c%2A~%5Cu003e%22&vars.%EF%BD%9E=2&vars.%F0%9F%98%80=1",
    );
  });

  test("instance vars of a pipeline: the local server reads them as Concourse does; teams and names are escaped", async () => {
    const instance = { team: "platform team", name: "app", instanceVars: { branch: "feature/x" } };
    await client.saveConfig(instance, config, undefined);
    expect(server.pipelines[0]).toMatchObject({ team: "platform team", instanceVars: '{"branch":"feature/x"}' });
    expect(server.requests.at(-1)?.url).toBe(
      "/api/v1/teams/platform%20team/pipelines/app/config?vars.branch=%22feature%2Fx%22",
    );
    expect(await client.getConfig({ ...instance, instanceVars: { branch: "other" } })).toBeUndefined();
    await client.unpause(instance);
    expect(server.pipelines[0]?.paused).toBe(false);
    const nested = { team: "main", name: "app", instanceVars: { b: { "x.y": 1, z: [1] }, "a b": "c" } };
    await client.saveConfig(nested, config, undefined);
    expect(server.pipelines.at(-1)).toMatchObject({ instanceVars: '{"a b":"c","b":{"x.y":1,"z":[1]}}' });
    expect(await client.getConfig({ ...nested, instanceVars: { "a b": "c", b: { z: [1], "x.y": 1 } } })).toBeDefined();
  });

  test("a config larger than maxBodyBytes is a too-large failure, which apply explains", async () => {
    await client.saveConfig(ref, config, undefined);
    const small = createClient({ api: server.url, authorization: `Bearer ${TOKEN}`, maxBodyBytes: 20 });
    const error = await rejection(small.getConfig(ref));
    expect((error as ApiError).failure.kind).toBe("too-large");
    expect((error as Error).message).toMatch(
      /^the answer of http:\/\/127\.0\.0\.1:\d+\/api\/v1\/teams\/main\/pipelines\/app\/config is larger than 20 bytes; it was not read to its end$/,
    );
    expect(describeFailure(error, ref, "ci")).toBe(`app: ${(error as Error).message} (target ci)`);
    expect(await client.getConfig(ref)).toMatchObject({ config });
  });

  test("an HTML page quoted in an error keeps its text: a '<' that opens no tag is text, not the start of one", async () => {
    const page = "<html><body><p>1 < 2: the limit is <b>5</b> (a<b)</p></body></html>";
    const html = createClient({
      api: "http://127.0.0.1:1",
      fetch: async () => new Response(page, { status: 500, headers: { "Content-Type": "text/html" } }),
    });
    const error = await rejection(html.getConfig(ref));
    expect((error as Error).message).toBe("reading pipeline app: unexpected answer 500: 1 < 2: the limit is 5 (a<b)");
  });

  test("an HTML page's scripts and styles are not quoted, in any case of letters; one left open runs to the end", async () => {
    const quoted = async (page: string) => {
      const html = createClient({
        api: "http://127.0.0.1:1",
        fetch: async () => new Response(page, { status: 502, headers: { "Content-Type": "text/html" } }),
      });
      return ((await rejection(html.getConfig(ref))) as Error).message;
    };
    expect(await quoted("<p>bad</p><SCRIPT>if (a < b) x()</SCRIPT><Style>p{}</Style><p>gateway</p>")).toBe(
      "reading pipeline app: unexpected answer 502: bad gateway",
    );
    expect(await quoted("<p>bad gateway</p><script>var x = '<b>never shown</b>'")).toBe(
      "reading pipeline app: unexpected answer 502: bad gateway",
    );
    expect(await quoted(`<p>down</p>${"<script>".repeat(5000)}`)).toBe(
      "reading pipeline app: unexpected answer 502: down",
    );
  });

  test("a server that cannot be reached is an error naming it", async () => {
    await server.close();
    const error = await rejection(client.getConfig(ref));
    expect((error as ApiError).failure.kind).toBe("unreachable");
    expect((error as Error).message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: /);
    // the password of a URL with one is never shown
    const withPassword = createClient({ api: server.url.replace("//", "//me:pa55word@") });
    const hidden = await rejection(withPassword.getConfig(ref));
    expect((hidden as Error).message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: /);
    expect(describeFailure(hidden, ref, "ci")).not.toContain("pa55word");
  });
});

describe.skipIf(!hasOpenssl)(withOpenssl("the Concourse client over HTTPS"), () => {
  test("an untrusted certificate is its own failure; the target's ca_cert or insecure make it work", async () => {
    const own = selfSignedCertificate();
    const secure = await startConcourseServer({ token: TOKEN, teams: ["main"], tls: own });
    try {
      const authorization = `Bearer ${TOKEN}`;
      const error = await rejection(createClient({ api: secure.url, authorization }).getConfig(ref));
      expect((error as ApiError).failure).toEqual({ kind: "untrusted-certificate", reason: "self-signed certificate" });
      expect((error as Error).message).toBe(
        `cannot verify the TLS certificate of ${secure.url}: self-signed certificate`,
      );
      const trusting = createClient({ api: secure.url, authorization, caCert: own.cert });
      expect(await trusting.saveConfig(ref, config, undefined)).toEqual({ created: true, warnings: [] });
      const insecure = createClient({ api: secure.url, authorization, insecure: true });
      expect((await insecure.getConfig(ref))?.config).toEqual(config);
    } finally {
      await secure.close();
    }
  });
});
