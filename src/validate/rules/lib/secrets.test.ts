import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isSecretKey } from "./secrets.ts";

/** The definition the key test stands for: lower-cased, `-` as `_`, ending in a secret's name after `_` or nothing. */
const SPEC =
  /(?:^|_)(?:password|passwd|passphrase|token|secret|secret_id|secret_access_key|secret_key|private_key|api_key|apikey|access_token|auth_token)$/;
const bySpec = (key: string): boolean => SPEC.test(key.toLowerCase().replaceAll("-", "_"));

describe("isSecretKey", () => {
  test.each([
    ["password", true],
    ["GITHUB_TOKEN", true],
    ["client-secret", true],
    ["Secret-Access-Key", true],
    ["apikey", true],
    ["secret_id", true], // Vault's AppRole credential (a var source's auth_params)
    ["Secret-ID", true],
    ["secret_ids", false],
    ["API_KEY", true],
    ["to\u212Aen", true], // the Kelvin sign lower-cases to k
    ["tokens", false],
    ["mytoken", false],
    ["private key", false],
    ["keys", false],
    ["", false],
  ])("%j: %s", (key, expected) => {
    expect(isSecretKey(key)).toBe(expected);
  });

  test("agrees with lower-casing and reading - as _ on keys made of secret names, separators and odd letters", () => {
    const piece = fc.constantFrom(
      ..."password passwd passphrase token secret access key private api auth id".split(" "),
      "_",
      "-",
      "K",
      "\u212A",
      "\u017F",
      "\u0130",
      "x",
    );
    const key = fc
      .array(fc.tuple(piece, fc.boolean()), { maxLength: 5 })
      .map((parts) => parts.map(([p, upper]) => (upper ? p.toUpperCase() : p)).join(""));
    fc.assert(
      fc.property(key, (k) => isSecretKey(k) === bySpec(k)),
      { numRuns: 5_000 },
    );
  });
});
