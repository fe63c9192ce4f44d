import { describe, expect, test } from "vitest";
import { hasOpenssl, selfSignedCertificate, withOpenssl } from "../../test/helpers/self-signed.ts";
import { flyrcPath, selectTarget } from "./flyrc.ts";

const FLYRC = `targets:
  ci:
    api: https://ci.example.com/
    team: platform
    token:
      type: Bearer
      value: abc.def
  local:
    api: http://127.0.0.1:8080
    insecure: true
`;

describe("flyrc", () => {
  test("$FLY_HOME before $HOME, as fly finds it", () => {
    expect(flyrcPath({ FLY_HOME: "/fly", HOME: "/home/me" })).toBe("/fly/.flyrc");
    expect(flyrcPath({ HOME: "/home/me" })).toBe("/home/me/.flyrc");
    expect(() => flyrcPath({})).toThrow("cannot find the .flyrc: set HOME or FLY_HOME");
  });

  test("a target's URL (without a trailing slash), team and Authorization header", () => {
    expect(selectTarget(FLYRC, "ci", "/h/.flyrc")).toEqual({
      name: "ci",
      api: "https://ci.example.com",
      team: "platform",
      authorization: "Bearer abc.def",
      insecure: false,
    });
    // the token's type as fly's client writes it: bearer in any case as Bearer, none as Bearer
    const token = (type: string) =>
      selectTarget(`targets:\n  t:\n    api: http://x\n    token: {${type} value: v}\n`, "t", "/h/.flyrc")
        .authorization;
    expect([token("type: bearer,"), token(""), token("type: '',"), token("type: MAC,"), token("type: Other,")]).toEqual(
      ["Bearer v", "Bearer v", "Bearer v", "MAC v", "Other v"],
    );
    // no team means main; no token means no header
    expect(selectTarget(FLYRC, "local", "/h/.flyrc")).toEqual({
      name: "local",
      api: "http://127.0.0.1:8080",
      team: "main",
      insecure: true,
    });
  });

  test("no target, an unknown one, and a broken file are errors in fly's words", () => {
    expect(() => selectTarget(FLYRC, undefined, "/h/.flyrc")).toThrow(/^no target specified: pass -t TARGET/);
    expect(() => selectTarget(FLYRC, "prod", "/h/.flyrc")).toThrow(
      "unknown target: prod (log in with `fly -t prod login -c URL`)",
    );
    expect(() => selectTarget(undefined, "ci", "/h/.flyrc")).toThrow(/^unknown target: ci/);
    expect(() => selectTarget("targets:\n  ci:\n    api: [x\n", "ci", "/h/.flyrc")).toThrow(
      /^in the file '\/h\/\.flyrc' \(line 4, column 1\): /,
    );
  });
});

describe("flyrc TLS settings", () => {
  test.skipIf(!hasOpenssl)(withOpenssl("ca_cert is read as fly login --ca-cert writes it (PEM text)"), () => {
    const { cert } = selfSignedCertificate();
    const indented = cert.trim().replaceAll("\n", "\n      ");
    const rc = `targets:\n  ci:\n    api: https://127.0.0.1:8443\n    ca_cert: |\n      ${indented}\n`;
    expect(selectTarget(rc, "ci", "/h/.flyrc")).toEqual({
      name: "ci",
      api: "https://127.0.0.1:8443",
      team: "main",
      insecure: false,
      caCert: `${cert.trim()}\n`,
    });
  });

  test("a ca_cert without a certificate is an error naming the file and target, even with insecure", () => {
    const rc = "targets:\n  ci:\n    api: https://ci.example.com\n    insecure: true\n    ca_cert: not a certificate\n";
    expect(() => selectTarget(rc, "ci", "/h/.flyrc")).toThrow(
      "in the file '/h/.flyrc': the ca_cert of target ci is not valid: it holds no PEM certificate",
    );
  });
});

describe("flyrc client certificates", () => {
  test("client_cert_path and client_key_path are read as fly login --client-cert/--client-key writes them", () => {
    const rc =
      "targets:\n  ci:\n    api: https://ci.example.com\n    client_cert_path: /certs/me.pem\n    client_key_path: certs/me.key\n";
    expect(selectTarget(rc, "ci", "/h/.flyrc")).toEqual({
      name: "ci",
      api: "https://ci.example.com",
      team: "main",
      insecure: false,
      clientCertPath: "/certs/me.pem",
      clientKeyPath: "certs/me.key",
    });
  });

  test("one without the other is an error naming the file, the target and what is missing", () => {
    const rc = (line: string) => `targets:\n  ci:\n    api: https://ci.example.com\n    ${line}\n`;
    expect(() => selectTarget(rc("client_key_path: /k.pem"), "ci", "/h/.flyrc")).toThrow(
      "in the file '/h/.flyrc': target ci has a client_key_path but no client_cert_path: a client certificate needs its key, and a key its certificate",
    );
    expect(() => selectTarget(rc("client_cert_path: /c.pem"), "ci", "/h/.flyrc")).toThrow(
      "in the file '/h/.flyrc': target ci has a client_cert_path but no client_key_path",
    );
  });
});

