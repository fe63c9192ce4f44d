import { ErrorCodes, ResponseError } from "vscode-languageserver";
import { isObject } from "../model/common.ts";

/**
 * What a message's params must hold: the type of the value at each dotted path (`position.line`). `integer` is a
 * whole number (a position in a text change: a fraction there would cut the document at no offset); `uinteger` a
 * whole number 0 or more, LSP's type of a request's position (a line -3 or 1.5 is no line).
 */
export type ParamsShape = Readonly<Record<string, ParamType>>;

type ParamType = "string" | "number" | "integer" | "uinteger" | "boolean" | "array" | "object";

/** Each type as a problem names it (`must be an unsigned integer`). */
const TYPE_NAME: Readonly<Record<ParamType, string>> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  uinteger: "an unsigned integer",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
};

/** The params of a request on a position in a document (hover, definition, rename...). */
export const AT_POSITION: ParamsShape = {
  "textDocument.uri": "string",
  "position.line": "uinteger",
  "position.character": "uinteger",
};

/**
 * What the language server library reads of a request's params before a handler of hangar's is given them: checked
 * first, as a handler checks its own ({@link checked}), where `initialize` without `capabilities` was answered
 * InternalError with a TypeError's words.
 */
export const READ_BEFORE_HANDLERS: Readonly<Record<string, ParamsShape>> = { initialize: { capabilities: "object" } };

/** The params of a request on a whole document (document symbols). */
export const ON_DOCUMENT: ParamsShape = { "textDocument.uri": "string" };

const CODE_ACTION: ParamsShape = { ...ON_DOCUMENT, "context.diagnostics": "array" };

/** What a quick fix reads of a diagnostic given back in a code action request: where it is. */
const DIAGNOSTIC_GIVEN: ParamsShape = {
  "range.start.line": "uinteger",
  "range.start.character": "uinteger",
  "range.end.line": "uinteger",
  "range.end.character": "uinteger",
};

/**
 * The first way a `textDocument/codeAction`'s params are not whole, each of the diagnostics of its context included
 * (a diagnostic `null` was read, and answered InternalError with a TypeError's words), if any.
 */
export function codeActionProblem(params: unknown): string | undefined {
  const problem = paramsProblem(params, CODE_ACTION);
  const diagnostics = isObject(params) && isObject(params.context) ? params.context.diagnostics : undefined;
  if (problem !== undefined || !Array.isArray(diagnostics)) return problem;
  for (const [i, diagnostic] of diagnostics.entries()) {
    const found = paramsProblem(diagnostic, DIAGNOSTIC_GIVEN, `params.context.diagnostics[${i}]`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The first way `params` does not have `shape`, in words (`params.position.line must be a number`), if any; `at`
 * names the value checked (`params.contentChanges[1]` for a part of the params).
 */
export function paramsProblem(params: unknown, shape: ParamsShape, at = "params"): string | undefined {
  for (const [path, type] of Object.entries(shape)) {
    let value: unknown = params;
    for (const key of path.split(".")) value = isObject(value) ? value[key] : undefined;
    if (!hasType(value, type)) return `${at}.${path} must be ${TYPE_NAME[type]}`;
  }
  return undefined;
}

function hasType(value: unknown, type: ParamType): boolean {
  if (type === "array") return Array.isArray(value);
  if (type === "object") return isObject(value);
  if (type === "integer") return Number.isInteger(value);
  if (type === "uinteger") return hasType(value, "integer") && (value as number) >= 0;
  return typeof value === type && !Number.isNaN(value);
}

/**
 * A request handler that first checks its params (against a shape, or by a function saying their first problem): a
 * client that leaves out a field the handler reads (`hover` without `position`) is answered InvalidParams (-32602)
 * naming the field, not a TypeError.
 */
export const checked =
  <P, R>(method: string, shape: ParamsShape | ((params: unknown) => string | undefined), handler: (params: P) => R) =>
  (params: P): R | ResponseError<void> => {
    const problem = typeof shape === "function" ? shape(params) : paramsProblem(params, shape);
    return problem === undefined
      ? handler(params)
      : new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
  };
