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

const AGAIN = "close documents, then close this one and open it again";

describe("the open documents held are bounded: a document past the bounds is not held, and the client is told", () => {
  test("past the count of documents: the one opened is not held, said in the log and in a finding on it; closed, its finding is cleared; opened again once one is closed, it is held", async () => {
    const server = await serverWith({ open: { documents: 2, characters: 10_000, copied: 2 ** 29 } });
    await server.open("a");
    await server.open("b");
    await server.open("c");
    expect(await server.outline("a")).toEqual(["a"]);
    expect(await server.outline("b")).toEqual(["b"]);
    // as a document never opened
    expect(await server.outline("c")).toEqual([]);
    const why = "more than 2 documents would be open, the most hangar holds";
    expect(server.logged).toEqual([`2 ${server.uri("c")} is not checked: ${why}; ${AGAIN}`]);
    await server.published_(3);
    expect(server.findings("c")).toEqual([[`lsp/not-held not checked: ${why}; ${AGAIN}`]]);
    // opened again without a close, a document held stays held (it is counted once)
    await server.open("b", "jobs:\n  - name: b2\n    plan: []\n");
    expect(await server.outline("b")).toEqual(["b2"]);
    await server.close("c");
    await server.close("a");
    await server.open("c");
    expect(await server.outline("c")).toEqual(["c"]);
    await server.published_(7);
    expect(server.findings("c")).toEqual([[`lsp/not-held not checked: ${why}; ${AGAIN}`], [], []]);
    expect(server.logged).toHaveLength(1);
    server.stop();
  });

  test("past the characters: a document opened too large is not held; one that a change takes past them is let go, and its later changes are not read", async () => {
    const uriLength = "file:///ci/x.yml".length;
    const server = await serverWith({ open: { documents: 10, characters: 3 * (uriLength + 100), copied: 2 ** 29 } });
    const a = "jobs:\n  - name: a\n    plan: []\n";
    const b = `jobs: []\n#${"x".repeat(300)}\n`;
    await server.open("a", a);
    await server.open("b", b);
    expect(await server.outline("b")).toEqual([]);
    expect(server.logged).toEqual([
      `2 ${server.uri("b")} is not checked: the open documents would hold ${2 * uriLength + a.length + b.length} characters, more than the ${3 * (uriLength + 100)} hangar holds; ${AGAIN}`,
    ]);
    await server.open("c");
    await server.change("c", 2, `jobs:\n  - name: c2\n    plan: []\n#${"x".repeat(300)}\n`);
    expect(await server.outline("c")).toEqual([]);
    await server.change("c", 3, "jobs:\n  - name: c3\n    plan: []\n");
    expect(await server.outline("c")).toEqual([]);
    expect(server.logged[1]).toMatch(
      /^2 file:\/\/\/ci\/c\.yml is not checked: the open documents would hold \d+ characters/,
    );
    expect(server.logged).toHaveLength(2);
    // what was let go counts no more: a document that fits is held
    await server.open("d");
    expect(await server.outline("d")).toEqual(["d"]);
    expect(await server.outline("a")).toEqual(["a"]);
    // c's findings: none yet (its check put off), cleared as it is let go, then the one saying it is not held
    expect(server.findings("c").at(-1)).toEqual([expect.stringMatching(/^lsp\/not-held not checked: /)]);
    server.stop();
  });
});

test("a change whose edits would copy the text more than the bounds let it is not applied: the document is let go, and the client told", async () => {
  const server = await serverWith({ open: { documents: 10, characters: 10_000, copied: 2_000 } });
  const text = "jobs:\n  - name: a\n    plan: []\n".padEnd(100, "#");
  await server.open("a", text);
  const edit = (line: number) => ({
    range: { start: { line, character: 10 }, end: { line, character: 11 } },
    text: "b",
  });
  const change = (version: number, contentChanges: unknown[]) =>
    server.client.sendNotification("textDocument/didChange", {
      textDocument: { uri: server.uri("a"), version },
      contentChanges,
    } as never);
  // 20 edits of a text of 100 characters: 2,000 characters copied, as many as the bounds let a change copy
  await change(
    2,
    Array.from({ length: 20 }, () => edit(1)),
  );
  expect(await server.outline("a")).toEqual(["b"]);
  // one more edit, or a larger text given whole before them: more
  await change(
    3,
    Array.from({ length: 21 }, () => edit(1)),
  );
  expect(await server.outline("a")).toEqual([]);
  expect(server.logged).toEqual([
    `2 ${server.uri("a")} is not checked: a change of 21 edits to a document of 100 characters would copy more than the 2000 characters hangar copies for one (the text, at each edit); close it and open it again`,
  ]);
  await server.open("a", text);
  await change(2, [{ text: `${text}#` }, ...Array.from({ length: 20 }, () => edit(1))]);
  expect(await server.outline("a")).toEqual([]);
  expect(server.logged[1]).toMatch(/a change of 20 edits to a document of 101 characters would copy more than/);
  server.stop();
});

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
