import { describe, expect, test } from "vitest";
import { parseError, refusalOf, withoutVoidParams } from "./json-rpc.ts";

const invalid = (id: string | number | null, message: string) => ({
  answer: { jsonrpc: "2.0", id, error: { code: -32600, message: `Invalid Request: ${message}` } },
});
const NO_METHOD = "a message without a method must be a response, with an id and a result or an error";

describe("refusalOf", () => {
  test.each([
    ["a number", 42, invalid(null, "a message is a JSON object, not a number")],
    ["a string", "x", invalid(null, "a message is a JSON object, not a string")],
    ["null", null, invalid(null, "a message is a JSON object, not null")],
    [
      "an empty batch",
      [],
      invalid(null, "a batch (an array) is not read: the Language Server Protocol sends no batches"),
    ],
    [
      "a batch of requests",
      [{ jsonrpc: "2.0", id: 1, method: "shutdown" }],
      invalid(null, "a batch (an array) is not read: the Language Server Protocol sends no batches"),
    ],
    [
      "an id that is an object",
      { jsonrpc: "2.0", id: {}, method: "x" },
      invalid(null, "its id must be a string or a number"),
    ],
    [
      "an id that is null, with a method",
      { jsonrpc: "2.0", id: null, method: "x" },
      invalid(null, "its id must be a string or a number"),
    ],
    [
      "a method that is a number: its id kept",
      { jsonrpc: "2.0", id: 7, method: 3 },
      invalid(7, "its method must be a string"),
    ],
    [
      "a method that is null, id a string",
      { jsonrpc: "2.0", id: "a", method: null },
      invalid("a", "its method must be a string"),
    ],
    [
      "a method that is not a string, no id",
      { jsonrpc: "2.0", method: ["x"] },
      invalid(null, "its method must be a string"),
    ],
    ["an empty object", {}, invalid(null, NO_METHOD)],
    // an id without a method names no request of the client's: it is not given back
    ["an id alone", { jsonrpc: "2.0", id: 8 }, invalid(null, NO_METHOD)],
    ["a result without an id", { jsonrpc: "2.0", result: 1 }, invalid(null, NO_METHOD)],
  ])("%s: Invalid Request", (_, message, answer) => {
    expect(refusalOf(message)).toEqual(answer);
  });

  test.each([
    ["a request", { jsonrpc: "2.0", id: 1, method: "textDocument/hover", params: {} }],
    ["a request whose params are an array", { jsonrpc: "2.0", id: 1, method: "x", params: [1] }],
    ["a request without params", { jsonrpc: "2.0", id: 1, method: "shutdown" }],
    ["a request whose id is a string", { jsonrpc: "2.0", id: "1", method: "shutdown" }],
    ["a notification", { jsonrpc: "2.0", method: "initialized", params: {} }],
    [
      "a shutdown whose params are null (void: Eglot sends null)",
      { jsonrpc: "2.0", id: 2, method: "shutdown", params: null },
    ],
    ["an exit whose params are null", { jsonrpc: "2.0", method: "exit", params: null }],
    ["a response", { jsonrpc: "2.0", id: 3, result: null }],
    ["a response with an error", { jsonrpc: "2.0", id: "3", error: { code: -32601, message: "no" } }],
    [
      "an error response to what could not be read",
      { jsonrpc: "2.0", id: null, error: { code: -32700, message: "x" } },
    ],
  ])("%s: read, not answered", (_, message) => {
    expect(refusalOf(message)).toBeUndefined();
  });

  const MISSING = 'its jsonrpc must be "2.0", and it is missing';
  test.each([
    ["a request without jsonrpc", { id: 1, method: "shutdown" }, invalid(1, MISSING)],
    [
      "a request of 1.0",
      { jsonrpc: "1.0", id: "a", method: "x" },
      invalid("a", 'its jsonrpc must be "2.0", not "1.0"'),
    ],
    [
      "a request whose jsonrpc is a number",
      { jsonrpc: 2, id: 3, method: "x" },
      invalid(3, 'its jsonrpc must be "2.0", not 2'),
    ],
    ["jsonrpc null", { jsonrpc: null, id: 4, method: "x" }, invalid(4, 'its jsonrpc must be "2.0", not null')],
    [
      "jsonrpc an object",
      { jsonrpc: { v: 2 }, id: 5, method: "x" },
      invalid(5, 'its jsonrpc must be "2.0", not an object'),
    ],
    [
      "a long jsonrpc, cut",
      { jsonrpc: "9".repeat(100), id: 6, method: "x" },
      invalid(6, `its jsonrpc must be "2.0", not "${"9".repeat(60)}…"`),
    ],
    // what is no request of any version is said first
    ["no request, nor of 2.0", { jsonrpc: "1.0", id: 7, method: 3 }, invalid(7, "its method must be a string")],
    [
      "a notification without jsonrpc",
      { method: "textDocument/didOpen", params: {} },
      { say: `textDocument/didOpen: ${MISSING}; the notification is ignored` },
    ],
    [
      "a notification of 1.0",
      { jsonrpc: "1.0", method: "exit" },
      { say: 'exit: its jsonrpc must be "2.0", not "1.0"; the notification is ignored' },
    ],
    [
      "a notification whose method is long, cut",
      { method: "m".repeat(100) },
      { say: `${"m".repeat(60)}…: ${MISSING}; the notification is ignored` },
    ],
    [
      "a response of 1.0",
      { jsonrpc: "1.0", id: 8, result: null },
      { say: 'a response (id 8): its jsonrpc must be "2.0", not "1.0"; the response is ignored' },
    ],
    // params neither an object nor an array
    [
      "a request whose params are null",
      { jsonrpc: "2.0", id: 9, method: "textDocument/hover", params: null },
      {
        answer: {
          jsonrpc: "2.0",
          id: 9,
          error: { code: -32602, message: "textDocument/hover: params must be an object or an array, not null" },
        },
      },
    ],
    [
      "a request whose params are a string",
      { jsonrpc: "2.0", id: "i", method: "initialize", params: "x" },
      {
        answer: {
          jsonrpc: "2.0",
          id: "i",
          error: { code: -32602, message: "initialize: params must be an object or an array, not a string" },
        },
      },
    ],
    [
      "a notification whose params are a number",
      { jsonrpc: "2.0", method: "$/setTrace", params: 3 },
      { say: "$/setTrace: params must be an object or an array, not a number; the notification is ignored" },
    ],
    [
      "of another version and params null: its version said",
      { jsonrpc: "1.0", id: 10, method: "x", params: null },
      invalid(10, 'its jsonrpc must be "2.0", not "1.0"'),
    ],
  ])("%s: refused", (_, message, refusal) => {
    expect(refusalOf(message)).toEqual(refusal);
  });
});

test("parseError: -32700 with id null, the parser's words kept", () => {
  expect(parseError(new SyntaxError("Unexpected token n"))).toEqual({
    jsonrpc: "2.0",
    id: null,
    error: { code: -32700, message: "Parse error: the message is not JSON (Unexpected token n)" },
  });
});

test("withoutVoidParams: the params null of shutdown and exit dropped, any other message as it came", () => {
  expect(withoutVoidParams({ jsonrpc: "2.0", id: 2, method: "shutdown", params: null } as never)).toEqual({
    jsonrpc: "2.0",
    id: 2,
    method: "shutdown",
  });
  expect(withoutVoidParams({ jsonrpc: "2.0", method: "exit", params: null } as never)).toEqual({
    jsonrpc: "2.0",
    method: "exit",
  });
  const hover = { jsonrpc: "2.0", id: 3, method: "textDocument/hover", params: {} };
  expect(withoutVoidParams(hover as never)).toBe(hover);
});
