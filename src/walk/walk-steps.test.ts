import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import type { Job, Step } from "../model/index.ts";
import { formatPath } from "../source/path.ts";
import {
  type CollectedStep,
  collectPipelineSteps,
  type PlanVisitor,
  walkPipeline,
  walkPipelineSteps,
  walkStep,
  walkSteps,
} from "./walk-steps.ts";

/** Each walked step as `path depth kind-and-name`, e.g. `plan[0].do[1] 1 get:a`. */
const summary = (walked: Iterable<{ step: Step; path: readonly (string | number)[]; depth: number }>) =>
  [...walked].map(({ step, path, depth }) => {
    const s = step as unknown as Record<string, unknown>;
    const core = ["get", "put", "task", "run", "set_pipeline", "load_var", "try", "do", "in_parallel"].find(
      (k) => k in s,
    );
    const name = typeof s[core ?? ""] === "string" ? `:${s[core as string]}` : "";
    return `${formatPath(path)} ${depth} ${core ?? "?"}${name}`;
  });

describe("walkSteps", () => {
  test("yields every nested step, parents first, with literal paths and depths", () => {
    const plan: Step[] = deepFreeze([
      { get: "a" },
      { do: [{ get: "b" }, { try: { put: "c" } }] },
      { in_parallel: [{ get: "d" }, { do: [{ task: "e", file: "e.yml" }] }] },
      { in_parallel: { steps: [{ get: "f" }, { in_parallel: { steps: [{ get: "g" }] } }], limit: 1 } },
      {
        task: "h",
        file: "h.yml",
        on_success: { put: "i" },
        on_failure: { do: [{ put: "j" }] },
        on_error: { put: "k" },
        on_abort: { put: "l" },
        ensure: { try: { put: "m" } },
      },
      { try: { get: "n", ensure: { put: "o" } } },
      { set_pipeline: "self", file: "p.yml" },
      { load_var: "v", file: "v.txt" },
      { run: "test", type: "npm" },
    ]);
    expect(summary(walkSteps(plan, ["plan"]))).toEqual([
      "plan[0] 0 get:a",
      "plan[1] 0 do",
      "plan[1].do[0] 1 get:b",
      "plan[1].do[1] 1 try",
      "plan[1].do[1].try 2 put:c",
      "plan[2] 0 in_parallel",
      "plan[2].in_parallel[0] 1 get:d",
      "plan[2].in_parallel[1] 1 do",
      "plan[2].in_parallel[1].do[0] 2 task:e",
      "plan[3] 0 in_parallel",
      "plan[3].in_parallel.steps[0] 1 get:f",
      "plan[3].in_parallel.steps[1] 1 in_parallel",
      "plan[3].in_parallel.steps[1].in_parallel.steps[0] 2 get:g",
      "plan[4] 0 task:h",
      "plan[4].on_success 1 put:i",
      "plan[4].on_failure 1 do",
      "plan[4].on_failure.do[0] 2 put:j",
      "plan[4].on_error 1 put:k",
      "plan[4].on_abort 1 put:l",
      "plan[4].ensure 1 try",
      "plan[4].ensure.try 2 put:m",
      "plan[5] 0 try",
      "plan[5].try 1 get:n",
      "plan[5].try.ensure 2 put:o",
      "plan[6] 0 set_pipeline:self",
      "plan[7] 0 load_var:v",
      "plan[8] 0 run:test",
    ]);
  });

  test("yields the step objects themselves and path arrays", () => {
    const inner: Step = { get: "b" };
    const outer: Step = deepFreeze({ do: [inner], ensure: { put: "c" } });
    expect([...walkStep(outer, ["jobs", 0, "plan", 3])]).toEqual([
      { step: outer, path: ["jobs", 0, "plan", 3], depth: 0 },
      { step: inner, path: ["jobs", 0, "plan", 3, "do", 0], depth: 1 },
      { step: { put: "c" }, path: ["jobs", 0, "plan", 3, "ensure"], depth: 1 },
    ]);
    expect([...walkStep(outer, [])][1]?.step).toBe(inner);
  });

  test("skips malformed values without throwing", () => {
    const malformed = deepFreeze([
      null,
      undefined,
      42,
      "get: a",
      ["nested", "array"],
      { do: "not a list" },
      { do: [null, 1, { get: "ok-1" }] },
      { try: null },
      { try: [{ get: "a list is not a step" }] },
      { in_parallel: "x" },
      { in_parallel: { steps: "x" } },
      { in_parallel: { limit: 2 } },
      { in_parallel: null },
      { get: "ok-2", ensure: "nope", on_success: null, on_failure: [{ put: "x" }] },
      { nothing: true },
      {},
    ]);
    expect(summary(walkSteps(malformed, ["plan"]))).toEqual([
      "plan[5] 0 do:not a list",
      "plan[6] 0 do",
      "plan[6].do[2] 1 get:ok-1",
      "plan[7] 0 try",
      "plan[8] 0 try",
      "plan[9] 0 in_parallel:x",
      "plan[10] 0 in_parallel",
      "plan[11] 0 in_parallel",
      "plan[12] 0 in_parallel",
      "plan[13] 0 get:ok-2",
      "plan[14] 0 ?",
      "plan[15] 0 ?",
    ]);
    for (const notSteps of [null, undefined, 1, "x", {}, { length: 2, 0: { get: "a" } }]) {
      expect([...walkSteps(notSteps, ["plan"])]).toEqual([]);
    }
    expect([...walkStep(null, ["x"])]).toEqual([]);
  });
});

