/**
 * JSON-RPC 2.0's answers to what a client sends that can be no request, given before the connection takes a message
 * in: a body that is not JSON is answered Parse error (-32700), and JSON that is neither a request, a notification nor
 * a response (`42`, `[]`, `null`, a method that is not a string, an id that is neither a string nor a number) Invalid
 * Request (-32600). The answer's id is the message's when it has a method and an id of either type, else null (the id
 * of a message without a method, a broken answer to the server, names none of the client's requests). A response (an
 * id, a result or an error, no method) is read, never answered.
 */
import { ErrorCodes, type Message } from "vscode-languageserver/node.js";
import { isObject } from "../model/common.ts";

/** The answer to a body that is not JSON: no request can be told in it, so its id is null. */
export const parseError = (error: SyntaxError): Message =>
  errorAnswer(null, ErrorCodes.ParseError, `Parse error: the message is not JSON (${error.message})`);

/** The Invalid Request answer to a message read (parsed JSON), if it is no request, notification or response. */
export function invalidRequest(message: unknown): Message | undefined {
  const problem = problemOf(message);
  if (problem === undefined) return undefined;
  const id = isObject(message) && message.method !== undefined && isId(message.id) ? message.id : null;
  return errorAnswer(id, ErrorCodes.InvalidRequest, `Invalid Request: ${problem}`);
}

/** Why a message read is no request, notification or response, if it is not. */
function problemOf(message: unknown): string | undefined {
  if (Array.isArray(message)) return "a batch (an array) is not read: the Language Server Protocol sends no batches";
  if (!isObject(message)) return `a message is a JSON object, not ${message === null ? "null" : `a ${typeof message}`}`;
  if (message.method === undefined) {
    // an answer to a request of the server's, as the connection reads one
    const answers = message.result !== undefined || Boolean(message.error);
    return answers && (isId(message.id) || message.id === null)
      ? undefined
      : "a message without a method must be a response, with an id and a result or an error";
  }
  if (typeof message.method !== "string") return "its method must be a string";
  if (message.id !== undefined && !isId(message.id)) return "its id must be a string or a number";
  return undefined;
}

/** An id a request may have (LSP's `integer | string`; JSON-RPC's null is an answer's only). */
const isId = (id: unknown): id is string | number => typeof id === "string" || typeof id === "number";

const errorAnswer = (id: string | number | null, code: number, message: string): Message =>
  ({ jsonrpc: "2.0", id, error: { code, message } }) as Message;
