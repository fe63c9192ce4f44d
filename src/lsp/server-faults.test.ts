import { PassThrough } from "node:stream";
import { expect, test, vi } from "vitest";
import {
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
import type { ParsedPipeline } from "../parse/parse-pipeline.ts";

/**
 * The language server, run here on a pair of streams, with a validator that throws on one text (none is known
 * to: this stands for any fault met while one document is checked).
 */
vi.mock("../validate/validate-text.ts", async (original) => {
  const actual = await original<typeof import("../validate/validate-text.ts")>();
  return {
    ...actual,
    validateParsed: (parsed: ParsedPipeline, options: Parameters<typeof actual.validateParsed>[1]) => {
      if (options?.file === "file:///boom.yml") throw new RangeError("the validator failed");
      return actual.validateParsed(parsed, options);
    },
  };
});

test("a fault while one document is checked is said in a logMessage, and the others are still checked; the server lives on", async () => {
  const { startServer } = await import("./server.ts");
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  void startServer(toServer, fromServer);
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
  const text = "jobs:\n  - name: unit\n    plan: []\n";
  for (const uri of ["file:///boom.yml", "file:///fine.yml"]) {
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text },
    });
  }
  while (published.length === 0) await new Promise<void>((ok) => waiters.push(ok));
  expect(published.map((p) => [p.uri, p.diagnostics.length])).toEqual([["file:///fine.yml", 0]]);
  expect(logged).toEqual(["1 file:///boom.yml could not be checked: the validator failed"]);
  // the document that could not be checked is still read for the editor's requests
  const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///boom.yml" } });
  expect(symbols?.map((s) => s.name)).toEqual(["unit"]);
  client.dispose();
  toServer.end();
});
