/**
 * `hangar lsp`: a language server (LSP 3.17, on vscode-languageserver) for Concourse pipeline YAML, and for task
 * config files (a mapping with `run` or `platform` and no pipeline key: diagnostics as `hangar validate` gives them,
 * hover and key completion from the schema's task config).
 *
 * - diagnostics from hangar's validator (Concourse-parity and hangar rules) with severity and rule id,
 *   published after every change (changes arriving together are validated once, for the last text);
 * - the vars of the client's settings (`hangar.varsFiles`, `hangar.vars`: settings.ts), in `initializationOptions` and
 *   `workspace/didChangeConfiguration`, read as `hangar validate -l ... -y ...` reads its flags; the documents are
 *   checked again when they change, or when a file the client watches does (`workspace/didChangeWatchedFiles`);
 * - hover: a field's documentation (from the generated schema; in a document not yet plainly one kind, that of each
 *   kind having the key, saying which), a name's definition;
 * - completion: keys valid at the cursor (in a document not yet plainly one kind, an empty file or `image_resource:`
 *   alone, those of a pipeline and of a task config, each saying which); resource, resource type, prototype and job
 *   names where a name is expected;
 * - go to definition, find references, document symbols, rename of a name across the file;
 * - quick fixes for findings that name something undefined ("did you mean");
 * - a text with a key written twice in a mapping (two `jobs:`), which fly refuses as a whole (the one diagnostic):
 *   the names defined under any copy count as defined for hover, definition, references, outline and completion.
 *
 * The server parses each version of a document once ({@link parsePipelineText}, js-yaml based): the validator
 * reads that parse, and so do the editor features (a {@link PipelineDocument}: the parsed value and the position
 * tree the validator's locator reads, built when a request first needs it after an edit). It keeps those readings for
 * the documents used last only ({@link READINGS_KEPT}), and reads a document again when it is next used; it holds
 * the texts of 10,000 open documents, of 64 Mi characters together, and tells the client of one past that, which it
 * does not check ({@link OPEN_BOUNDS}, open-documents.ts).
 */