describe("walkPipelineSteps", () => {
  test("walks every job's plan and the job's own hooks, with the job and its index", () => {
    const build: Job = deepFreeze({
      name: "build",
      plan: [{ get: "a" }, { in_parallel: [{ put: "b" }] }],
      on_success: { put: "c" },
      on_failure: { put: "d" },
      on_error: { do: [{ put: "e" }] },
      on_abort: { put: "f" },
      ensure: { put: "g" },
    });
    const unit: Job = deepFreeze({ name: "unit", plan: [{ task: "t", file: "t.yml", ensure: { put: "h" } }] });
    const walked = [...walkPipelineSteps({ jobs: [build, unit] })];
    expect(
      walked.map(({ path, depth, jobIndex, job }) => `${formatPath(path)} ${depth} ${jobIndex} ${job.name}`),
    ).toEqual([
      "jobs[0].plan[0] 0 0 build",
      "jobs[0].plan[1] 0 0 build",
      "jobs[0].plan[1].in_parallel[0] 1 0 build",
      "jobs[0].on_success 0 0 build",
      "jobs[0].on_failure 0 0 build",
      "jobs[0].on_error 0 0 build",
      "jobs[0].on_error.do[0] 1 0 build",
      "jobs[0].on_abort 0 0 build",
      "jobs[0].ensure 0 0 build",
      "jobs[1].plan[0] 0 1 unit",
      "jobs[1].plan[0].ensure 1 1 unit",
    ]);
    expect(walked[0]).toEqual({ step: { get: "a" }, path: ["jobs", 0, "plan", 0], depth: 0, job: build, jobIndex: 0 });
    expect(walked[0]?.job).toBe(build);
  });

  test("skips malformed jobs and pipelines without throwing", () => {
    const jobs = deepFreeze([
      null,
      "job",
      { name: "no-plan" },
      { name: "bad-plan", plan: "x" },
      { plan: [{ get: "a" }] },
    ]);
    expect(
      [...walkPipelineSteps({ jobs } as unknown as { jobs: Job[] })].map((w) => `${formatPath(w.path)} ${w.jobIndex}`),
    ).toEqual(["jobs[4].plan[0] 4"]);
    for (const p of [{}, { jobs: null }, { jobs: "x" }, { jobs: {} }]) {
      expect([...walkPipelineSteps(p as unknown as { jobs: Job[] })]).toEqual([]);
    }
  });
});

