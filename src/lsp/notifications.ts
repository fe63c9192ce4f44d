/**
 * The notifications about documents that the language server reads (opened, changed, saved, closed), their params
 * checked first, as params.ts checks a request's. A notification has no answer, so a bad one is ignored and said
 * once, in a `window/logMessage` of type Error naming the method and the field (`textDocument/didOpen:
 * params.textDocument.text must be a string; the notification is ignored`): a text that was not one ended the server
 * (its parse threw, after the notification's handler had returned), a change without its text left the document
 * half changed.
 *
 * A change (`textDocument/didChange`) is applied whole or not at all: every one of its content changes is checked
 * before any is applied (a text that is a string; when it has a range, positions that are whole numbers). A range
 * whose ends are out of order is read with its ends swapped, and a position before or beyond the document as its
 * nearest end, as the text document library reads them and most servers do. `rangeLength`, deprecated, is not read.
 */
import type {
  Connection,
  DidChangeTextDocumentParams,
  NotificationHandler,
  TextDocumentContentChangeEvent,
  TextDocuments,
} from "vscode-languageserver/node.js";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { isObject } from "../model/common.ts";
import { checked, ON_DOCUMENT, type ParamsShape, paramsProblem } from "./params.ts";

/** The connection's half that a document store listens on. */
export type DocumentEvents = Parameters<TextDocuments<TextDocument>["listen"]>[0];

const DID_OPEN: ParamsShape = {
  "textDocument.uri": "string",
  "textDocument.version": "number",
  "textDocument.text": "string",
};
const DID_CHANGE: ParamsShape = {
  "textDocument.uri": "string",
  "textDocument.version": "number",
  contentChanges: "array",
};
const WHOLE_TEXT: ParamsShape = { text: "string" };
const IN_RANGE: ParamsShape = {
  "range.start.line": "integer",
  "range.start.character": "integer",
  "range.end.line": "integer",
  "range.end.character": "integer",
  text: "string",
};

/** The first way a `textDocument/didChange`'s params are not whole, any of its content changes included, if any. */
export function changeProblem(params: unknown): string | undefined {
  const problem = paramsProblem(params, DID_CHANGE);
  if (problem !== undefined || !isObject(params) || !Array.isArray(params.contentChanges)) return problem;
  for (const [i, change] of params.contentChanges.entries()) {
    const shape = isObject(change) && change.range === undefined ? WHOLE_TEXT : IN_RANGE;
    const found = paramsProblem(change, shape, `params.contentChanges[${i}]`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A content change as the text document library reads it: its range and text, or its text only. */
const asRead = ({
  range,
  text,
}: TextDocumentContentChangeEvent & { range?: unknown }): TextDocumentContentChangeEvent =>
  range === undefined ? { text } : ({ range, text } as TextDocumentContentChangeEvent);

/** What a notification's params must be: the first problem in them, if any, and where to say it. */
interface NotificationCheck {
  readonly method: string;
  readonly problemOf: (params: unknown) => string | undefined;
  readonly say: (message: string) => void;
}

/** A notification handler that runs on params without a problem, and otherwise says the problem. */
const heeded =
  <P>({ method, problemOf, say }: NotificationCheck, handler: NotificationHandler<P>): NotificationHandler<P> =>
  (params: P) => {
    const problem = problemOf(params);
    if (problem === undefined) handler(params);
    else say(`${method}: ${problem}; the notification is ignored`);
  };

/**
 * The connection's document notifications for a document store to listen on ({@link TextDocuments.listen}), each
 * handler run only on params it can read; `textDocument/willSaveWaitUntil`, a request, is answered InvalidParams.
 */
export function checkedDocumentEvents(connection: Connection): DocumentEvents {
  const say = (message: string) => connection.console.error(message);
  const shaped = (method: string, shape: ParamsShape): NotificationCheck => ({
    method,
    problemOf: (params) => paramsProblem(params, shape),
    say,
  });
  return {
    onDidOpenTextDocument: (handler) =>
      connection.onDidOpenTextDocument(heeded(shaped("textDocument/didOpen", DID_OPEN), handler)),
    onDidChangeTextDocument: (handler) =>
      connection.onDidChangeTextDocument(
        heeded(
          { method: "textDocument/didChange", problemOf: changeProblem, say },
          (params: DidChangeTextDocumentParams) =>
            handler({ ...params, contentChanges: params.contentChanges.map(asRead) }),
        ),
      ),
    onDidCloseTextDocument: (handler) =>
      connection.onDidCloseTextDocument(heeded(shaped("textDocument/didClose", ON_DOCUMENT), handler)),
    onWillSaveTextDocument: (handler) =>
      connection.onWillSaveTextDocument(heeded(shaped("textDocument/willSave", ON_DOCUMENT), handler)),
    onWillSaveTextDocumentWaitUntil: (handler) =>
      connection.onWillSaveTextDocumentWaitUntil((params, token) =>
        checked("textDocument/willSaveWaitUntil", ON_DOCUMENT, (whole: typeof params) => handler(whole, token))(params),
      ),
    onDidSaveTextDocument: (handler) =>
      connection.onDidSaveTextDocument(heeded(shaped("textDocument/didSave", ON_DOCUMENT), handler)),
  };
}
