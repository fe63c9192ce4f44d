import { describe, expect, test } from "vitest";
import { ResponseError } from "vscode-languageserver";
import { AT_POSITION, checked, paramsProblem } from "./params.ts";

describe("paramsProblem", () => {
  const position = { line: 1, character: 2 };
  test.each([
    [{ textDocument: { uri: "u" }, position }, undefined],
    [{ textDocument: { uri: "u" }, position: { line: 0, character: 0 } }, undefined],
    [{ textDocument: { uri: "u" } }, "params.position.line must be an unsigned integer"],
    [
      { textDocument: { uri: "u" }, position: { line: "1", character: 2 } },
      "params.position.line must be an unsigned integer",
    ],
    [
      { textDocument: { uri: "u" }, position: { line: 1, character: Number.NaN } },
      "params.position.character must be an unsigned integer",
    ],
    // LSP's positions are uintegers: no line between two lines, none before the first
    [
      { textDocument: { uri: "u" }, position: { line: 1.5, character: 2 } },
      "params.position.line must be an unsigned integer",
    ],
    [
      { textDocument: { uri: "u" }, position: { line: 1, character: -3 } },
      "params.position.character must be an unsigned integer",
    ],
    [
      { textDocument: { uri: "u" }, position: { line: 1, character: Number.POSITIVE_INFINITY } },
      "params.position.character must be an unsigned integer",
    ],
    [{ position }, "params.textDocument.uri must be a string"],
    [null, "params.textDocument.uri must be a string"],
    [[1, 2], "params.textDocument.uri must be a string"],
  ])("%j: %s", (params, problem) => {
    expect(paramsProblem(params, AT_POSITION)).toBe(problem);
  });

  test("integers, and the value named as given", () => {
    const shape = { "start.line": "integer" } as const;
    expect(paramsProblem({ start: { line: 3 } }, shape, "params.range")).toBeUndefined();
    expect(paramsProblem({ start: { line: 1.5 } }, shape, "params.range")).toBe(
      "params.range.start.line must be an integer",
    );
    expect(paramsProblem({ start: { line: "3" } }, shape)).toBe("params.start.line must be an integer");
  });

  test("arrays and booleans", () => {
    const shape = { "context.diagnostics": "array", "context.includeDeclaration": "boolean" } as const;
    expect(paramsProblem({ context: { diagnostics: [], includeDeclaration: false } }, shape)).toBeUndefined();
    expect(paramsProblem({ context: { diagnostics: {}, includeDeclaration: false } }, shape)).toBe(
      "params.context.diagnostics must be an array",
    );
    expect(paramsProblem({ context: { diagnostics: [] } }, shape)).toBe(
      "params.context.includeDeclaration must be a boolean",
    );
  });

  test("objects: not null, not an array", () => {
    const shape = { capabilities: "object" } as const;
    expect(paramsProblem({ capabilities: {} }, shape)).toBeUndefined();
    for (const capabilities of [null, [], "x", undefined]) {
      expect(paramsProblem({ capabilities }, shape)).toBe("params.capabilities must be an object");
    }
  });
});

test("checked: the handler runs on whole params; otherwise an InvalidParams error, and the handler does not run", () => {
  let ran = 0;
  const handler = checked("textDocument/hover", AT_POSITION, (p: { position: { line: number } }) => {
    ran++;
    return p.position.line;
  });
  expect(handler({ textDocument: { uri: "u" }, position: { line: 3, character: 0 } } as never)).toBe(3);
  const refused = handler({ textDocument: { uri: "u" } } as never);
  expect(refused).toBeInstanceOf(ResponseError);
  expect(refused).toMatchObject({
    code: -32602,
    message: "textDocument/hover: params.position.line must be an unsigned integer",
  });
  expect(ran).toBe(1);
});