describe("walkPipeline: steps and scopes", () => {
  /**
   * Every event of a walk, as `enter path`, `exit path`, `{kind path` and `}kind` (scopes by their step's path); the
   * steps met go to `met` when given. `steps` are passed on to the walk (the steps collected of the pipeline).
   */
  function events(jobs: unknown[], steps?: readonly CollectedStep[], met?: CollectedStep[]): string[] {
    const out: string[] = [];
    const where = (s: { path: readonly (string | number)[] } | undefined) => (s ? formatPath(s.path) : "-");
    const visitor: PlanVisitor<string[]> = {
      enter: (s, o) => {
        o.push(`enter ${where(s)}`);
        met?.push(s);
      },
      exit: (s, o) => void o.push(`exit ${where(s)}`),
      enterScope: (kind, step, o) => void o.push(`{${kind} ${where(step)}`),
      exitScope: (kind, _step, o) => void o.push(`}${kind}`),
    };
    walkPipeline({ jobs } as unknown as { jobs: Job[] }, visitor, out, steps);
    return out;
  }

  test("across wraps its step and what is nested in it, not its hooks", () => {
    const step = { across: [{ var: "v", values: [1] }], do: [{ get: "a" }], ensure: { put: "b" } };
    expect(events([{ name: "j", plan: [step] }])).toEqual([
      "{job -",
      "{across jobs[0].plan[0]",
      "enter jobs[0].plan[0]",
      "{do jobs[0].plan[0]",
      "enter jobs[0].plan[0].do[0]",
      "exit jobs[0].plan[0].do[0]",
      "}do",
      "exit jobs[0].plan[0]",
      "}across",
      "enter jobs[0].plan[0].ensure",
      "exit jobs[0].plan[0].ensure",
      "}job",
    ]);
  });

  test("each step of in_parallel and each alternative hook is a branch; ensure follows the hooks", () => {
    const plan = [
      { in_parallel: { steps: [{ get: "a" }, { try: { get: "b" } }] } },
      { task: "t", file: "t.yml", on_failure: { put: "c" }, on_success: { put: "d" }, ensure: { put: "e" } },
    ];
    expect(events([{ name: "j", plan, on_abort: { put: "f" } }])).toEqual([
      "{job -",
      "enter jobs[0].plan[0]",
      "{in_parallel jobs[0].plan[0]",
      "{branch jobs[0].plan[0]",
      "enter jobs[0].plan[0].in_parallel.steps[0]",
      "exit jobs[0].plan[0].in_parallel.steps[0]",
      "}branch",
      "{branch jobs[0].plan[0]",
      "enter jobs[0].plan[0].in_parallel.steps[1]",
      "{try jobs[0].plan[0].in_parallel.steps[1]",
      "enter jobs[0].plan[0].in_parallel.steps[1].try",
      "exit jobs[0].plan[0].in_parallel.steps[1].try",
      "}try",
      "exit jobs[0].plan[0].in_parallel.steps[1]",
      "}branch",
      "}in_parallel",
      "exit jobs[0].plan[0]",
      "enter jobs[0].plan[1]",
      "exit jobs[0].plan[1]",
      "{hooks jobs[0].plan[1]",
      "{branch jobs[0].plan[1]",
      "enter jobs[0].plan[1].on_success",
      "exit jobs[0].plan[1].on_success",
      "}branch",
      "{branch jobs[0].plan[1]",
      "enter jobs[0].plan[1].on_failure",
      "exit jobs[0].plan[1].on_failure",
      "}branch",
      "}hooks",
      "enter jobs[0].plan[1].ensure",
      "exit jobs[0].plan[1].ensure",
      "{hooks -",
      "{branch -",
      "enter jobs[0].on_abort",
      "exit jobs[0].on_abort",
      "}branch",
      "}hooks",
      "}job",
    ]);
  });

  test("scopes only what holds steps: a value that is not a step has no branch and opens no hooks", () => {
    const plan = [
      { in_parallel: [1, { get: "a" }, null] },
      { get: "b", on_failure: "nope", on_abort: null, ensure: 3 },
      { try: 1, on_error: [{ put: "c" }] },
    ];
    expect(events([{ name: "j", plan, on_success: "x" }, 7, { name: "empty" }])).toEqual([
      "{job -",
      "enter jobs[0].plan[0]",
      "{in_parallel jobs[0].plan[0]",
      "{branch jobs[0].plan[0]",
      "enter jobs[0].plan[0].in_parallel[1]",
      "exit jobs[0].plan[0].in_parallel[1]",
      "}branch",
      "}in_parallel",
      "exit jobs[0].plan[0]",
      "enter jobs[0].plan[1]",
      "exit jobs[0].plan[1]",
      "enter jobs[0].plan[2]",
      "{try jobs[0].plan[2]",
      "}try",
      "exit jobs[0].plan[2]",
      "}job",
      "{job -",
      "}job",
    ]);
  });

  test("given the steps collected of the pipeline, tells the same events with those very steps", () => {
    const shared = { get: "s" };
    const jobs = [
      { name: "a", plan: [shared, { in_parallel: [{ get: "b" }, shared] }], on_failure: { do: [shared] } },
      null,
      { name: "c", plan: [{ try: { task: "t", file: "t.yml", ensure: shared } }] },
    ];
    const steps = collectPipelineSteps({ jobs } as unknown as { jobs: Job[] });
    const met: CollectedStep[] = [];
    expect(events(jobs, steps, met)).toEqual(events(jobs));
    expect(met).toHaveLength(steps.length);
    for (const [i, s] of met.entries()) expect(s).toBe(steps[i]);
  });

  test("property: the events told from the collected steps are those of the walk, on any pipeline", () => {
    const junk = fc.constantFrom<unknown>(null, 1, "x", [], [1], {});
    const { step } = fc.letrec<{ step: unknown; steps: unknown }>((tie) => ({
      steps: fc.oneof(fc.array(tie("step"), { maxLength: 3, depthIdentifier: "s" }), junk),
      step: fc.oneof(
        { depthSize: "small", maxDepth: 4, depthIdentifier: "s" },
        junk,
        fc
          .record(
            {
              core: fc.oneof(
                fc.record({ get: fc.constant("g") }),
                fc.record({ task: fc.constant("t") }),
                fc.record({ do: tie("steps") }),
                fc.record({ try: tie("step") }),
                fc.record({ in_parallel: fc.oneof(tie("steps"), fc.record({ steps: tie("steps") })) }),
              ),
              across: fc.constantFrom(undefined, [{ var: "v", values: [1] }], "not a list"),
              on_success: tie("step"),
              on_failure: tie("step"),
              on_error: tie("step"),
              on_abort: tie("step"),
              ensure: tie("step"),
            },
            { requiredKeys: ["core"] },
          )
          .map(({ core, ...rest }) => ({ ...core, ...rest })),
      ),
    }));
    const job = fc.oneof(
      junk,
      fc.record(
        {
          name: fc.constant("j"),
          plan: fc.oneof(fc.array(step, { maxLength: 4 }), junk),
          on_success: step,
          on_failure: step,
          on_error: step,
          on_abort: step,
          ensure: step,
        },
        { requiredKeys: ["name"] },
      ),
    );
    fc.assert(
      fc.property(fc.array(job, { maxLength: 3 }), (jobs) => {
        const steps = collectPipelineSteps({ jobs } as unknown as { jobs: Job[] });
        const met: CollectedStep[] = [];
        expect(events(jobs, steps, met)).toEqual(events(jobs));
        expect(met).toEqual(steps);
        for (const [i, s] of met.entries()) expect(s).toBe(steps[i]);
      }),
      { numRuns: 300 },
    );
  });

  test("collected steps carry their kind, parent and relation", () => {
    const steps = collectPipelineSteps({
      jobs: [{ name: "j", plan: [{ do: [{ get: "a" }], on_success: { put: "b" } }], ensure: { put: "c" } }],
    } as unknown as { jobs: Job[] });
    expect(steps.map((s) => [formatPath(s.path), s.kind, s.parent && formatPath(s.parent.path), s.relation])).toEqual([
      ["jobs[0].plan[0]", "do", undefined, "plan"],
      ["jobs[0].plan[0].do[0]", "get", "jobs[0].plan[0]", "nested"],
      ["jobs[0].plan[0].on_success", "put", "jobs[0].plan[0]", "hook"],
      ["jobs[0].ensure", "put", undefined, "job-hook"],
    ]);
  });
});