import type { Readable, Writable } from "node:stream";
import {
  CodeActionKind,
  type CodeActionParams,
  type CompletionParams,
  type Connection,
  createConnection,
  type DefinitionParams,
  DiagnosticSeverity,
  type DocumentSymbolParams,
  type HoverParams,
  type InitializeResult,
  type Message,
  type MessageReader,
  MessageType,
  type Position,
  type PrepareRenameParams,
  ProposedFeatures,
  type ReferenceParams,
  type RenameParams,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { isObject } from "../model/common.ts";
import { type ParsedText, parsePipelineText } from "../parse/parse-pipeline.ts";
import type { TemplateVars } from "../parse/vars.ts";
import type { JsonSchema } from "../schema/generate.ts";
import { cutToken, MAX_QUOTED_TEXT } from "../source/diagnostic.ts";
import { validateParsed } from "../validate/validate-text.ts";
import { type PipelineDocument, readDocument } from "./documents.ts";
import { completion } from "./features/completion.ts";
import { definition, references } from "./features/definition.ts";
import { quickFixes, toLspDiagnostics } from "./features/diagnostics.ts";
import { hover } from "./features/hover.ts";
import { prepareRename, rename } from "./features/rename.ts";
import { documentSymbols } from "./features/symbols.ts";
import { afterShutdown, invalidParams, parseError, refusalOf, withoutVoidParams } from "./json-rpc.ts";
import { checkedDocumentEvents } from "./notifications.ts";
import { boundedDocumentEvents, OPEN_BOUNDS, type OpenBounds } from "./open-documents.ts";
import {
  AT_POSITION,
  checked,
  codeActionProblem,
  ON_DOCUMENT,
  type ParamsShape,
  paramsProblem,
  READ_BEFORE_HANDLERS,
} from "./params.ts";
import { recentlyUsed } from "./recently-used.ts";
import { schemaDocs } from "./schema-docs.ts";
import { type VarSettings, type VarsReader, varSettingsOf, workspaceRoot } from "./settings.ts";

export interface ServerOptions {
  /** The generated pipeline schema, for hover and key completion (without it, those answer nothing). */
  readonly schema?: JsonSchema | undefined;
  /** Report warnings as errors, like `fly validate-pipeline --strict`. */
  readonly strict?: boolean;
  /** The most the server holds of the documents open ({@link OPEN_BOUNDS} unless given). */
  readonly open?: OpenBounds;
  /** The readings it keeps, of the documents used last ({@link READINGS_KEPT} unless given). */
  readonly readings?: ReadingsKept;
  /**
   * Reads the vars of the client's settings (settings.ts) as the CLI reads its var flags (`hangar lsp` gives the
   * CLI's reader); without it, settings that give vars are said to be unused.
   */
  readonly readVars?: VarsReader;
}

/** The readings of documents the server keeps: of so many documents used last, and of so many characters of text. */
export interface ReadingsKept {
  readonly documents: number;
  readonly characters: number;
}

/**
 * A reading (the parse, and the editor's reading, of a text) costs some thirty times the text: those of the 32
 * documents used last are kept, and of texts of 8 Mi characters together (the one used last whatever its size);
 * another is read again when it is next used.
 */
export const READINGS_KEPT: ReadingsKept = { documents: 32, characters: 8 * 1024 * 1024 };

/** How the server ended: at the client's `exit`, or because the client's message stream lost its framing. */
export type ServerEnd = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Runs the server on a pair of streams (stdin and stdout for `hangar lsp`) until the client's `exit`, or until
 * a message header cannot be read (`Content-Length: abc`, or a body longer than its `Content-Length` running
 * into the next header): where the next message starts can then no longer be found, so the server stops
 * rather than wait, deaf, for ever. A body that is not JSON leaves the framing intact: it is answered Parse error
 * (-32700, id null, as JSON-RPC 2.0 says) and reading goes on; so is JSON that is no JSON-RPC 2.0 message, answered
 * Invalid Request (-32600), or said in the log when it is a notification or response (json-rpc.ts).
 */
export function startServer(input: Readable, output: Writable, options: ServerOptions = {}): Promise<ServerEnd> {
  const reader = new StreamMessageReader(input);
  const writer = new StreamMessageWriter(output);
  const answer = (message: Message) => void writer.write(message);
  // the connection says what its reader drops (heedful): only once it listens, so after it is made
  const connection = createConnection(
    ProposedFeatures.all,
    heedful(reader, { say: (message) => connection.console.error(message), answer }),
    writer,
  );
  const ended = new Promise<ServerEnd>((resolve) => {
    connection.onExit(() => resolve({ ok: true }));
    reader.onError((error) => {
      if (error instanceof SyntaxError) {
        // JSON.parse of one body (the only step of reading a message that is not framing nor the connection's)
        answer(parseError(error));
        return;
      }
      resolve({ ok: false, message: `unreadable message header from the client: ${error.message.split("\n")[0]}` });
      reader.dispose();
      connection.dispose();
    });
  });
  serve(connection, options);
  connection.listen();
  return ended;
}

/**
 * A reader whose messages the connection takes in without ending the server. JSON that is no request, notification or
 * response (`42`, a method that is not a string), or a request of a JSON-RPC version other than 2.0, is answered
 * Invalid Request (-32600, {@link refusalOf}) and dropped, where the connection said it in a log and left the client
 * waiting; a notification or response of another version is said and dropped. What the connection throws on taking a
 * message in (a `$/cancelRequest` without params: the library reads its id at once) is said and the message dropped,
 * where the reader reported it as its own error, and the server stopped as at a header it could not read. A request
 * after `shutdown` is answered Invalid Request, as LSP says, where it was answered as before; one whose params the
 * library would read wrong before a handler of hangar's checks them ({@link READ_BEFORE_HANDLERS}), Invalid Params.
 */
function heedful(
  reader: MessageReader,
  { say, answer }: { say: (message: string) => void; answer: (message: Message) => void },
): MessageReader {
  const session = { shutDown: false };
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        const refusal = refusalOf(message);
        if (refusal !== undefined) {
          if ("answer" in refusal) answer(refusal.answer);
          else say(refusal.say);
          return;
        }
        const sent: unknown = message;
        const request = isObject(sent) && typeof sent.method === "string" && sent.id !== undefined ? sent : undefined;
        if (request !== undefined && session.shutDown) {
          answer(afterShutdown(request.id as string | number, request.method as string));
          return;
        }
        const unread = request === undefined ? undefined : readBeforeHandlers(request.method as string, request.params);
        if (request !== undefined && unread !== undefined) {
          answer(invalidParams(request.id as string | number, unread));
          return;
        }
        if (request?.method === "shutdown") session.shutDown = true;
        try {
          callback(withoutVoidParams(message));
        } catch (error) {
          const what = isObject(sent) && typeof sent.method === "string" ? sent.method : "a message";
          say(`${what} could not be read (${error instanceof Error ? error.message : String(error)}); it is ignored`);
        }
      }),
    dispose: () => reader.dispose(),
  };
}

