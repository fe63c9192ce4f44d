import { describe, expect, test } from "vitest";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { formatResults } from "./format.ts";
import { validate } from "./validate.ts";
import { validateText } from "./validate-text.ts";

// Options typed `prop?: T | undefined` (for callers under exactOptionalPropertyTypes): undefined is an option left out.
const TEXT =
  "resources:\n- name: src\n  type: git\n  source: {uri: u}\njobs:\n- name: a\n  plan:\n  - get: srce\n  - unknown_step: 1\n";

describe("an option given as undefined is an option left out", () => {
  test("parsePipeline", () => {
    const given = parsePipeline(TEXT, { file: undefined, format: undefined, vars: undefined, maxBytes: undefined });
    expect(given.diagnostics).toEqual(parsePipeline(TEXT).diagnostics);
    expect(given.pipeline).toEqual(parsePipeline(TEXT).pipeline);
  });

  test("validate, validateText and formatResults", () => {
    const pipeline = parsePipeline(TEXT).pipeline;
    if (pipeline === undefined) throw new Error("no pipeline");
    expect(validate(pipeline, { rules: undefined, registry: undefined })).toEqual(validate(pipeline));
    const given = validateText(TEXT, { file: undefined, format: undefined, strict: undefined, vars: undefined });
    const left = validateText(TEXT);
    expect(given).toEqual(left);
    expect(given.diagnostics.length).toBeGreaterThan(0);
    expect(formatResults([given], "text", { color: undefined })).toBe(formatResults([left], "text"));
  });
});
