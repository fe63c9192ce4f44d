import { expect, test } from "vitest";
import { changeProblem } from "./notifications.ts";

const textDocument = { uri: "file:///p.yml", version: 2 };
const range = { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } };

test.each([
  [{ textDocument, contentChanges: [] }, undefined],
  [
    { textDocument, contentChanges: [{ text: "a" }, { range, text: "b" }, { range, rangeLength: "x", text: "" }] },
    undefined,
  ],
  [{ textDocument: { uri: "file:///p.yml" }, contentChanges: [] }, "params.textDocument.version must be a number"],
  [{ textDocument, contentChanges: {} }, "params.contentChanges must be an array"],
  [{ textDocument, contentChanges: [{ text: "a" }, { text: 1 }] }, "params.contentChanges[1].text must be a string"],
  [{ textDocument, contentChanges: [null] }, "params.contentChanges[0].range.start.line must be an integer"],
  [
    { textDocument, contentChanges: [{ range: {}, text: "" }] },
    "params.contentChanges[0].range.start.line must be an integer",
  ],
  [
    { textDocument, contentChanges: [{ range: { ...range, end: { line: 0, character: -0.5 } }, text: "" }] },
    "params.contentChanges[0].range.end.character must be an integer",
  ],
])("changeProblem(%j): %s", (params, problem) => {
  expect(changeProblem(params)).toBe(problem);
});