/** What is wrong with a request's params that the library reads before a handler is given them, if anything. */
function readBeforeHandlers(method: string, params: unknown): string | undefined {
  if (!Object.hasOwn(READ_BEFORE_HANDLERS, method)) return undefined;
  const problem = paramsProblem(params, READ_BEFORE_HANDLERS[method] as ParamsShape);
  return problem === undefined ? undefined : `${method}: ${problem}`;
}

/** The code of the finding on a document the server does not hold ({@link OPEN_BOUNDS}). */
const NOT_HELD = "lsp/not-held";

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The one finding on a document plainly neither a pipeline nor a task config (document-kind.ts `isPlainlyNeither`). */
const NOT_A_PIPELINE = {
  range: START,
  severity: DiagnosticSeverity.Hint,
  source: "hangar",
  code: "not-a-pipeline",
  message:
    "not read as a pipeline or a task config: no key of either at the top level (a vars file, or another tool's)",
};

/** A version of a document as read: its parse, and the editor's reading of it once a request needed it. */
interface VersionRead {
  readonly version: number;
  /** The text read: a client that sends a version number twice (or opens a document again) changes it too. */
  readonly text: string;
  readonly parse: ParsedText;
  readonly document?: PipelineDocument;
}

/** Registers every feature on a connection. */
export function serve(connection: Connection, options: ServerOptions = {}): void {
  const texts = new TextDocuments(TextDocument);
  const docs = options.schema === undefined ? undefined : schemaDocs(options.schema);
  /** Per open document used lately, its last version read. */
  const { documents: kept, characters: keptCharacters } = options.readings ?? READINGS_KEPT;
  const read = recentlyUsed<VersionRead>({ max: kept, maxSize: keptCharacters, sizeOf: (r) => r.text.length });
  const pending = new Set<string>();
  /**
   * The vars of the client's settings, read (the last settings given win over a read still under way), the settings
   * they were read from, and the read pipelines are checked after: documents are checked once it is done.
   */
  const vars: {
    current: TemplateVars | undefined;
    settings: unknown;
    root: string | undefined;
    generation: number;
    ready: Promise<void>;
  } = { current: undefined, settings: undefined, root: undefined, generation: 0, ready: Promise.resolve() };

  const readOf = (text: TextDocument): VersionRead => {
    const cached = read.get(text.uri);
    const content = text.getText();
    if (cached?.version === text.version && cached.text === content) return cached;
    // a task config file is read as one (see document-kind.ts): no pipeline findings on it
    const parse = parsePipelineText(content, { file: text.uri, as: "auto" });
    const fresh = { version: text.version, text: content, parse };
    read.set(text.uri, fresh);
    return fresh;
  };
  const documentOf = (text: TextDocument): PipelineDocument => {
    const version = readOf(text);
    if (version.document !== undefined) return version.document;
    const document = readDocument(text.getText(), version.parse);
    read.set(text.uri, { ...version, document });
    return document;
  };
  const withText = <T>(uri: string, otherwise: T, f: (text: TextDocument, document: PipelineDocument) => T): T => {
    const text = texts.get(uri);
    return text === undefined ? otherwise : f(text, documentOf(text));
  };
  /**
   * {@link withText} for a request at a position, read as the nearest position in the text: a line past the last as
   * the text's end, a character past its line's end as that end (as LSP says of a character), where completion's scan
   * up from the line took a line of 1e9 for a billion lines to look at, and held the server.
   */
  const atPosition = <T>(
    uri: string,
    position: Position,
    otherwise: T,
    f: (text: TextDocument, document: PipelineDocument, at: Position) => T,
  ): T => withText(uri, otherwise, (text, document) => f(text, document, text.positionAt(text.offsetAt(position))));

  const publish = (uri: string) => {
    const text = texts.get(uri);
    if (text === undefined) return;
    // one parse per version, for the validator (whose value also gives the names to suggest) and the editor
    // features; the position tree is read when a finding is located or a request needs it. With vars, the validator
    // reads a parse of its own, with them put in place as `hangar validate -l ... -y ...` does, and the editor
    // features the text as written (the names written in it, to rename, say).
    const given = vars.current;
    const { parsed } =
      given === undefined
        ? readOf(text).parse
        : parsePipelineText(text.getText(), { file: uri, as: "auto", vars: given });
    const { diagnostics, neither } = validateParsed(parsed, {
      file: uri,
      strict: options.strict === true,
      ...(given !== undefined && { vars: given }),
    });
    void connection.sendDiagnostics({
      uri,
      version: text.version,
      // a mapping plainly neither a pipeline nor a task config (a vars file the editor's globs take in) gets none of a
      // pipeline's findings, which would be one for each of its keys, but a hint saying how it was read
      diagnostics:
        neither === true && parsed.pipeline !== undefined
          ? [NOT_A_PIPELINE]
          : toLspDiagnostics(diagnostics, text, parsed.pipeline),
    });
  };
  const flush = () => {
    for (const uri of pending) {
      // one document that cannot be checked (whatever the cause) is said, and the others are still checked
      try {
        publish(uri);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        connection.console.error(`${uri} could not be checked: ${reason}`);
      }
    }
    pending.clear();
  };
  /** Checks a document soon (with the documents changed with it), once the vars of the settings are read. */
  const schedule = (uri: string) => {
    if (pending.size === 0) void vars.ready.then(() => setImmediate(flush));
    pending.add(uri);
  };
  texts.onDidChangeContent(({ document }) => schedule(document.uri));
  /**
   * Reads the vars of a client's settings and checks the open documents again with them. Settings it cannot read, or
   * vars it cannot read (a vars file missing, or not YAML), are said in one message naming the setting or the file
   * and why, and the pipelines are checked without vars.
   */
  const applySettings = (settings: unknown) => {
    vars.settings = settings;
    const generation = ++vars.generation;
    const given = varSettingsOf(settings);
    vars.ready = readVarSettings(given)
      .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
      .then((read) => {
        // settings given since: theirs are the vars
        if (generation !== vars.generation) return;
        const failed = read !== undefined && "error" in read;
        if (failed) {
          const message = `hangar: ${read.error}; pipelines are checked without vars`;
          void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        }
        const now = failed ? undefined : read;
        // settings that give no vars, as before: the findings are those published
        if (now === undefined && vars.current === undefined) return;
        vars.current = now;
        for (const text of texts.all()) pending.add(text.uri);
        setImmediate(flush);
      });
  };
  const readVarSettings = async (given: VarSettings | { readonly problem: string }) => {
    if ("problem" in given) return { error: given.problem };
    if (given.varsFiles.length + given.yamlVars.length === 0) return undefined;
    if (options.readVars === undefined) return { error: "this server reads no vars (hangar.vars, hangar.varsFiles)" };
    return options.readVars(given, vars.root);
  };
  texts.onDidClose(({ document }) => {
    pending.delete(document.uri);
    read.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  const initialized: InitializeResult = {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [":", " ", "-", "[", ","] },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: "hangar" },
  };
  connection.onInitialize((params) => {
    vars.root = workspaceRoot(params);
    applySettings(isObject(params) ? params.initializationOptions : undefined);
    return initialized;
  });
  connection.onDidChangeConfiguration((params) => applySettings(isObject(params) ? params.settings : undefined));
  // a file the client watches changed (the extension watches the vars files): the vars are read again
  connection.onDidChangeWatchedFiles(() => {
    const given = varSettingsOf(vars.settings);
    if (!("problem" in given) && given.varsFiles.length > 0) applySettings(vars.settings);
  });

  connection.onHover(
    checked("textDocument/hover", AT_POSITION, ({ textDocument, position }: HoverParams) =>
      atPosition(textDocument.uri, position, null, (text, document, at) => hover(text, document, docs, at)),
    ),
  );
  connection.onCompletion(
    checked("textDocument/completion", AT_POSITION, ({ textDocument, position }: CompletionParams) =>
      atPosition(textDocument.uri, position, [], (text, document, at) => completion(text, document, docs, at)),
    ),
  );
  connection.onDefinition(
    checked("textDocument/definition", AT_POSITION, ({ textDocument, position }: DefinitionParams) =>
      atPosition(textDocument.uri, position, null, (text, document, at) => definition(text, document, at)),
    ),
  );
  connection.onReferences(
    checked(
      "textDocument/references",
      { ...AT_POSITION, "context.includeDeclaration": "boolean" },
      ({ textDocument, position, context }: ReferenceParams) =>
        atPosition(textDocument.uri, position, [], (text, document, at) =>
          references(text, document, at, context.includeDeclaration),
        ),
    ),
  );
  connection.onDocumentSymbol(
    checked("textDocument/documentSymbol", ON_DOCUMENT, ({ textDocument }: DocumentSymbolParams) =>
      withText(textDocument.uri, [], (text, document) => documentSymbols(text, document)),
    ),
  );
  connection.onPrepareRename(
    checked("textDocument/prepareRename", AT_POSITION, ({ textDocument, position }: PrepareRenameParams) =>
      atPosition(textDocument.uri, position, null, (text, document, at) => prepareRename(text, document, at)),
    ),
  );
  connection.onRenameRequest(
    checked(
      "textDocument/rename",
      { ...AT_POSITION, newName: "string" },
      ({ textDocument, position, newName }: RenameParams) =>
        atPosition(textDocument.uri, position, null, (text, document, at) => rename(text, document, at, newName)),
    ),
  );
  connection.onCodeAction(
    checked("textDocument/codeAction", codeActionProblem, ({ textDocument, context }: CodeActionParams) =>
      quickFixes(textDocument.uri, context.diagnostics),
    ),
  );
  texts.listen(
    boundedDocumentEvents(checkedDocumentEvents(connection), options.open ?? OPEN_BOUNDS, {
      sizeOf: (uri) => {
        const text = texts.get(uri);
        return text === undefined ? undefined : uri.length + text.getText().length;
      },
      refused: (uri, why) => {
        const message = `not checked: ${why}`;
        connection.console.warn(`${cutToken(uri, MAX_QUOTED_TEXT)} is ${message}`);
        void connection.sendDiagnostics({
          uri,
          diagnostics: [
            { range: START, severity: DiagnosticSeverity.Warning, source: "hangar", code: NOT_HELD, message },
          ],
        });
      },
      // a document refused has a finding saying so
      closedUnheld: (uri) => void connection.sendDiagnostics({ uri, diagnostics: [] }),
    }),
  );
}
