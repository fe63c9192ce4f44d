import { expect, test, vi } from "vitest";
import * as steps from "../factories/steps.ts";
import { importPipeline } from "./to-typescript.ts";

// every step helper, counting its calls (and doing what it does)
vi.mock("../factories/steps.ts", async (original) => {
  const actual = await original<typeof import("../factories/steps.ts")>();
  const { get, put, task, inParallel, doSteps, tryStep, withModifiers } = actual;
  return {
    ...actual,
    ...{ get: vi.fn(get), put: vi.fn(put), task: vi.fn(task), inParallel: vi.fn(inParallel) },
    ...{ doSteps: vi.fn(doSteps), tryStep: vi.fn(tryStep), withModifiers: vi.fn(withModifiers) },
  };
});

test("import decides from the data whether a step helper writes a step (the helper's own check), without calling a helper", () => {
  const text = [
    "resources:",
    "- {name: src, type: git, source: {uri: 'https://example.com/x.git'}}",
    "jobs:",
    "- name: a",
    "  plan:",
    "  - in_parallel: [{get: src, trigger: true}, {get: code, resource: src, version: every}]",
    "  - do: [{task: t, file: src/t.yml, attempts: 2}]",
    "  - try: {put: src, inputs: detect}",
    // what the helpers refuse, which Concourse reads: an object literal
    "  - {get: src, passed: [~]}",
    "  - {put: src, inputs: [a, '']}",
    "  - {task: '', file: src/t.yml}",
    "",
  ].join("\n");
  const result = importPipeline(text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const out = result.modules[0]?.code ?? "";
  expect(out).toContain('inParallel([get(src, { trigger: true }), get(src, { as: "code", version: "every" })]),');
  expect(out).toContain('doSteps([task("t", { file: "src/t.yml", attempts: 2 })]),');
  expect(out).toContain('tryStep(put(src, { inputs: "detect" })),');
  expect(out).toMatch(/\{\n\s+get: src,\n\s+\/\/ null kept as written[^\n]*\n\s+passed: \[null as never\],\n\s+\},/);
  expect(out).toContain('{ put: src, inputs: ["a", ""] },');
  expect(out).toContain('{ task: "", file: "src/t.yml" },');
  for (const helper of [steps.get, steps.put, steps.task, steps.inParallel, steps.doSteps, steps.tryStep]) {
    expect(helper).not.toHaveBeenCalled();
  }
});
