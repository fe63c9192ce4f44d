import { describe, expect, test } from "vitest";
import { parsePipeline } from "../../../parse/parse-pipeline.ts";
import { formatPath } from "../../../source/path.ts";
import { collectPipelineSteps } from "../../../walk/walk-steps.ts";
import { dedent } from "../../rule-tester.ts";
import { buildGoSteps, goLabel, hasAcross, stepName, timeoutIsWrapper } from "./go-steps.ts";

const stepsOf = (text: string) => {
  const pipeline = parsePipeline(dedent(text)).pipeline as never;
  return buildGoSteps(collectPipelineSteps(pipeline));
};

describe("buildGoSteps", () => {
  test("orders each job's steps as StepValidator visits them: nested steps, then hooks on_success, on_failure, on_abort, on_error, ensure", () => {
    const go = stepsOf(`
      jobs:
      - name: j
        plan:
        - do: [{ load_var: a, file: f }]
          ensure: { load_var: e, file: f }
          on_error: { load_var: r, file: f }
          on_abort: { load_var: b, file: f }
          on_success: { load_var: s, file: f }
        on_error: { load_var: je, file: f }
        on_abort: { load_var: ja, file: f }
    `);
    expect(go.byJob[0]?.map((g) => formatPath(g.path))).toEqual([
      "jobs[0].plan[0]",
      "jobs[0].plan[0].do[0]",
      "jobs[0].plan[0].on_success",
      "jobs[0].plan[0].on_abort",
      "jobs[0].plan[0].on_error",
      "jobs[0].plan[0].ensure",
      "jobs[0].on_abort",
      "jobs[0].on_error",
    ]);
  });

  test("records kind, across, parent relation and label", () => {
    const go = stepsOf(`
      jobs:
      - name: j
        plan:
        - across: [{ var: v, values: [1] }]
          try: { run: hello, type: proto }
          on_failure: { get: src }
    `);
    expect(
      go.byJob[0]?.map((g) => ({
        path: formatPath(g.path),
        kind: g.kind,
        hasAcross: hasAcross(g),
        relation: g.relation,
        parent: g.parent === undefined ? undefined : formatPath(g.parent.path),
        label: goLabel(g),
        name: stepName(g),
      })),
    ).toEqual([
      {
        path: "jobs[0].plan[0]",
        kind: "try",
        hasAcross: true,
        relation: "plan",
        parent: undefined,
        label: "",
        name: undefined,
      },
      {
        path: "jobs[0].plan[0].try",
        kind: "run",
        hasAcross: false,
        relation: "nested",
        parent: "jobs[0].plan[0]",
        label: ".run(proto.hello)",
        name: "hello",
      },
      {
        path: "jobs[0].plan[0].on_failure",
        kind: "get",
        hasAcross: false,
        relation: "hook",
        parent: "jobs[0].plan[0]",
        label: ".get(src)",
        name: "src",
      },
    ]);
  });

  test("timeout wraps only the core steps that come after it in precedence", () => {
    const go = stepsOf(`
      jobs:
      - name: j
        plan:
        - { do: [], timeout: 1m }
        - { get: x, timeout: 1m }
    `);
    expect(go.byJob[0]?.filter((g) => g.relation === "plan").map(timeoutIsWrapper)).toEqual([true, false]);
  });
});
