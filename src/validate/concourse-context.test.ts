import { describe, expect, test } from "vitest";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { concourseContext, flyLine } from "./concourse-context.ts";
import { dedent, yaml } from "./rule-tester.ts";

// The shapes of context Concourse's own tests expect (atc/configvalidate/validate_test.go), on pipelines
// written for this test.
const pipeline = parsePipeline(yaml`
  jobs:
  - name: build
    plan:
    - get: src
      passed: [unit]
    - do:
      - task: unit
        config: { platform: linux, run: { path: x } }
      - in_parallel:
        - put: out
      - in_parallel:
          steps: [{ load_var: v, file: f }]
    - put: img
      on_abort: { put: alert }
      ensure: { try: { get: other } }
    - load_var: x
      file: f
      across: [{ var: a, values: [1] }, { var: b, values: [2] }]
      attempts: 0
    - set_pipeline: self
      file: p.yml
      timeout: nope
    - run: hello
      type: proto
    on_success: { get: done }
  - plan: [{ get: anonymous }]
`).pipeline;

describe("concourseContext", () => {
  test.each([
    [["jobs", 0, "plan", 0], "jobs.build.plan.do[0]"],
    [["jobs", 0, "plan", 0, "get"], "jobs.build.plan.do[0].get(src)"],
    [["jobs", 0, "plan", 0, "passed", 0], "jobs.build.plan.do[0].get(src).passed"],
    [["jobs", 0, "plan", 1, "do", 0, "task"], "jobs.build.plan.do[1].do[0].task(unit)"],
    [["jobs", 0, "plan", 1, "do", 0, "config"], "jobs.build.plan.do[1].do[0].task(unit).config"],
    [
      ["jobs", 0, "plan", 1, "do", 1, "in_parallel", 0, "put"],
      "jobs.build.plan.do[1].do[1].in_parallel.steps[0].put(out)",
    ],
    [
      ["jobs", 0, "plan", 1, "do", 2, "in_parallel", "steps", 0, "load_var"],
      "jobs.build.plan.do[1].do[2].in_parallel.steps[0].load_var(v)",
    ],
    [["jobs", 0, "plan", 2, "on_abort", "put"], "jobs.build.plan.do[2].on_abort.put(alert)"],
    [["jobs", 0, "plan", 2, "ensure", "try", "get"], "jobs.build.plan.do[2].ensure.try.get(other)"],
    [["jobs", 0, "plan", 3, "load_var"], "jobs.build.plan.do[3].across.load_var(x)"],
    [["jobs", 0, "plan", 3, "across"], "jobs.build.plan.do[3].across"],
    [["jobs", 0, "plan", 3, "across", 1], "jobs.build.plan.do[3].across[1]"],
    [["jobs", 0, "plan", 3, "across", 0, "max_in_flight"], "jobs.build.plan.do[3].across[0].max_in_flight"],
    [["jobs", 0, "plan", 3, "attempts"], "jobs.build.plan.do[3].across.attempts"],
    [["jobs", 0, "plan", 4, "timeout"], "jobs.build.plan.do[4].timeout"],
    [["jobs", 0, "plan", 4, "file"], "jobs.build.plan.do[4].set_pipeline(self)"],
    [["jobs", 0, "plan", 5, "type"], "jobs.build.plan.do[5].run(proto.hello)"],
    [["jobs", 0, "on_success", "get"], "jobs.build.plan.on_success.get(done)"],
    [["jobs", 1, "plan", 0, "get"], "jobs[1].plan.do[0].get(anonymous)"],
    [["jobs", 0, "name"], ""],
    [["resources", 0], ""],
    [[], ""],
  ])("%j -> %s", (path, context) => {
    expect(concourseContext(pipeline, path)).toBe(context);
  });

  test("flyLine puts the context before the message, when there is one", () => {
    expect(flyLine(pipeline, ["jobs", 0, "plan", 0, "get"], "unknown resource 'src'")).toBe(
      "jobs.build.plan.do[0].get(src): unknown resource 'src'",
    );
    expect(flyLine(pipeline, ["resources", 0], "resource 'src' is not used")).toBe("resource 'src' is not used");
  });

  test("malformed input gives a context without throwing", () => {
    expect(concourseContext({ jobs: [{ name: 5, plan: [{ get: ["x"] }] }] }, ["jobs", 0, "plan", 0, "get"])).toBe(
      "jobs.5.plan.do[0].get()",
    );
    expect(concourseContext(null, ["jobs", 0, "plan", 0])).toBe("");
    expect(dedent("  a\n")).toBe("a\n");
  });
});
