import { describe, expect, it } from "vitest";
import { parsePipeline } from "../../parse/parse-pipeline.ts";
import { testRule, yaml } from "../rule-tester.ts";
import { validate } from "../validate.ts";
import rule from "./job-cycle.ts";

testRule(rule, {
  valid: [
    {
      name: "a diamond and a chain are not cycles",
      code: yaml`
        resources: [{ name: r, type: git, source: {} }]
        jobs:
        - { name: a, plan: [{ get: r }] }
        - { name: b, plan: [{ get: r, passed: [a] }] }
        - { name: c, plan: [{ get: r, passed: [a] }] }
        - { name: d, plan: [{ get: r, passed: [b, c] }] }
      `,
    },
  ],
  invalid: [
    {
      name: "a job that depends on itself",
      code: yaml`
        resources: [{ name: r, type: git, source: {} }]
        jobs:
        - { name: self, plan: [{ get: r, passed: [self] }] }
      `,
      errors: [
        { messageId: "cycle", path: "jobs[0].name", message: "pipeline contains a cycle that starts at Job 'self'" },
      ],
    },
    {
      name: "a cycle through several jobs, found where Concourse finds it",
      code: yaml`
        resources: [{ name: r, type: git, source: {} }]
        jobs:
        - { name: one, plan: [{ get: r, passed: [two] }] }
        - { name: two, plan: [{ get: r, passed: [three] }] }
        - { name: three, plan: [{ get: r, passed: [two] }] }
      `,
      errors: [
        { messageId: "cycle", path: "jobs[1].name", message: "pipeline contains a cycle that starts at Job 'two'" },
      ],
    },
    {
      name: "passed entries are globs, and gets nested in do, try, in_parallel and hooks count",
      code: yaml`
        resources: [{ name: r, type: git, source: {} }]
        jobs:
        - name: build-1
          plan:
          - get: r
          on_success:
            try:
              in_parallel: [{ do: [{ get: r, passed: ["test-*"] }] }]
        - name: test-1
          plan: [{ get: r, passed: ["build-?"] }]
      `,
      errors: [
        { messageId: "cycle", path: "jobs[0].name", message: "pipeline contains a cycle that starts at Job 'build-1'" },
      ],
    },
  ],
});

describe("job-cycle at scale", () => {
  // speed is the bench's business; this checks that a chain far deeper than the call stack is walked
  it("walks a 20,000-job chain without overflowing and finds the cycle that closes it", () => {
    const n = 20_000;
    const jobs = Array.from({ length: n }, (_, i) => ({
      name: `j${i}`,
      plan: [{ get: "r", passed: [`j${(i + 1) % n}`] }],
    }));
    const text = JSON.stringify({ resources: [{ name: "r", type: "git", source: {} }], jobs });
    const parsed = parsePipeline(text);
    const found = validate(parsed.pipeline as never, { registry: [rule] });
    expect(found.map((d) => d.message)).toEqual(["pipeline contains a cycle that starts at Job 'j0'"]);
  });
});
