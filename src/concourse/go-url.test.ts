import { describe, expect, test } from "vitest";
import { goHostname, goParseUrl } from "./go-url.ts";

describe("goParseUrl (Go's net/url.Parse)", () => {
  test.each([
    ["https://example.org/a.png", "https", "example.org"],
    ["HTTP://Example.org:8080/x", "http", "Example.org:8080"],
    ["/relative/path.png", "", ""],
    ["relative.png?q=1#frag", "", ""],
    ["mailto:someone", "mailto", ""],
    ["//cdn.example.org/x", "", "cdn.example.org"],
    ["http://[::1]:80/", "http", "[::1]:80"],
    ["", "", ""],
  ])("%j parses (scheme %j, host %j)", (raw, scheme, host) => {
    expect(goParseUrl(raw)).toEqual({ ok: true, scheme, host });
  });

  test.each([
    ["://example.com", 'parse "://example.com": missing protocol scheme'],
    ["1a:b", 'parse "1a:b": first path segment in URL cannot contain colon'],
    ["http://host:port", 'parse "http://host:port": invalid port ":port" after host'],
    ["http://[::1/x", `parse "http://[::1/x": missing ']' in host`],
    ["http://a b/", 'parse "http://a b/": invalid character " " in host name'],
    ["a%zz", 'parse "a%zz": invalid URL escape "%zz"'],
    ["x#%g", 'parse "x#%g": invalid URL escape "%g"'],
    ["http://us er@host/", 'parse "http://us er@host/": net/url: invalid userinfo'],
  ])("%j fails with Go's text", (raw, error) => {
    expect(goParseUrl(raw)).toEqual({ ok: false, error });
  });

  test("hostname drops the port and IPv6 brackets", () => {
    expect([goHostname("vault:8200"), goHostname("[::1]:8200"), goHostname("")]).toEqual(["vault", "::1", ""]);
  });
});
