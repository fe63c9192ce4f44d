import { goDurationError } from "../../concourse/go-duration.ts";
import { hasVar } from "../../concourse/vars.ts";
import { defineRule } from "../define-rule.ts";
import { goSteps, timeoutIsWrapper } from "./lib/go-steps.ts";

/** The steps whose own `timeout` Concourse parses when the step runs (atc/exec `MaybeTimeout`); run's is never read. */
const PARSED_WHEN_RUN: ReadonlySet<string> = new Set(["get", "put", "task"]);

/**
 * The `timeout` of a get, put or task step is the step's own field, which `fly set-pipeline` does not check
 * (timeout-invalid-duration checks the one that wraps other steps): the step parses it when it runs, and a build
 * fails there on one that is no Go duration. A `((var))` is left for fly to fill.
 */
export default defineRule({
  id: "step-timeout-invalid",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "The `timeout` of a get, put or task step must be a Go duration such as `30m` (or empty, for the default): " +
      "the step parses it when it runs, and fails the build on one it cannot read, though the pipeline is set.",
  },
  messages: { invalid: "the step fails when it runs: parse timeout: {{error}}" },
  check(ctx) {
    for (const g of goSteps(ctx).wrappedBy.timeout) {
      if (g.kind === undefined || !PARSED_WHEN_RUN.has(g.kind) || timeoutIsWrapper(g)) continue;
      const timeout = g.step.timeout;
      if (typeof timeout !== "string" || timeout === "" || hasVar(timeout)) continue;
      const error = goDurationError(timeout);
      if (error !== undefined) ctx.report({ path: [...g.path, "timeout"], messageId: "invalid", data: { error } });
    }
  },
});
