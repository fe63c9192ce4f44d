/**
 * JSON-RPC 2.0's answers to what a client sends that can be no request, given before the connection takes a message
 * in: a body that is not JSON is answered Parse error (-32700), and JSON that is neither a request, a notification nor
 * a response (`42`, `[]`, `null`, a method that is not a string, an id that is neither a string nor a number) Invalid
 * Request (-32600). The answer's id is the message's when it has a method and an id of either type, else null (the id
 * of a message without a method, a broken answer to the server, names none of the client's requests). A response (an
 * id, a result or an error, no method) is read, never answered.
 *
 * A message whose `jsonrpc` is not `"2.0"` (missing, `1`, `"1.0"`) is of no version the server speaks: JSON-RPC 2.0
 * requires exactly `"2.0"`, and the Language Server Protocol always sends it (vscode-languageserver does not look).
 * Such a request is answered Invalid Request with its id; such a notification or response, which no answer may
 * follow, is dropped and said, once, in a `window/logMessage`, as a notification whose params cannot be read is
 * (notifications.ts). (Read to the letter, JSON-RPC 2.0 answers a message that is no Request object with an Invalid
 * Request of id null, which a client matches to none of its requests and only logs, if at all; the log message names
 * the method, where the user reads the server's log.) So is a message whose params are neither an object nor an array
 * (`null`, `"x"`, LSP's `params?: array | object`), a request answered Invalid Params (-32602); but `null` is no params
 * for `shutdown` and `exit`, whose params are void.
 */
import { ErrorCodes, type Message } from "vscode-languageserver/node.js";
import { isObject } from "../model/common.ts";
import { cutToken } from "../source/diagnostic.ts";

/** The answer to a body that is not JSON: no request can be told in it, so its id is null. */
export const parseError = (error: SyntaxError): Message =>
  errorAnswer(null, ErrorCodes.ParseError, `Parse error: the message is not JSON (${error.message})`);

/**
 * What is done with a message read (parsed JSON) that the connection must not take in: an answer sent (Invalid
 * Request), or words said in the log (a notification or response, which is not answered).
 */
export type Refusal = { readonly answer: Message } | { readonly say: string };

/**
 * The refusal of a message read, if it is no request, notification or response, or one of a JSON-RPC version other
 * than 2.0; undefined for a message the connection reads.
 */
export function refusalOf(message: unknown): Refusal | undefined {
  const problem = problemOf(message);
  if (problem !== undefined || !isObject(message)) return { answer: invalidRequest(message, problem) };
  const { method, id } = message;
  const version = versionProblem(message.jsonrpc);
  if (typeof method !== "string") {
    return version === undefined
      ? undefined
      : { say: `a response (id ${cutToken(String(id))}): ${version}; the response is ignored` };
  }
  const unread = version ?? (isVoidOfNull(method, message.params) ? undefined : paramsProblem(message.params));
  if (unread === undefined) return undefined;
  if (!isId(id)) return { say: `${cutToken(method)}: ${unread}; the notification is ignored` };
  return {
    answer:
      version === undefined ? invalidParams(id, `${cutToken(method)}: ${unread}`) : invalidRequest(message, version),
  };
}

/**
 * Why a message's params are none the Language Server Protocol sends (`params?: array | object`), if they are not: a
 * request's or notification's handler reads them as an object (a hover's `params: null` was answered InternalError,
 * with a TypeError's words).
 */
function paramsProblem(params: unknown): string | undefined {
  if (params === undefined || (typeof params === "object" && params !== null)) return undefined;
  return `params must be an object or an array, not ${params === null ? "null" : `a ${typeof params}`}`;
}

/**
 * The methods whose params LSP declares `void`: a client may send them as `null` (Emacs's Eglot sends
 * `"params":null` with `shutdown` and `exit`), which is read as no params, where a shutdown was answered Invalid Params
 * and an exit ignored, the server left running.
 */
const VOID_PARAMS: ReadonlySet<string> = new Set(["shutdown", "exit"]);

const isVoidOfNull = (method: string, params: unknown): boolean => params === null && VOID_PARAMS.has(method);

/**
 * The message the connection takes in: one of a method whose params are void without its `params: null`, which the
 * library would hand to the handler as a parameter; any other as it came.
 */
export function withoutVoidParams(message: Message): Message {
  const sent: unknown = message;
  if (!isObject(sent) || typeof sent.method !== "string" || !isVoidOfNull(sent.method, sent.params)) return message;
  const { params: _, ...rest } = sent;
  return rest as unknown as Message;
}

/** The Invalid Params answer to a request, saying why (`textDocument/hover: params must be...`). */
export const invalidParams = (id: string | number, message: string): Message =>
  errorAnswer(id, ErrorCodes.InvalidParams, message);

/**
 * The answer to a request after `shutdown`: Invalid Request, as LSP says (the client may send `exit` only).
 */
export const afterShutdown = (id: string | number, method: string): Message =>
  errorAnswer(
    id,
    ErrorCodes.InvalidRequest,
    `Invalid Request: ${cutToken(method)} after shutdown: a server shut down reads only exit`,
  );

/**
 * The Invalid Request answer to a message, saying why (`problem`): its id is the message's when it has a method and a
 * valid id, else null.
 */
function invalidRequest(message: unknown, problem = "it is no request"): Message {
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

/** Why a message's `jsonrpc` is not JSON-RPC 2.0's, if it is not (`its jsonrpc must be "2.0", not "1.0"`). */
function versionProblem(jsonrpc: unknown): string | undefined {
  if (jsonrpc === "2.0") return undefined;
  if (jsonrpc === undefined) return 'its jsonrpc must be "2.0", and it is missing';
  const shown =
    typeof jsonrpc === "string"
      ? JSON.stringify(cutToken(jsonrpc))
      : jsonrpc === null
        ? "null"
        : Array.isArray(jsonrpc)
          ? "an array"
          : typeof jsonrpc === "object"
            ? "an object"
            : String(jsonrpc);
  return `its jsonrpc must be "2.0", not ${shown}`;
}

/** An id a request may have (LSP's `integer | string`; JSON-RPC's null is an answer's only). */
const isId = (id: unknown): id is string | number => typeof id === "string" || typeof id === "number";

const errorAnswer = (id: string | number | null, code: number, message: string): Message =>
  ({ jsonrpc: "2.0", id, error: { code, message } }) as Message;
