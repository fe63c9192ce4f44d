import { describe, expect, test } from "vitest";
import type { Pipeline } from "../model/pipeline.ts";
import { walkPipelineSteps } from "../walk/walk-steps.ts";
import { defineRule } from "./define-rule.ts";
import { testRule, yaml } from "./rule-tester.ts";
import { RULE_CRASHED, validate } from "./validate.ts";

const getsFromNowhere = defineRule({
  id: "example-get-declared",
  parity: "concourse",
  severity: "error",
  concourseRef: "example",
  docs: { description: "a get names a declared resource (test rule)" },
  messages: { unknown: "unknown resource '{{resource}}'" },
  check({ steps, index, report }) {
    for (const { step, path } of steps()) {
      if (!("get" in step) || typeof step.get !== "string") continue;
      const resource = typeof step.resource === "string" ? step.resource : step.get;
      if (!index.resources.has(resource)) report({ path: [...path, "get"], messageId: "unknown", data: { resource } });
    }
  },
});

const crashing = defineRule({
  id: "example-crash",
  parity: "hangar",
  severity: "warning",
  docs: { description: "always throws (test rule)" },
  messages: { never: "never" },
  check() {
    throw new Error("boom");
  },
});

testRule(getsFromNowhere, {
  valid: [
    yaml`
      resources: [{ name: src, type: git, source: {} }]
      jobs: [{ name: build, plan: [{ get: src }] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: build
          plan:
          - get: missing
          - do:
            - get: other
      `,
      errors: [
        { messageId: "unknown", path: "jobs[0].plan[0].get", line: 4, col: 10, message: "unknown resource 'missing'" },
        { messageId: "unknown", path: "jobs[0].plan[1].do[0].get", line: 6, col: 12 },
      ],
    },
    {
      name: "severity override",
      setting: "warn",
      code: yaml`
        jobs: [{ name: build, plan: [{ get: x }] }]
      `,
      errors: [{ messageId: "unknown", path: "jobs[0].plan[0].get", severity: "warning" }],
    },
  ],
});

describe("validate", () => {
  test("ctx.steps() is exactly the walker's sequence (collected without generators)", () => {
    const p = {
      jobs: [
        {
          name: "a",
          plan: [
            { get: "x", on_failure: { do: [{ put: "y" }], ensure: { try: { get: "z" } } } },
            { in_parallel: { steps: [{ task: "t" }, { in_parallel: [{ get: "w" }] }] } },
            "not a step",
          ],
          ensure: { put: "n" },
        },
        null,
        { name: "b", plan: [{ across: [{ var: "v" }], load_var: "l", on_success: { get: "q" } }] },
      ],
    } as unknown as Pipeline;
    let seen: unknown;
    const probe = defineRule({
      id: "probe-steps",
      parity: "hangar",
      severity: "warning",
      docs: { description: "records the steps" },
      messages: {},
      check({ steps }) {
        seen = steps().map((s) => [s.path, s.depth, s.jobIndex, s.step]);
      },
    });
    validate(p, { registry: [probe] });
    expect(seen).toEqual([...walkPipelineSteps(p)].map((s) => [s.path, s.depth, s.jobIndex, s.step]));
    expect((seen as unknown[]).length).toBe(12);
  });

  const pipeline: Pipeline = { jobs: [{ name: "a", plan: [{ get: "zz" }, { get: "aa" }] }] };

  test("a rule that throws becomes a diagnostic, and other rules still run", () => {
    expect(validate(pipeline, { registry: [crashing, getsFromNowhere] })).toEqual([
      {
        ruleId: RULE_CRASHED,
        severity: "error",
        parity: "hangar",
        message: "rule 'example-crash' failed: boom",
        path: [],
      },
      {
        ruleId: "example-get-declared",
        severity: "error",
        parity: "concourse",
        message: "unknown resource 'zz'",
        path: ["jobs", 0, "plan", 0, "get"],
        messageId: "unknown",
        data: { resource: "zz" },
        fly: "jobs.a.plan.do[0].get(zz): unknown resource 'zz'",
      },
      {
        ruleId: "example-get-declared",
        severity: "error",
        parity: "concourse",
        message: "unknown resource 'aa'",
        path: ["jobs", 0, "plan", 1, "get"],
        messageId: "unknown",
        data: { resource: "aa" },
        fly: "jobs.a.plan.do[1].get(aa): unknown resource 'aa'",
      },
    ]);
  });

  test("a rule set to off does not run", () => {
    expect(validate(pipeline, { registry: [crashing], rules: { "example-crash": "off" } })).toEqual([]);
  });

  test("the shared index maps names to their first entry", () => {
    const seen: unknown[] = [];
    const probe = defineRule({
      id: "probe",
      parity: "hangar",
      severity: "warning",
      docs: { description: "records the index" },
      messages: {},
      check({ index }) {
        seen.push(
          [...index.jobs.keys()],
          index.jobs.get("b")?.index,
          index.stepsByJob.map((s) => s.length),
        );
      },
    });
    validate(
      {
        jobs: [
          { name: "a", plan: [] },
          { name: "b", plan: [{ do: [{ get: "x" }] }] },
          { name: "b", plan: [] },
        ],
      },
      {
        registry: [probe],
      },
    );
    expect(seen).toEqual([["a", "b"], 1, [0, 2, 0]]);
  });
});
