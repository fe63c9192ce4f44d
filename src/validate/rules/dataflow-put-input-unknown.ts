import { hasVar } from "../../concourse/vars.ts";
import { refName } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { walkDataflow } from "./lib/dataflow.ts";

export default defineRule({
  id: "dataflow-put-input-unknown",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "Each artifact a `put` step lists in `inputs:` must have been produced by an earlier step of the same job " +
      "(a `get`, a `put`'s implicit get, a task output), with the same scoping as `dataflow-task-input-not-produced`; " +
      "otherwise the put fails when the build runs. Nothing is reported after a step whose outputs cannot be known " +
      "(a task from `file:`, a `run` step).",
  },
  messages: {
    unknown: "put '{{put}}' lists input '{{input}}', which no earlier step in job '{{job}}' produces",
  },
  check(ctx) {
    const { report } = ctx;
    // no put lists inputs: nothing to walk
    if (!ctx.steps().some((s) => s.kind === "put" && Array.isArray((s.step as { inputs?: unknown }).inputs))) return;
    walkDataflow(ctx, {
      step({ step, kind, path, jobName, scope }) {
        if (kind !== "put" || !Array.isArray(step.inputs) || scope.unknownArtifacts) return;
        const put = refName(step.put) ?? "";
        step.inputs.forEach((input: unknown, i) => {
          if (typeof input !== "string" || hasVar(input) || scope.hasArtifact(input)) return;
          report({ path: [...path, "inputs", i], messageId: "unknown", data: { put, input, job: jobName } });
        });
      },
    });
  },
});
