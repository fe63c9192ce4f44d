import { describe, expect, test } from "vitest";
import { acrossExempt, checkIdentifier } from "./go-identifier.ts";

describe("checkIdentifier (Concourse's ValidateIdentifier)", () => {
  test.each(["build", "build-2.0_final", "0day", "ひらがな", "ǅx"])("%j is valid", (id) => {
    expect(checkIdentifier(id)).toBeUndefined();
  });

  test.each([
    ["", { kind: "empty" }],
    ["42", { kind: "invalid", reason: "cannot be just numbers" }],
    ["Build", { kind: "invalid", reason: "must start with a lowercase letter or a number" }],
    ["_x", { kind: "invalid", reason: "must start with a lowercase letter or a number" }],
    ["((var))", { kind: "invalid", reason: "must start with a lowercase letter or a number" }],
    ["my job", { kind: "invalid", reason: "illegal character ' '" }],
    ["myJob", { kind: "invalid", reason: "illegal character 'J'" }],
    ["a/b", { kind: "invalid", reason: "illegal character '/'" }],
    ["ひX", { kind: "invalid", reason: "illegal character '\uFFFD'" }],
  ])("%j: %j", (id, problem) => {
    expect(checkIdentifier(id)).toEqual(problem);
  });

  test("the across exemption follows Go's substring test on the step's label", () => {
    expect([
      acrossExempt(true, ".task(x)"),
      acrossExempt(true, ".set_pipeline(x)"),
      acrossExempt(true, ".get(my-task)"),
      acrossExempt(true, ".get(x)"),
      acrossExempt(false, ".task(x)"),
    ]).toEqual([true, true, true, false, false]);
  });
});
