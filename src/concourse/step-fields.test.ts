import { describe, expect, test } from "vitest";
import {
  analyzeStep,
  coreDetector,
  fieldOwner,
  stepDetectors,
  unknownStepFields,
  VALIDATOR_HOOK_ORDER,
} from "./step-fields.ts";

describe("unknownStepFields", () => {
  test.each([
    [{ get: "a", passed: [], timeout: "1m", attempts: 2, on_success: {} }, []],
    [{ put: "a", get: "b" }, ["get"]],
    [{ set_pipeline: "p", file: "f", tags: [] }, ["tags"]],
    [{ do: [], tags: [], timeout: "1m", fail_fast: true }, ["fail_fast"]],
    [{ across: [], fail_fast: true, in_parallel: [] }, []],
    [{ task: "t", type: "x", resource: "y" }, ["resource", "type"]],
  ])("%j leaves %j", (step, unknown) => {
    expect(unknownStepFields(step)).toEqual(unknown);
  });
});

describe("stepDetectors", () => {
  test("finds the wrappers in precedence order up to the first core key, which owns its fields", () => {
    const step = { timeout: "1m", get: "a", put: "b", on_failure: {}, across: [], fail_fast: true, passed: [] };
    const found = stepDetectors(step);
    expect(coreDetector(found)?.key).toBe("put");
    expect(analyzeStep(step).detectors.map((d) => d.key)).toEqual(["on_failure", "across", "put"]);
    expect(["timeout", "get", "passed", "fail_fast", "on_failure"].map((k) => fieldOwner(found, k)?.key)).toEqual([
      "put",
      undefined,
      undefined,
      "across",
      "on_failure",
    ]);
    expect(unknownStepFields(step)).toEqual(["get", "passed"]);
  });

  test("a timeout after the core steps in precedence wraps the step; no core key means no core", () => {
    const found = stepDetectors({ do: [], timeout: "1m" });
    expect([coreDetector(found)?.key, fieldOwner(found, "timeout")?.key]).toEqual(["do", "timeout"]);
    expect(coreDetector(stepDetectors({ attempts: 2, tags: [] }))).toBeUndefined();
    expect(unknownStepFields({ attempts: 2, tags: [] })).toEqual([]);
    expect(stepDetectors({})).toBe(0);
  });
});

test("the validator visits hooks innermost wrapper first: the reverse of their precedence", () => {
  expect(VALIDATOR_HOOK_ORDER).toEqual(["on_success", "on_failure", "on_abort", "on_error", "ensure"]);
});
