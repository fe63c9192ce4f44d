import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "./rules/index.ts";

const dir = join(dirname(fileURLToPath(import.meta.url)), "rules");
const ruleFiles = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts")
  .map((f) => f.slice(0, -".ts".length))
  .sort();

describe("rule registry", () => {
  it("registers every rule file exactly once, under its file name", () => {
    expect(rules.map((r) => r.id).sort()).toEqual(ruleFiles);
  });

  it.each(ruleFiles)("%s has a sibling test", (id) => {
    expect(existsSync(join(dir, `${id}.test.ts`))).toBe(true);
  });

  it.each(rules.map((r) => [r.id, r] as const))("%s is documented and flagged", (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(rule.docs.description.trim()).not.toBe("");
    expect(["error", "warning"]).toContain(rule.severity);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    if (rule.parity === "concourse") expect(rule.concourseRef).toMatch(/^atc\/\S+\.go \S/);
    else expect(rule.id.startsWith("dataflow-") || rule.severity === "warning").toBe(true);
  });
});
