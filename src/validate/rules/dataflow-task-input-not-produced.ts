import { hasVar } from "../../concourse/vars.ts";
import { isObject, refName } from "../../model/common.ts";
import { defineRule } from "../define-rule.ts";
import { walkDataflow } from "./lib/dataflow.ts";

export default defineRule({
  id: "dataflow-task-input-not-produced",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "Every non-optional input of an inline task (after `input_mapping`), and the artifact a task names as its " +
      "`image`, must be produced by an earlier step of the same job: a `get`, a `put` (its implicit get, unless " +
      "`no_get`), or a task output (after `output_mapping`). Steps of one `in_parallel` do not see each other's " +
      "artifacts; artifacts made inside an `across` step stay inside it; hooks see what was produced before them; job " +
      "hooks see the whole plan. The inputs of tasks from `file:` are not checked (they are only known at run " +
      "time), and nothing is reported after a step whose outputs cannot be known (a task from `file:`, a `run` step).",
  },
  messages: {
    missing: "input '{{input}}' is not produced by any earlier step in job '{{job}}'",
    missingMapped: "input '{{input}}' (mapped to '{{artifact}}') is not produced by any earlier step in job '{{job}}'",
    image: "image artifact '{{artifact}}' is not produced by any earlier step in job '{{job}}'",
  },
  check(ctx) {
    const { report } = ctx;
    walkDataflow(ctx, {
      step({ step, kind, path, jobName, scope }) {
        if (kind !== "task" || scope.unknownArtifacts) return;
        const image = refName(step.image);
        if (image !== undefined && !hasVar(image) && !scope.hasArtifact(image)) {
          report({ path: [...path, "image"], messageId: "image", data: { artifact: image, job: jobName } });
        }
        const config = step.config;
        if (!isObject(config) || !Array.isArray(config.inputs)) return;
        const inputs: readonly unknown[] = config.inputs;
        const mapping = isObject(step.input_mapping) ? step.input_mapping : undefined;
        for (let i = 0; i < inputs.length; i++) {
          const input = inputs[i];
          if (!isObject(input) || typeof input.name !== "string" || input.optional === true) continue;
          const name = input.name;
          const mapped = mapping !== undefined && Object.hasOwn(mapping, name) ? mapping[name] : undefined;
          if (typeof mapped === "string") {
            if (!hasVar(mapped) && !scope.hasArtifact(mapped)) {
              report({
                path: [...path, "input_mapping", name],
                messageId: "missingMapped",
                data: { input: name, artifact: mapped, job: jobName },
              });
            }
          } else if (!hasVar(name) && !scope.hasArtifact(name)) {
            report({
              path: [...path, "config", "inputs", i, "name"],
              messageId: "missing",
              data: { input: name, job: jobName },
            });
          }
        }
      },
    });
  },
});
