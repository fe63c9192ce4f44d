import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { RULE_CRASHED } from "./validate.ts";
import { validateText, validateValue } from "./validate-text.ts";

// Property tests: generated and mutated pipelines go through the parser and every registered rule; the
// result must always be diagnostics: no exception, no crashed rule, a location for every finding read
// from text. Run counts are bounded so the suite stays quick.

const NAMES = ["a", "b", "src", "img", "job-1", "job-*", "", "Bad Name", "__proto__", "constructor", "yes", "1"];
const name = fc.constantFrom(...NAMES);
const scalar = fc.oneof(
  name,
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.constantFrom("((var))", "((source:path.field))", "((.:local))"),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(name, scalar, { maxKeys: 3 }),
);

const taskConfig = fc.record(
  {
    platform: fc.constantFrom("linux", "", "windows"),
    image_resource: fc.record({ type: name, source: fc.dictionary(name, name, { maxKeys: 2 }) }),
    inputs: fc.array(fc.record({ name, optional: fc.boolean() }, { requiredKeys: ["name"] }), { maxLength: 3 }),
    outputs: fc.array(fc.record({ name }), { maxLength: 2 }),
    params: fc.dictionary(name, scalar, { maxKeys: 2 }),
    run: fc.record({ path: name, args: fc.array(name, { maxLength: 2 }) }, { requiredKeys: ["path"] }),
    caches: fc.array(fc.record({ path: name, ttl: fc.constantFrom("1h", "90s") }), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);

const modifiers = fc.record(
  {
    attempts: fc.integer({ min: -1, max: 3 }),
    timeout: fc.constantFrom("1h", "nope", "5m30s"),
    tags: fc.array(name, { maxLength: 2 }),
    across: fc.array(
      fc.record(
        {
          var: name,
          values: fc.array(scalar, { maxLength: 2 }),
          max_in_flight: fc.oneof(fc.constant("all"), fc.integer({ min: -1, max: 2 })),
        },
        { requiredKeys: ["var"] },
      ),
      { maxLength: 2 },
    ),
    fail_fast: fc.boolean(),
  },
  { requiredKeys: [] },
);

const { step } = fc.letrec<{ step: Record<string, unknown>; steps: Record<string, unknown>[] }>((tie) => ({
  steps: fc.array(tie("step"), { maxLength: 3, depthIdentifier: "step" }),
  step: fc
    .tuple(
      fc.oneof(
        { depthSize: "small", withCrossShrink: true, maxDepth: 3, depthIdentifier: "step" },
        fc.record(
          {
            get: name,
            resource: name,
            passed: fc.array(name, { maxLength: 2 }),
            trigger: fc.boolean(),
            version: fc.oneof(fc.constantFrom("latest", "every"), fc.dictionary(name, name, { maxKeys: 1 })),
          },
          { requiredKeys: ["get"] },
        ),
        fc.record(
          {
            put: name,
            resource: name,
            inputs: fc.oneof(fc.constantFrom("all", "detect"), fc.array(name, { maxLength: 2 })),
            no_get: fc.boolean(),
          },
          { requiredKeys: ["put"] },
        ),
        fc.record(
          {
            task: name,
            file: name,
            config: taskConfig,
            image: name,
            input_mapping: fc.dictionary(name, name, { maxKeys: 2 }),
            output_mapping: fc.dictionary(name, name, { maxKeys: 2 }),
          },
          { requiredKeys: ["task"] },
        ),
        fc.record({ set_pipeline: name, file: name }, { requiredKeys: ["set_pipeline"] }),
        fc.record(
          { load_var: name, file: name, format: fc.constantFrom("json", "raw") },
          { requiredKeys: ["load_var"] },
        ),
        fc.record({ run: name, type: name }),
        fc.record({ do: tie("steps") }),
        fc.record({ try: tie("step") }),
        fc.record({
          in_parallel: fc.oneof(
            tie("steps"),
            fc.record(
              { steps: tie("steps"), limit: fc.integer({ min: 0, max: 3 }), fail_fast: fc.boolean() },
              { requiredKeys: [] },
            ),
          ),
        }),
      ),
      modifiers,
      fc.oneof(
        { maxDepth: 2, depthIdentifier: "step" },
        fc.constant({}),
        fc.record({ on_success: tie("step"), on_failure: tie("step"), ensure: tie("step") }, { requiredKeys: [] }),
      ),
      fc.dictionary(fc.constantFrom("get", "put", "bogus", "__proto__", "constructor"), name, { maxKeys: 1 }),
    )
    .map(([core, mods, hooks, extra]) => ({ ...core, ...mods, ...hooks, ...extra })) as fc.Arbitrary<
    Record<string, unknown>
  >,
}));

const pipeline = fc.record(
  {
    resource_types: fc.array(fc.record({ name, type: name, source: fc.dictionary(name, name, { maxKeys: 1 }) }), {
      maxLength: 2,
    }),
    resources: fc.array(
      fc.record(
        {
          name,
          type: name,
          source: fc.dictionary(name, scalar, { maxKeys: 2 }),
          check_every: fc.constantFrom("1m", "never"),
        },
        { requiredKeys: ["name", "type"] },
      ),
      { maxLength: 4 },
    ),
    jobs: fc.array(
      fc.record(
        {
          name,
          plan: fc.array(step, { maxLength: 3 }),
          serial: fc.boolean(),
          build_logs_to_retain: fc.integer({ min: -1, max: 5 }),
          build_log_retention: fc.record({
            builds: fc.integer({ min: -1, max: 5 }),
            minimum_succeeded_builds: fc.integer({ min: -1, max: 5 }),
          }),
          on_failure: step,
        },
        { requiredKeys: ["name", "plan"] },
      ),
      { maxLength: 3 },
    ),
    groups: fc.array(
      fc.record({ name, jobs: fc.array(name, { maxLength: 2 }), resources: fc.array(name, { maxLength: 1 }) }),
      { maxLength: 2 },
    ),
    var_sources: fc.array(
      fc.record({
        name,
        type: fc.constantFrom("vault", "dummy", "nope"),
        config: fc.dictionary(name, scalar, { maxKeys: 2 }),
      }),
      { maxLength: 1 },
    ),
    display: fc.record({ background_image: fc.constantFrom("https://x/y.png", "ftp://x", "::") }),
  },
  { requiredKeys: ["jobs"] },
);

/** Every path to a value inside `value` (containers included), for mutations. */
function pathsOf(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) pathsOf(value[i], [...at, i], out);
  } else if (typeof value === "object" && value !== null)
    for (const k of Object.keys(value)) pathsOf((value as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

/** A copy of `value` with the value at `path` replaced (or the whole value when the path is empty). */
function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value as object)) {
    Object.defineProperty(copy, k, {
      value:
        k === head
          ? replaceAt((value as Record<string, unknown>)[k], rest, replacement)
          : (value as Record<string, unknown>)[k],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function assertDiagnostics(diagnostics: readonly Diagnostic[], fromText: boolean): void {
  expect(diagnostics.filter((d) => d.ruleId === RULE_CRASHED)).toEqual([]);
  for (const d of diagnostics) {
    expect(["error", "warning"]).toContain(d.severity);
    expect(typeof d.message).toBe("string");
    if (fromText) expect(d.loc).toBeDefined();
  }
}

const asJson = (v: unknown) => JSON.stringify(v, null, 1);
const asYaml = (v: unknown) => stringify(v, { version: "1.1" });

describe("fuzz: parser and validator always answer with diagnostics", () => {
  test("generated pipelines, as objects, JSON text and YAML text", () => {
    fc.assert(
      fc.property(pipeline, (p) => {
        assertDiagnostics(validateValue(p).diagnostics, false);
        assertDiagnostics(validateText(asJson(p), { file: "p.json" }).diagnostics, true);
        assertDiagnostics(validateText(asYaml(p), { file: "p.yml" }).diagnostics, true);
      }),
      { numRuns: 60, seed: 4_2024 },
    );
  });

  test("mutated pipelines: any value replaced by a value of another type", () => {
    fc.assert(
      fc.property(pipeline, fc.nat(), junk, (p, pick, replacement) => {
        const paths = pathsOf(p);
        const mutated = replaceAt(p, paths[pick % paths.length] as (string | number)[], replacement);
        assertDiagnostics(validateValue(mutated).diagnostics, false);
        assertDiagnostics(validateText(asJson(mutated)).diagnostics, true);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  test("mutated text: characters inserted, deleted or replaced", () => {
    const base = asYaml({
      resources: [{ name: "src", type: "git", source: { uri: "x" } }],
      jobs: [
        {
          name: "a",
          plan: [
            { get: "src", trigger: true },
            { task: "t", config: { platform: "linux", run: { path: "x" } } },
          ],
        },
      ],
    });
    const edit = fc.tuple(
      fc.nat(),
      fc.nat({ max: 3 }),
      fc.string({ maxLength: 3, unit: fc.constantFrom(..."{}[]:-&*!|>'\"#\n\t ,?a0\u0000") }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = base;
        for (const [at, remove, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        const result = validateText(text);
        assertDiagnostics(result.diagnostics, text.trim() !== "");
        expect(parsePipeline(text).diagnostics.every((d) => d.loc !== undefined || text.trim() === "")).toBe(true);
      }),
      { numRuns: 200, seed: 99 },
    );
  });

  test("arbitrary JSON values as pipelines", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        assertDiagnostics(validateValue(v).diagnostics, false);
        assertDiagnostics(validateText(JSON.stringify(v)).diagnostics, true);
      }),
      { numRuns: 100, seed: 3 },
    );
  });
});

test("the generator mostly yields pipelines the rules run on (so the properties above exercise them)", () => {
  const samples = fc.sample(pipeline, { numRuns: 50, seed: 11 });
  const wellFormed = samples.filter((p) => parsePipeline(asJson(p)).wellFormed).length;
  expect(wellFormed).toBeGreaterThan(25);
});
