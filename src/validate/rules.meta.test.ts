import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rules } from "./rules/index.ts";
import { RULE_CRASHED, validate } from "./validate.ts";

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
    // hangar's own errors: a data flow that fails at run time, or what set-pipeline rejects though fly passes it
    else
      expect(
        rule.id.startsWith("dataflow-") || rule.id === "unknown-field-rejected" || rule.severity === "warning",
      ).toBe(true);
  });
});

describe("every rule on malformed input", () => {
  const value = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(null, undefined, 0, -1, 1.5, "", "x", "Bad Name", "*", "[", true, "__proto__", "1h"),
      fc.array(tie("any"), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom(
          "name",
          "type",
          "get",
          "put",
          "task",
          "run",
          "do",
          "try",
          "in_parallel",
          "steps",
          "across",
          "var",
          "max_in_flight",
          "passed",
          "resource",
          "config",
          "file",
          "load_var",
          "set_pipeline",
          "timeout",
          "attempts",
          "on_success",
          "ensure",
          "plan",
          "jobs",
          "inputs",
          "outputs",
          "platform",
          "image",
          "vars",
          "build_log_retention",
          "build_logs_to_retain",
          "background_image",
          "image_resource",
        ),
        tie("any"),
        { maxKeys: 5 },
      ),
    ),
  }));
  const pipeline = fc.record(
    {
      jobs: value.any,
      resources: value.any,
      resource_types: value.any,
      prototypes: value.any,
      var_sources: value.any,
      groups: value.any,
      display: value.any,
    },
    { requiredKeys: [] },
  );

  const core = fc.dictionary(
    fc.constantFrom("get", "put", "task", "run", "type", "load_var", "set_pipeline", "file", "config", "passed"),
    value.any,
    { maxKeys: 4 },
  );
  const stepAt = (depth: number): fc.Arbitrary<Record<string, unknown>> => {
    if (depth === 0) return core;
    const inner = stepAt(depth - 1);
    const mods = fc.record(
      {
        do: fc.array(inner, { maxLength: 2 }),
        in_parallel: fc.oneof(
          fc.array(inner, { maxLength: 2 }),
          fc.record({ steps: fc.array(inner, { maxLength: 2 }) }),
        ),
        try: inner,
        on_failure: inner,
        ensure: inner,
        across: fc.array(fc.record({ var: value.any, max_in_flight: value.any }), { maxLength: 2 }),
        timeout: value.any,
        attempts: value.any,
      },
      { requiredKeys: [] },
    );
    return fc.tuple(core, mods).map(([c, m]) => ({ ...c, ...m }));
  };
  const step = stepAt(3);
  const structured = fc.record({
    jobs: fc.array(
      fc.record({ name: fc.oneof(value.any, fc.constantFrom("a", "b")), plan: fc.array(step, { maxLength: 3 }) }),
      {
        maxLength: 3,
      },
    ),
    resources: fc.array(fc.record({ name: fc.constantFrom("a", "r", ""), type: value.any }), { maxLength: 2 }),
  });

  it("never throws on well-shaped jobs with malformed steps", () => {
    fc.assert(
      fc.property(structured, (p) => {
        const crashed = validate(p as never, { registry: rules }).filter((d) => d.ruleId === RULE_CRASHED);
        expect(crashed).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // a correctness property, not a timing: a few CPU seconds that a loaded machine stretches
  }, 180_000);

  it("never throws, whatever the types", () => {
    fc.assert(
      fc.property(pipeline, (p) => {
        const crashed = validate(p as never, { registry: rules }).filter((d) => d.ruleId === RULE_CRASHED);
        expect(crashed).toEqual([]);
      }),
      { numRuns: 400 },
    );
  }, 180_000);
});