describe("flyrc of another shape than fly writes", () => {
  const at =
    (rc: string, name = "ci") =>
    () =>
      selectTarget(rc, name, "/h/.flyrc");
  test("a file, targets or a target that is not a map is an error naming the file, not an unknown target", () => {
    expect(at("- ci\n- prod\n")).toThrow(
      "in the file '/h/.flyrc' (line 1, column 1): its content is a list, not a map",
    );
    expect(at("hello\n")).toThrow("in the file '/h/.flyrc' (line 1, column 1): its content is a string, not a map");
    expect(at("targets:\n- ci\n")).toThrow("in the file '/h/.flyrc' (line 2, column 1): targets is a list, not a map");
    expect(at("targets:\n  ci: http://ci\n")).toThrow(
      "in the file '/h/.flyrc' (line 2, column 7): target ci is a string, not a map",
    );
    expect(at("targets:\n  ci:\n    api: http://x\n    token: abc\n")).toThrow(
      "in the file '/h/.flyrc' (line 4, column 12): the token of target ci is a string, not a map",
    );
    // none at all is no targets, as in fly
    expect(at("")).toThrow(/^unknown target: ci/);
    expect(at("targets:\n")).toThrow(/^unknown target: ci/);
    expect(at("targets:\n  ci:\n")).toThrow("in the file '/h/.flyrc': target ci has no api URL");
  });

  test("a number or a boolean is the text fly reads it as; a list or a map is an error, never the default", () => {
    const rc = (team: string) =>
      `targets:\n  ci:\n    api: http://x\n    team: ${team}\n    token: {type: bearer, value: 12}\n`;
    expect(selectTarget(rc("42"), "ci", "/h/.flyrc")).toMatchObject({ team: "42", authorization: "Bearer 12" });
    expect(selectTarget(rc("true"), "ci", "/h/.flyrc")).toMatchObject({ team: "true" });
    expect(at(rc("[a, b]"))).toThrow(
      "in the file '/h/.flyrc' (line 4, column 11): the team of target ci is a list, not a string",
    );
    expect(at(rc("{name: a}"))).toThrow(
      "in the file '/h/.flyrc' (line 4, column 11): the team of target ci is a map, not a string",
    );
    expect(at("targets:\n  ci:\n    api: [http://x]\n")).toThrow(
      "in the file '/h/.flyrc' (line 3, column 10): the api of target ci is a list, not a string",
    );
    expect(at("targets:\n  ci:\n    api: http://x\n    insecure: 'true'\n")).toThrow(
      "in the file '/h/.flyrc' (line 4, column 15): the insecure of target ci is a string, not true or false",
    );
  });
});

describe("flyrc values no request could be sent with", () => {
  const at = (rc: string) => () => selectTarget(rc, "ci", "/h/.flyrc");
  test("an api that is not an http(s) URL, or has a query, is an error naming the file and target, its password hidden", () => {
    const api = (url: string) => `targets:\n  ci:\n    api: "${url}"\n`;
    expect(at(api("ci.example.com"))).toThrow(
      "in the file '/h/.flyrc': the api of target ci is not a URL: 'ci.example.com'",
    );
    expect(at(api("ftp://me:pw@ci.example.com"))).toThrow(
      "in the file '/h/.flyrc': the api of target ci is not an http:// or https:// URL: 'ftp://ci.example.com'",
    );
    expect(at(api("https://ci.example.com/?team=a"))).toThrow(
      "the api of target ci has a query or a fragment, which the API's paths would follow: 'https://ci.example.com/?team=a'",
    );
    // a path (a Concourse behind a prefix) and a user are kept
    expect(selectTarget(api("https://me:pw@ci.example.com/concourse//"), "ci", "/h/.flyrc").api).toBe(
      "https://me:pw@ci.example.com/concourse",
    );
  });

  test("an api no URL can be read from never shows the password it holds (one with a '/', '?' or '#', no scheme)", () => {
    const api = (url: string) => `targets:\n  ci:\n    api: "${url}"\n`;
    const message = (url: string) => {
      try {
        at(api(url))();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${url} was taken`);
    };
    expect(message("https://me:pa/ss@ci.example.com")).toBe(
      "in the file '/h/.flyrc': the api of target ci is not a URL: 'https://ci.example.com'",
    );
    expect(message("https://me:pa?ss@ci.example.com")).not.toContain("pa?ss");
    expect(message("https://me:pa#ss@ci.example.com")).not.toContain("pa#ss");
    expect(message("me:secret@ci.example.com")).toBe(
      "in the file '/h/.flyrc': the api of target ci is not an http:// or https:// URL: 'ci.example.com'",
    );
  });

  test("a token with a line break, a control character or a non-ASCII one is refused, and never shown", () => {
    for (const token of [
      '{type: bearer, value: "abc\\ndef"}',
      '{type: "bea\\u0007rer", value: abc}',
      "{value: abcé}",
    ]) {
      const thrown = (() => {
        try {
          return at(`targets:\n  ci:\n    api: http://x\n    token: ${token}\n`)();
        } catch (error) {
          return error as Error;
        }
      })();
      expect((thrown as Error).message).toBe(
        "in the file '/h/.flyrc': the token of target ci holds a line break, a control character or a non-ASCII character, which an Authorization header cannot carry: log in again (`fly -t ci login`)",
      );
    }
  });
});
