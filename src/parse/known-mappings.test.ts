import { describe, expect, test } from "vitest";
import type { Path } from "../model/common.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { validate } from "../validate/validate.ts";
import { validateText } from "../validate/validate-text.ts";
import { checkShape } from "./check-shape.ts";
import { KNOWN_MAPPING_MIN, type KnownMappings } from "./known-mappings.ts";
import { parsePipeline } from "./parse-pipeline.ts";
import { readYaml } from "./read-yaml.ts";
import { yamlTextLocator } from "./yaml-tree.ts";

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
    expect(parsed.knownMappings?.get(source)).toEqual({
      keys: Object.keys(source),
      values: Object.values(source),
      height: 0,
    });
    expect(parsed.knownMappings?.get(source)?.keys).toHaveLength(10_000);
  });

  test("not given when the shape check converted a value (the records describe the values as read)", () => {
    const parsed = parsePipeline(bigSource(10_000, "  icon: 5\n"), { format: "yaml" });
    expect(parsed.wellFormed).toBe(true);
    expect(parsed.pipeline?.resources?.[0]?.icon).toBe("5");
    expect(parsed).not.toHaveProperty("knownMappings");
  });

  test("given when the full check ran but converted nothing (a warning elsewhere)", () => {
    const parsed = parsePipeline(`meta: 1\n${bigSource(10_000, "")}`, { format: "yaml" });
    expect(parsed.diagnostics.map((d) => d.ruleId)).toEqual(["unknown-field"]);
    const source = parsed.pipeline?.resources?.[0]?.source as object;
    expect(parsed.knownMappings?.get(source)?.keys).toHaveLength(10_000);
  });

  test("a secret among the keys is still found, and located, through the record", () => {
    const text = bigSource(10_000, "    password: hunter22\n");
    const found = validateText(text, { file: "big.yml" }).diagnostics.filter((d) => d.ruleId === "secret-literal");
    expect(found).toMatchObject([
      { path: ["resources", 0, "source", "password"], loc: { file: "big.yml", line: 5 + 10_000 } },
    ]);
  });

  test("the shape check and the string census take a recorded mapping's height and keys from the record", () => {
    // a record is trusted as it is: one that gives a lower height, or leaves out a key, makes the passes miss what
    // it leaves out (a record is only ever made by the reader, with every key and the true height)
    const deep: unknown = JSON.parse(`${"[".repeat(120)}${"]".repeat(120)}`);
    const source: Record<string, unknown> = Object.fromEntries(
      Array.from({ length: KNOWN_MAPPING_MIN }, (_, i) => [`k${i}`, `v${i}`]),
    );
    source.deep = deep;
    source.password = "hunter22";
    const pipeline = { resources: [{ name: "r", type: "git", source }], jobs: [] };
    const keys = Object.keys(source);
    const values = Object.values(source);
    const every: KnownMappings = new WeakMap([[source, { keys, values, height: 120 }]]);
    const some: KnownMappings = new WeakMap([
      [source, { keys: keys.slice(0, KNOWN_MAPPING_MIN), values: values.slice(0, KNOWN_MAPPING_MIN), height: 0 }],
    ]);

    const tooDeep = (known: KnownMappings | undefined) => checkShape(pipeline, known).diagnostics.length > 0;
    expect([tooDeep(undefined), tooDeep(every), tooDeep(some)]).toEqual([true, true, false]);

    const secrets = (known: KnownMappings | undefined) =>
      validate(pipeline, known === undefined ? {} : { knownMappings: known })
        .filter((d) => d.ruleId === "secret-literal")
        .map((d) => d.path.join("."));
    expect([secrets(undefined), secrets(every), secrets(some)]).toEqual([
      ["resources.0.source.password"],
      ["resources.0.source.password"],
      [],
    ]);
  });
});

describe("a value too deep inside a large mapping the reader recorded", () => {
  test("is still reported by the shape check, which reads the record's height", () => {
    // 40 block levels under source, then a block mapping of KNOWN_MAPPING_MIN keys whose last value nests 60 lists
    const levels = 40;
    const pad = (n: number) => " ".repeat(2 * n);
    const nest = Array.from({ length: levels }, (_, i) => `${pad(i + 2)}l${i}:\n`).join("");
    const keys = Array.from({ length: KNOWN_MAPPING_MIN * 8 }, (_, i) => `${pad(levels + 3)}k${i}: value-${i}\n`);
    const deep = `${pad(levels + 3)}deep: ${"[".repeat(60)}${"]".repeat(60)}\n`;
    const text = `resources:\n- name: r\n  type: git\n  source:\n${nest}${pad(levels + 2)}big:\n${keys.join("")}${deep}jobs: []\n`;
    const read = readYaml(text);
    if (!read.ok) throw new Error("not read");
    let big = (read.value as Pipeline).resources?.[0]?.source as Record<string, unknown>;
    for (let i = 0; i < levels; i++) big = big[`l${i}`] as Record<string, unknown>;
    expect(read.known?.get(big.big as object)?.height).toBe(60);
    expect(checkShape(read.value, read.known).diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining("deep"),
    ]);
    // and so it is through parsePipeline
    const parsed = parsePipeline(text, { format: "yaml" });
    expect(parsed.wellFormed).toBe(false);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("deep")]);
  });
});

describe("the collections the reader took, handed to the locator", () => {
  test("give the same positions as the locator finding them itself", () => {
    const text = bigSource(20_000, "    tail: [1, 2]\n");
    const read = readYaml(text);
    if (!read.ok) throw new Error("not read");
    expect(read.regions?.map((r) => r.kind)).toEqual(["block"]);
    const given = yamlTextLocator(text, "f.yml", read.regions);
    const found = yamlTextLocator(text, "f.yml");
    const paths: Path[] = [
      ["resources", 0, "source", "key-0"],
      ["resources", 0, "source", "key-19999"],
      ["resources", 0, "source", "tail", 1],
      ["resources", 0, "type"],
      ["jobs", 0, "plan", 0, "get"],
    ];
    for (const path of paths) {
      for (const target of ["key", "value"] as const) expect(given(path, target)).toEqual(found(path, target));
    }
    expect(given(["resources", 0, "source", "key-19999"])).toMatchObject({ line: 5 + 19_999 });
  });
});
