import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { flyOf } from "../src/validate/format.ts";
import { validateText } from "../src/validate/validate-text.ts";

/**
 * Each fixture is a pipeline written from Concourse's validation code and tests, next to the lines
 * `fly validate-pipeline` prints for it (`error: …` / `warning: …`, context included). hangar's
 * Concourse-parity findings must be exactly those lines; the order is free (Go's is partly map order).
 */
const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "parity");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .sort();

describe("fly validate-pipeline parity", () => {
  test("there are fixtures, each with its expected fly lines", () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) expect(existsSync(join(dir, f.replace(/\.yml$/, ".fly.txt")))).toBe(true);
  });

  test.each(fixtures)("%s", (fixture) => {
    const text = readFileSync(join(dir, fixture), "utf8");
    const expected = readFileSync(join(dir, fixture.replace(/\.yml$/, ".fly.txt")), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("#"));
    const result = validateText(text, { file: fixture });
    const actual = result.diagnostics.filter((d) => d.parity === "concourse").map((d) => `${d.severity}: ${flyOf(d)}`);
    expect(actual.sort()).toEqual([...expected].sort());
  });
});
