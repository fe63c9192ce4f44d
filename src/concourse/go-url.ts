/**
 * Go's `net/url.Parse`, reduced to what Concourse's checks read: the error text (as `err.Error()` prints it)
 * or the lower-cased scheme and the host.
 */
import { goQuote } from "./go-format.ts";

export type GoUrl =
  | { readonly ok: true; readonly scheme: string; readonly host: string }
  | { readonly ok: false; readonly error: string };

const isAlpha = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

class UrlError extends Error {}

export function goParseUrl(raw: string): GoUrl {
  const hash = raw.indexOf("#");
  const u = hash === -1 ? raw : raw.slice(0, hash);
  let parsed: { scheme: string; host: string };
  try {
    parsed = parse(u);
  } catch (e) {
    return { ok: false, error: `parse ${goQuote(u)}: ${(e as Error).message}` };
  }
  if (hash !== -1) {
    try {
      checkEscapes(raw.slice(hash + 1), "fragment");
    } catch (e) {
      return { ok: false, error: `parse ${goQuote(raw)}: ${(e as Error).message}` };
    }
  }
  return { ok: true, ...parsed };
}

/** `URL.Hostname()`: the host without port and IPv6 brackets. */
export function goHostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end === -1 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

function parse(raw: string): { scheme: string; host: string } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Go rejects exactly these bytes
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new UrlError("net/url: invalid control character in URL");
  if (raw === "*") return { scheme: "", host: "" };
  let scheme = "";
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (isAlpha(c)) continue;
    if (isDigit(c) || c === "+" || c === "-" || c === ".") {
      if (i === 0) break;
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new UrlError("missing protocol scheme");
      scheme = raw.slice(0, i).toLowerCase();
      rest = raw.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q !== -1) rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, host: "" };
    const slash = rest.indexOf("/");
    const segment = slash === -1 ? rest : rest.slice(0, slash);
    if (segment.includes(":")) throw new UrlError("first path segment in URL cannot contain colon");
  }
  let host = "";
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    const slash = authority.indexOf("/");
    rest = "";
    if (slash !== -1) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    host = parseAuthority(authority);
  }
  checkEscapes(rest, "path");
  return { scheme, host };
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf("@");
  const host = parseHost(at === -1 ? authority : authority.slice(at + 1));
  if (at === -1) return host;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new UrlError("net/url: invalid userinfo");
  for (const part of userinfo.split(":", 2)) checkEscapes(part, "userinfo");
  return host;
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const end = host.lastIndexOf("]");
    if (end === -1) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(end + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
    const zone = host.slice(0, end).indexOf("%25");
    if (zone !== -1) {
      checkEscapes(host.slice(0, zone), "host");
      checkEscapes(host.slice(zone, end), "zone");
      checkEscapes(host.slice(end), "host");
      return host;
    }
  } else {
    const colon = host.lastIndexOf(":");
    if (colon !== -1) {
      const colonPort = host.slice(colon);
      if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  checkEscapes(host, "host");
  return host;
}

const validOptionalPort = (port: string): boolean => port === "" || /^:[0-9]*$/.test(port);

/** Characters a host may hold unescaped (Go's `shouldEscape(c, encodeHost)` is false for them). */
const HOST_OK = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]$/;

function checkEscapes(s: string, mode: "path" | "fragment" | "host" | "zone" | "userinfo"): void {
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "%") {
      if (!isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new UrlError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      const value = Number.parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === "host" && value < 0x80 && s.slice(i, i + 3) !== "%25") {
        throw new UrlError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      if (mode === "zone" && value < 0x80 && s.slice(i, i + 3) !== "%25" && !HOST_OK.test(String.fromCharCode(value))) {
        throw new UrlError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      i += 2;
    } else if ((mode === "host" || mode === "zone") && c.charCodeAt(0) < 0x80 && !HOST_OK.test(c)) {
      throw new UrlError(`invalid character ${goQuote(c)} in host name`);
    }
  }
}
