import { describe, expect, test } from "vitest";
import { validate } from "../validate/validate.ts";
import { validateText } from "../validate/validate-text.ts";
import { checkShape } from "./check-shape.ts";
import { KNOWN_KEYS_MIN, type KnownKeys } from "./known-keys.ts";
import { parsePipeline } from "./parse-pipeline.ts";

/** A pipeline whose resource's `source` is a block mapping of `n` keys (large enough for the reader's fast path). */
function bigSource(n: number, extra: string): string {
  const keys = Array.from({ length: n }, (_, i) => `    key-${i}: value-${i}`);
  return `resources:\n- name: r\n  type: git\n  source:\n${keys.join("\n")}\n${extra}jobs:\n- name: j\n  plan: [{ get: r }]\n`;
}

describe("the keys of large mappings, recorded by the reader and read by the passes after it", () => {
  test("parsePipeline gives the record of a large source mapping, which the rules then read", () => {
    const parsed = parsePipeline(bigSource(10_000, ""), { format: "yaml" });
    const source = parsed.pipeline?.resources?.[0]?.source as object;
    expect(parsed.wellFormed).toBe(true);
    expect(parsed.knownKeys?.get(source)).toEqual(Object.keys(source));
    expect(parsed.knownKeys?.get(source)).toHaveLength(10_000);
  });

  test("a secret among the keys is still found, and located, through the record", () => {
    const text = bigSource(10_000, "    password: hunter22\n");
    const found = validateText(text, { file: "big.yml" }).diagnostics.filter((d) => d.ruleId === "secret-literal");
    expect(found).toMatchObject([
      { path: ["resources", 0, "source", "password"], loc: { file: "big.yml", line: 5 + 10_000 } },
    ]);
  });

  test("the shape check and the string census take a recorded mapping's keys from the record", () => {
    // a record is trusted as it is: one that leaves out a key makes both passes skip it (a record is only ever
    // made by the reader, with every key)
    const deep: unknown = JSON.parse(`${"[".repeat(120)}${"]".repeat(120)}`);
    const source: Record<string, unknown> = Object.fromEntries(
      Array.from({ length: KNOWN_KEYS_MIN }, (_, i) => [`k${i}`, `v${i}`]),
    );
    source.deep = deep;
    source.password = "hunter22";
    const pipeline = { resources: [{ name: "r", type: "git", source }], jobs: [] };
    const every: KnownKeys = new WeakMap([[source, Object.keys(source)]]);
    const some: KnownKeys = new WeakMap([[source, Object.keys(source).slice(0, KNOWN_KEYS_MIN)]]);

    const tooDeep = (known: KnownKeys | undefined) => checkShape(pipeline, known).diagnostics.length > 0;
    expect([tooDeep(undefined), tooDeep(every), tooDeep(some)]).toEqual([true, true, false]);

    const secrets = (known: KnownKeys | undefined) =>
      validate(pipeline, known === undefined ? {} : { knownKeys: known })
        .filter((d) => d.ruleId === "secret-literal")
        .map((d) => d.path.join("."));
    expect([secrets(undefined), secrets(every), secrets(some)]).toEqual([
      ["resources.0.source.password"],
      ["resources.0.source.password"],
      [],
    ]);
  });
});
