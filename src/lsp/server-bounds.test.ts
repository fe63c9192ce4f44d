import { PassThrough } from "node:stream";
import { describe, expect, test, vi } from "vitest";
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import { parsePipelineText } from "../parse/parse-pipeline.ts";
import { type ServerOptions, startServer } from "./server.ts";

// every reading of a document's text starts with its parse: counted here
vi.mock("../parse/parse-pipeline.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../parse/parse-pipeline.ts")>();
  return { ...original, parsePipelineText: vi.fn(original.parsePipelineText) };
});
const parsesOf = (uri: string): number =>
  vi.mocked(parsePipelineText).mock.calls.filter(([, options]) => options?.file === uri).length;

/** The language server, in this process, on a pair of streams, with `options`; a client spoken to it. */
async function serverWith(options: ServerOptions) {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  void startServer(toServer, fromServer, options);
  const client = createProtocolConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
  const logged: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  client.onNotification(LogMessageNotification.type, ({ type, message }) => logged.push(`${type} ${message}`));
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
  const uri = (name: string) => `file:///ci/${name}.yml`;
  const pipeline = (job: string) => `jobs:\n  - name: ${job}\n    plan: []\n`;
  return {
    client,
    logged,
    published,
    uri,
    open: (name: string, text = pipeline(name)) =>
      client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(name), languageId: "yaml", version: 1, text },
      }),
    change: (name: string, version: number, text: string) =>
      client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri(name), version },
        contentChanges: [{ text }],
      }),
    close: (name: string) =>
      client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(name) } }),
    /** The outline of a document: its jobs' names ([] for a document not held). */
    outline: async (name: string) =>
      ((await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(name) } })) ?? []).map(
        (s) => s.name,
      ),
    /** The diagnostics published for a document so far, each as its code and message. */
    findings: (name: string) =>
      published.filter((p) => p.uri === uri(name)).map((p) => p.diagnostics.map((d) => `${d.code} ${d.message}`)),
    /** Waits until `count` publications have been made. */
    published_: async (count: number) => {
      while (published.length < count) await new Promise<void>((ok) => waiters.push(ok));
    },
    stop: () => {
      client.dispose();
      toServer.end();
    },
  };
}

describe("the readings of documents are kept for those used last only", () => {
  test("a document whose reading was let go is read again when next used, and answers as before; one kept is not read again", async () => {
    vi.mocked(parsePipelineText).mockClear();
    const server = await serverWith({ readings: { documents: 2, characters: 1_000_000 } });
    for (const name of ["a", "b", "c"]) await server.open(name);
    await server.published_(3);
    const a = server.uri("a");
    const c = server.uri("c");
    expect([parsesOf(a), parsesOf(c)]).toEqual([1, 1]);
    expect(await server.outline("c")).toEqual(["c"]);
    expect(parsesOf(c)).toBe(1);
    expect(await server.outline("a")).toEqual(["a"]);
    expect(parsesOf(a)).toBe(2);
    expect(await server.outline("a")).toEqual(["a"]);
    expect(parsesOf(a)).toBe(2);
    server.stop();
  });
});
