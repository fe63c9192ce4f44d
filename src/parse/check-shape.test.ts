import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkShape, shapePasses } from "./check-shape.ts";

// Values shaped like pipelines, right or wrong: keys Concourse reads, with values of every type.
const KEYS = [
  "name",
  "type",
  "source",
  "plan",
  "get",
  "put",
  "task",
  "file",
  "config",
  "platform",
  "run",
  "path",
  "args",
  "inputs",
  "outputs",
  "caches",
  "ttl",
  "check_every",
  "in_parallel",
  "steps",
  "do",
  "try",
  "across",
  "var",
  "values",
  "max_in_flight",
  "version",
  "passed",
  "trigger",
  "params",
  "on_success",
  "ensure",
  "attempts",
  "timeout",
  "tags",
  "container_limits",
  "cpu",
  "memory",
  "limit",
  "fail_fast",
  "image_resource",
  "no_get",
  "load_var",
  "set_pipeline",
  "serial",
  "build_log_retention",
  "builds",
  "unknown_key",
] as const;
const scalar = fc.oneof(
  fc.constantFrom("", "a", "1h", "never", "10m", "nope", "all", "1GB", "linux"),
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(0.5, 1e21),
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
  ),
}));
const str = fc.constantFrom("a", "b", "src");
/** Well-typed steps (so that the quick pass often says yes), with now and then any value in any field. */
const { step } = fc.letrec((tie) => ({
  step: fc.oneof(
    { depthSize: "small" },
    fc.record({ get: str, passed: fc.array(str, { maxLength: 2 }), trigger: fc.boolean() }, { requiredKeys: ["get"] }),
    fc.record({ put: str, params: fc.dictionary(str, value, { maxKeys: 2 }) }, { requiredKeys: ["put"] }),
    fc.record({ task: str, config: fc.record({ platform: str, run: fc.record({ path: str }) }) }),
    fc.record({ do: fc.array(tie("step"), { maxLength: 2 }), timeout: fc.constantFrom("1h", "5m") }),
    fc.record({ in_parallel: fc.array(tie("step"), { maxLength: 2 }) }),
    fc.record({ try: tie("step"), attempts: fc.integer({ min: 1, max: 3 }) }),
    fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 3 }),
  ),
}));
const pipeline = fc.record(
  {
    jobs: fc.array(fc.record({ name: str, plan: fc.array(step, { maxLength: 3 }), serial: fc.boolean() }), {
      maxLength: 2,
    }),
    resources: fc.array(
      fc.record({ name: str, type: str, source: fc.dictionary(str, value), check_every: scalar }, { requiredKeys: [] }),
      { maxLength: 2 },
    ),
    display: value,
  },
  { requiredKeys: [] },
);

describe("the shape check's quick pass and full check", () => {
  test("whatever the quick pass lets through, the full check reports nothing on and leaves unchanged", () => {
    let quickYes = 0;
    let quickNo = 0;
    fc.assert(
      fc.property(pipeline, (p) => {
        if (!shapePasses.quick(p)) {
          quickNo++;
          return;
        }
        quickYes++;
        const copy = structuredClone(p);
        expect(shapePasses.full(copy)).toEqual([]);
        expect(copy).toEqual(p);
      }),
      { numRuns: 400 },
    );
    // both answers were exercised
    expect(quickYes).toBeGreaterThan(20);
    expect(quickNo).toBeGreaterThan(20);
  });

  test("a number given for a string is not let through: the full check gives it as a string, in a copy", () => {
    const p = { resources: [{ name: 1, type: "git" }] };
    expect(shapePasses.quick(p)).toBe(false);
    expect(shapePasses.full(p)).toEqual([]);
    const shape = checkShape(p);
    expect(shape).toMatchObject({ unchanged: false, value: { resources: [{ name: "1", type: "git" }] } });
    // the value given is left as it is: an alias may give the same object where no string is wanted
    expect(p).toEqual({ resources: [{ name: 1, type: "git" }] });
  });

  test.each([
    { resources: [{ name: "r", type: "git", check_every: "soon" }] },
    { jobs: [{ name: "j", plan: [{ get: "a", trigger: "yes" }] }] },
    { jobs: [{ name: "j", plan: [{ task: "t", config: { caches: [{ path: "c", ttl: "1ms" }] } }] }] },
    { jobs: [{ name: "j", plan: [{ in_parallel: { steps: [{ get: "a" }], limit: "2" } }] }] },
  ])("a value the full check reports is not let through: %j", (p) => {
    expect(shapePasses.quick(p)).toBe(false);
    expect(shapePasses.full(structuredClone(p))).not.toEqual([]);
    expect(checkShape(structuredClone(p)).wellFormed).toBe(false);
  });
});
