import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  type Position,
  PrepareRenameRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ReferencesRequest,
  RenameRequest,
  ShutdownRequest,
} from "vscode-languageserver-protocol";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DEFAULT_MAX_BYTES } from "../parse/parse-pipeline.ts";
import { validateText } from "../validate/validate-text.ts";

/**
 * A recorded editing session against the built `hangar lsp`, spoken over its stdin and stdout by the
 * protocol's own node client: open a real corpus pipeline, type a typo, get the diagnostic and its quick
 * fix, complete a resource name, jump to the definition, find the references, rename the resource.
 */
const repo = resolve(import.meta.dirname, "../..");
const corpusFile = join(repo, "../shared/corpus/pipelines/cloudfoundry__runtime-ci__ci__build-docker-images.yml");
const uri = "file:///work/ci/build-docker-images.yml";

describe.skipIf(!existsSync(corpusFile))("hangar lsp, end to end over stdio (corpus pipeline)", () => {
  let server: ChildProcessWithoutNullStreams;
  let client: ProtocolConnection;
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  let text: TextDocument;
  let version = 1;

  /** The next diagnostics published for `version` of the document. */
  const diagnosticsFor = async (v: number): Promise<PublishDiagnosticsParams> => {
    for (;;) {
      const found = published.find((p) => p.uri === uri && p.version === v);
      if (found !== undefined) return found;
      await new Promise<void>((ok) => waiters.push(ok));
    }
  };
  /** Edits the document in the client and tells the server, incrementally. */
  const edit = async (at: Position, length: number, newText: string) => {
    const range = { start: at, end: text.positionAt(text.offsetAt(at) + length) };
    version++;
    text = TextDocument.update(text, [{ range, text: newText }], version);
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
  };
  /** The position of the `n`th occurrence of `needle`, plus `delta` characters. */
  const find = (needle: string, delta = 0, n = 1): Position => {
    let at = -1;
    for (let i = 0; i < n; i++) at = text.getText().indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${needle} not found`);
    return text.positionAt(at + delta);
  };

  beforeAll(async () => {
    server = spawn(process.execPath, [join(repo, "bin/hangar.js"), "lsp", "--stdio"], { stdio: "pipe" });
    client = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of waiters.splice(0)) w();
    });
    client.listen();
    const init = await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    expect(init.capabilities.renameProvider).toEqual({ prepareProvider: true });
    await client.sendNotification(InitializedNotification.type, {});
    text = TextDocument.create(uri, "yaml", version, readFileSync(corpusFile, "utf8"));
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version, text: text.getText() },
    });
  });

  afterAll(async () => {
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
    await new Promise((ok) => server.once("exit", ok));
    client.dispose();
  });

  test("the opened pipeline is clean", async () => {
    const first = await diagnosticsFor(1);
    expect(first.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  test("a typo in a get gives the validator's diagnostic, with rule id and a quick fix", async () => {
    const at = find("get: weekly", "get: weekly".length);
    await edit(at, 0, "x");
    const { diagnostics } = await diagnosticsFor(version);
    const typo = diagnostics.find((d) => d.code === "get-unknown-resource");
    expect(typo).toMatchObject({
      severity: 1,
      source: "hangar",
      message: "unknown resource 'weeklyx'; did you mean 'weekly'?",
      range: { start: { line: at.line, character: at.character - "weekly".length } },
    });
    if (typo === undefined) throw new Error("no get-unknown-resource diagnostic");
    const actions = await client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: typo.range,
      context: { diagnostics: [typo] },
    });
    expect(actions).toMatchObject([
      {
        title: "Change to 'weekly'",
        kind: "quickfix",
        edit: { changes: { [uri]: [{ newText: "weekly", range: typo.range }] } },
      },
    ]);
    await edit(text.positionAt(text.offsetAt(at) - "weekly".length), "weeklyx".length, "weekly");
    const cleared = await diagnosticsFor(version);
    expect(cleared.diagnostics.filter((d) => d.code === "get-unknown-resource")).toEqual([]);
  });

  test("completion after `get: ` offers the pipeline's resources", async () => {
    const at = find("get: ", "get: ".length);
    const items = await client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at });
    const labels = (Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["weekly", "runtime-ci", "bosh-cli-github-release"]));
    expect(labels).not.toContain("build-relint-base-docker-image");
  });

  test("completion of a key in a get step offers the get step's fields not yet written", async () => {
    const trigger = find("        trigger: true");
    await edit(trigger, 0, "        \n");
    const items = await client.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: trigger.line, character: 8 },
    });
    const labels = (Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["passed", "params", "version", "attempts"]));
    expect(labels).not.toContain("get");
    expect(labels).not.toContain("put");
    await edit(trigger, "        \n".length, "");
  });

  test("go to definition jumps from a get to the resource", async () => {
    const at = find("get: weekly", "get: we".length);
    const location = await client.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at });
    const target = find("- name: weekly", "- name: ".length);
    expect(location).toEqual({ uri, range: { start: target, end: { ...target, character: target.character + 6 } } });
  });

  test("references of a resource are its definition and every get", async () => {
    const refs = await client.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: find("- name: weekly", "- name: w".length),
      context: { includeDeclaration: true },
    });
    const count = (text.getText().match(/^\s*- get: weekly$/gm) ?? []).length;
    expect(refs?.length).toBe(count + 1);
  });

  test("hover shows a field's documentation and a resource's definition", async () => {
    const onKey = await client.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: find("trigger: true", 2),
    });
    expect(onKey?.contents).toEqual({
      kind: "markdown",
      value: "**trigger**\n\nStart a new build of the job when a new version appears.",
    });
    const onName = await client.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: find("get: weekly", "get: w".length),
    });
    expect((onName?.contents as { value: string } | undefined)?.value).toMatch(
      /^\*\*resource\*\* `weekly`\n\n```yaml\nname: weekly\ntype: time\n/,
    );
  });

  test("document symbols list jobs, resources and groups", async () => {
    const symbols = (await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as {
      name: string;
      detail: string;
    }[];
    expect(symbols).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "weekly", detail: "resource" }),
        expect.objectContaining({ name: "build-relint-base-docker-image", detail: "job" }),
        expect.objectContaining({ name: "private-cats-image", detail: "group" }),
      ]),
    );
  });

  test("rename of a resource changes its definition and every reference, and the pipeline stays valid", async () => {
    const edit = await client.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: find("get: weekly", "get: w".length),
      newName: "every-week",
    });
    const edits = edit?.changes?.[uri] ?? [];
    const count = (text.getText().match(/^\s*- get: weekly$/gm) ?? []).length;
    expect(edits).toHaveLength(count + 1);
    const renamed = TextDocument.applyEdits(text, edits);
    // each `get: weekly` keeps its step (artifact) name and names the resource with `resource:`
    expect(renamed).toMatch(/^- name: every-week$/m);
    expect(renamed.match(/^(\s*)- get: weekly\n\1 {2}resource: every-week$/gm)).toHaveLength(count);
    const errors = validateText(renamed).diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([]);
  });
});

describe("hangar lsp loads no `yaml` package (its document model costs ten times hangar's reader)", () => {
  /** Preloaded into the server: records every package it loads, and prints them on stderr when it exits. */
  const HOOK = `import Module from "node:module";
const load = Module._load;
const loaded = new Set();
Module._load = function (request, ...rest) {
  if (!request.startsWith(".") && !request.startsWith("/") && !Module.isBuiltin(request)) loaded.add(request);
  return load.call(this, request, ...rest);
};
process.on("exit", () => {
  const files = Object.keys(Module._cache).filter((f) => f.includes("node_modules"));
  process.stderr.write("packages loaded: " + JSON.stringify([...loaded].sort()) + "\\n");
  process.stderr.write("package files loaded: " + JSON.stringify(files) + "\\n");
});`;

  test("through a session using every feature on a pipeline with aliases and merge keys", async () => {
    const server = spawn(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(HOOK)}`, join(repo, "bin/hangar.js"), "lsp"],
      { stdio: "pipe" },
    );
    let stderr = "";
    server.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise((ok) => server.once("exit", ok));
    const client = createProtocolConnection(
      new StreamMessageReader(server.stdout),
      new StreamMessageWriter(server.stdin),
    );
    const published = new Promise<PublishDiagnosticsParams>((ok) =>
      client.onNotification(PublishDiagnosticsNotification.type, ok),
    );
    client.listen();
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
    await client.sendNotification(InitializedNotification.type, {});
    const content =
      "base: &base\n  serial: true\nresources:\n  - name: &r repo\n    type: git\n    source: {uri: u}\njobs:\n  - <<: *base\n    name: unit\n    plan:\n      - get: repo\n  - name: ship\n    plan:\n      - get: src\n        resource: *r\n        passed: [unit]\n";
    const doc = TextDocument.create("file:///work/ci/aliases.yml", "yaml", 1, content);
    const textDocument = { uri: doc.uri };
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, languageId: "yaml", version: 1, text: content },
    });
    const at = (needle: string, delta: number) => doc.positionAt(content.indexOf(needle) + delta);
    const hover = await client.sendRequest(HoverRequest.type, { textDocument, position: at("[unit]", 1) });
    expect((hover?.contents as { value: string } | undefined)?.value).toMatch(
      /^\*\*job\*\* `unit`\n\n```yaml\n<<: \*base\n/,
    );
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument });
    expect(symbols?.map((s) => s.name)).toEqual(["repo", "unit", "ship"]);
    expect(await client.sendRequest(CompletionRequest.type, { textDocument, position: at("get: repo", 5) })).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: "repo" })]),
    );
    const renamed = await client.sendRequest(RenameRequest.type, {
      textDocument,
      position: at("[unit]", 1),
      newName: "test",
    });
    expect(renamed?.changes?.[doc.uri]).toHaveLength(2);
    expect((await published).diagnostics).toEqual([expect.objectContaining({ code: "unknown-field-dropped" })]);
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
    await exited;
    client.dispose();
    const loaded = JSON.parse(/^packages loaded: (.*)$/m.exec(stderr)?.[1] ?? "null") as string[] | null;
    const files = JSON.parse(/^package files loaded: (.*)$/m.exec(stderr)?.[1] ?? "null") as string[] | null;
    // the hook saw the server's packages load, and the `yaml` package was not among them
    expect(loaded).toEqual(expect.arrayContaining(["vscode-languageserver/node.js"]));
    expect(files?.some((f) => f.includes("vscode-languageserver"))).toBe(true);
    expect(loaded?.filter((name) => name === "yaml" || name.startsWith("yaml/"))).toEqual([]);
    expect(files?.filter((f) => /[\\/]node_modules[\\/]yaml[\\/]/.test(f))).toEqual([]);
  });
});

describe("hangar lsp --strict, over stdio", () => {
  const TEXT = "jobs:\n  - name: a\n    bogus: 1\n    plan:\n      - task: t\n        file: x/t.yml\nbogus_top: 3\n";
  const strictUri = "file:///work/ci/strict.yml";

  /** The diagnostics `hangar lsp` (with `args`) publishes for TEXT when it is opened. */
  async function diagnosticsOf(args: readonly string[]) {
    const server = spawn(process.execPath, [join(repo, "bin/hangar.js"), "lsp", ...args], { stdio: "pipe" });
    const client = createProtocolConnection(
      new StreamMessageReader(server.stdout),
      new StreamMessageWriter(server.stdin),
    );
    const first = new Promise<PublishDiagnosticsParams>((ok) =>
      client.onNotification(PublishDiagnosticsNotification.type, ok),
    );
    client.listen();
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
    await client.sendNotification(InitializedNotification.type, {});
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: strictUri, languageId: "yaml", version: 1, text: TEXT },
    });
    const { diagnostics } = await first;
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
    await new Promise((ok) => server.once("exit", ok));
    client.dispose();
    return diagnostics.map((d) => ({
      line: d.range.start.line + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    }));
  }
  /** What `hangar validate` reports for TEXT, in the same terms. */
  const validated = (strict: boolean) =>
    validateText(TEXT, { strict }).diagnostics.map((d) => ({
      line: d.loc?.line,
      severity: d.severity === "error" ? 1 : 2,
      code: d.ruleId,
      message: d.message,
    }));

  test("unknown keys are errors, with fly's words (json: unknown field), as `hangar validate --strict` reports", async () => {
    const found = await diagnosticsOf(["--stdio", "--strict"]);
    expect(found).toEqual(validated(true));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, severity: 1, message: expect.stringContaining('unknown field "bogus"') }),
        expect.objectContaining({
          line: 7,
          severity: 1,
          message: expect.stringContaining('unknown field "bogus_top"'),
        }),
      ]),
    );
  });

  test("without --strict, what `hangar validate` reports: an unknown top-level key is a warning", async () => {
    const found = await diagnosticsOf(["--stdio"]);
    expect(found).toEqual(validated(false));
    expect(found.find((d) => d.message.includes("bogus_top"))?.severity).toBe(2);
  });
});

describe("hangar lsp on a vars file (the extension's **/ci/**/*.yml takes ci/vars.yml in)", () => {
  test("no pipeline's findings (job-none, a dropped key for each var), one hint saying it is not read as a pipeline; once a pipeline key is there, a pipeline's", async () => {
    const { client, stop } = await started();
    const { ofVersion } = watchDiagnostics(client);
    const uri = "file:///work/ci/vars.yml";
    const diagnosticsOf = async (version: number) =>
      (await ofVersion(version)).diagnostics.map((d) => [d.range.start.line + 1, d.severity, d.code, d.message]);
    try {
      await client.sendNotification(InitializedNotification.type, {});
      await client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "yaml", version: 1, text: "branch: main\nregistry: {user: bot}\n" },
      });
      expect(await diagnosticsOf(1)).toEqual([
        [
          1,
          4,
          "not-a-pipeline",
          "not read as a pipeline or a task config: no key of either at the top level (a vars file, or another tool's)",
        ],
      ]);
      await client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: "branch: main\njobs: []\n" }],
      });
      expect((await diagnosticsOf(2)).map(([, , code]) => code)).toEqual(["unknown-field-dropped", "job-none"]);
      // a list is no vars file: a pipeline's error, as before
      await client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 3 },
        contentChanges: [{ text: "- name: a\n" }],
      });
      expect((await diagnosticsOf(3)).map(([, severity]) => severity)).toEqual([1]);
    } finally {
      await stop();
    }
  });
});

describe("hangar lsp on a task config file", () => {
  const taskUri = "file:///work/ci/tasks/test.yml";
  const TEXT = "platform: linux\nrun:\n  path: make\ninputs:\n  - path: src\nouputs: []\n\n";

  test("its diagnostics are those of a task config, as `hangar validate` gives them: no pipeline finding", async () => {
    const { client, stop } = await started();
    const { ofVersion } = watchDiagnostics(client);
    const diagnosticsOf = async (version: number) =>
      (await ofVersion(version)).diagnostics.map((d) => [d.range.start.line + 1, d.code, d.message]);
    try {
      await client.sendNotification(InitializedNotification.type, {});
      await client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: taskUri, languageId: "yaml", version: 1, text: TEXT },
      });
      // unknown keys end Concourse's read of a task config: nothing after them
      expect(await diagnosticsOf(1)).toEqual([
        [6, "task-config-unknown-fields", "unknown fields: [ouputs]; did you mean 'outputs'?"],
      ]);
      expect(validateText(TEXT, { as: "auto" }).diagnostics.map((d) => d.ruleId)).toEqual([
        "task-config-unknown-fields",
      ]);
      const fixed = TEXT.replace("ouputs", "outputs");
      await client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: taskUri, version: 2 },
        contentChanges: [{ text: fixed }],
      });
      expect(await diagnosticsOf(2)).toEqual([
        [5, "task-config-io-no-name", "  input in position 0 is missing a name"],
      ]);
      // keys of a task config are offered at its top level, not a pipeline's
      const completion = await client.sendRequest(CompletionRequest.type, {
        textDocument: { uri: taskUri },
        position: { line: 7, character: 0 },
      });
      const labels = (Array.isArray(completion) ? completion : (completion?.items ?? [])).map((c) => c.label);
      expect(labels).toEqual(expect.arrayContaining(["image_resource", "params", "caches"]));
      expect(labels).not.toContain("jobs");
      expect(labels).not.toContain("platform");
      const hover = await client.sendRequest(HoverRequest.type, {
        textDocument: { uri: taskUri },
        position: { line: 0, character: 2 },
      });
      expect(JSON.stringify(hover?.contents)).toContain("platform");
    } finally {
      await stop();
    }
  });
});

/** A started `hangar lsp`, initialized, with a way to write raw bytes beside the protocol client's messages. */
async function started() {
  const server = spawn(process.execPath, [join(repo, "bin/hangar.js"), "lsp"], { stdio: "pipe" });
  let stderr = "";
  server.stderr.on("data", (d) => {
    stderr += d;
  });
  // what the server wrote, raw (the client drops an answer with id null)
  let stdout = "";
  server.stdout.on("data", (d) => {
    stdout += d;
  });
  const exited = new Promise<number | null>((ok) => server.once("exit", (code) => ok(code)));
  const client = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const logged: string[] = [];
  client.onNotification(LogMessageNotification.type, ({ type, message }) => logged.push(`${type} ${message}`));
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
  const stop = async () => {
    client.dispose();
    server.kill();
    await exited;
  };
  return { server, client, exited, stop, stderr: () => stderr, stdout: () => stdout, logged };
}

describe("hangar lsp, given a client that breaks the protocol", () => {
  const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
  /** The server's answers that are errors, of all it wrote to its stdout. */
  const errorAnswers = (out: string): unknown[] =>
    out
      .split(/Content-Length: \d+\r\n\r\n/)
      .filter((body) => body.includes('"error"'))
      .map((body) => JSON.parse(body));

  test("a Content-Length that is not a number: the server says so on stderr and exits 2, not deaf for ever", async () => {
    const { server, exited, stderr } = await started();
    server.stdin.write("Content-Length: abc\r\n\r\n{}");
    server.stdin.write(frame('{"jsonrpc":"2.0","id":9,"method":"shutdown"}'));
    expect(await exited).toBe(2);
    expect(stderr()).toBe(
      "hangar lsp: unreadable message header from the client: Content-Length value must be a number. Got abc; the stream cannot be followed after it, so the server stops\n",
    );
  });

  test("a Content-Length shorter than its body: the rest runs into the next header, and the server exits 2", async () => {
    const { server, exited, stderr } = await started();
    const body = '{"jsonrpc":"2.0","id":7,"method":"shutdown"}';
    server.stdin.write(frame(body, body.length - 10));
    server.stdin.write(frame('{"jsonrpc":"2.0","id":8,"method":"shutdown"}'));
    expect(await exited).toBe(2);
    expect(stderr()).toMatch(/^hangar lsp: unreadable message header from the client: .*the server stops\n$/);
  });

  test("a body that is not JSON keeps the framing: the server answers Parse error (-32700, id null), reads on and answers", async () => {
    const { server, client, stop, stdout } = await started();
    server.stdin.write(frame("{not json"));
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///x.yml" } });
    expect(symbols).toEqual([]);
    const answers = errorAnswers(stdout());
    expect(answers).toEqual([
      {
        jsonrpc: "2.0",
        id: null,
        error: { code: -32700, message: expect.stringMatching(/^Parse error: the message is not JSON \(.+\)$/) },
      },
    ]);
    await stop();
  });

  test("JSON that is no JSON-RPC message is answered Invalid Request (-32600), its id when valid, else null; a response is not answered; the server reads on", async () => {
    const { server, client, stop, stdout, logged } = await started();
    for (const body of [
      "42",
      "[]",
      "null",
      '{"jsonrpc":"2.0","id":{},"method":"x"}',
      '{"jsonrpc":"2.0","id":7,"method":3}',
      // an answer to no request of the server's: read (and dropped by the connection), never answered
      '{"jsonrpc":"2.0","id":99,"result":1}',
    ])
      server.stdin.write(frame(body));
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///x.yml" } });
    expect(symbols).toEqual([]);
    const answers = errorAnswers(stdout());
    const invalid = (id: number | null) => ({
      jsonrpc: "2.0",
      id,
      error: { code: -32600, message: expect.stringMatching(/^Invalid Request: /) },
    });
    expect(answers).toEqual([invalid(null), invalid(null), invalid(null), invalid(null), invalid(7)]);
    expect(logged).toEqual([]);
    await stop();
  });

  test('a message whose jsonrpc is not "2.0" (missing, 1, "1.0"): a request is answered Invalid Request (-32600) with its id, a notification is said once and dropped', async () => {
    const { server, client, stop, stdout, logged, exited } = await started();
    let ended = false;
    void exited.then(() => {
      ended = true;
    });
    const uri = "file:///work/ci/old.yml";
    const didOpen = (jsonrpc: string) =>
      `{${jsonrpc}"method":"textDocument/didOpen","params":{"textDocument":{"uri":"${uri}","languageId":"yaml","version":1,"text":"jobs:\\n  - name: a\\n    plan: []\\n"}}}`;
    for (const body of [
      '{"id":11,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///x.yml"}}}',
      '{"jsonrpc":1,"id":"twelve","method":"shutdown"}',
      '{"jsonrpc":"1.0","id":13,"method":"shutdown"}',
      didOpen(""),
      didOpen('"jsonrpc":"1.0",'),
      '{"method":"exit"}',
    ])
      server.stdin.write(frame(body));
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    // the document was not opened, and the server, not told to exit, reads on
    expect(symbols).toEqual([]);
    expect(ended).toBe(false);
    const answers = errorAnswers(stdout());
    const invalid = (id: number | string, not: string) => ({
      jsonrpc: "2.0",
      id,
      error: { code: -32600, message: `Invalid Request: its jsonrpc must be "2.0", ${not}` },
    });
    expect(answers).toEqual([invalid(11, "and it is missing"), invalid("twelve", "not 1"), invalid(13, 'not "1.0"')]);
    const ignored = "; the notification is ignored";
    expect(logged).toEqual([
      `1 textDocument/didOpen: its jsonrpc must be "2.0", and it is missing${ignored}`,
      `1 textDocument/didOpen: its jsonrpc must be "2.0", not "1.0"${ignored}`,
      `1 exit: its jsonrpc must be "2.0", and it is missing${ignored}`,
    ]);
    await stop();
  });

  test("params neither an object nor an array (null, a string), or an initialize without capabilities: a request is answered InvalidParams (-32602), a notification said and dropped, where a hover's null was answered InternalError with a TypeError's words", async () => {
    const { server, client, stop, stdout, logged } = await started();
    for (const body of [
      '{"jsonrpc":"2.0","id":21,"method":"textDocument/hover","params":null}',
      '{"jsonrpc":"2.0","id":22,"method":"initialize","params":"x"}',
      '{"jsonrpc":"2.0","method":"$/setTrace","params":null}',
      // an object, without what the library reads of it before hangar's handler
      '{"jsonrpc":"2.0","id":23,"method":"initialize","params":{}}',
      '{"jsonrpc":"2.0","id":24,"method":"initialize","params":{"capabilities":null}}',
    ])
      server.stdin.write(frame(body));
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///x.yml" } });
    expect(symbols).toEqual([]);
    const answers = errorAnswers(stdout());
    const invalid = (id: number, method: string, not: string) => ({
      jsonrpc: "2.0",
      id,
      error: { code: -32602, message: `${method}: params must be an object or an array, not ${not}` },
    });
    const noCapabilities = (id: number) => ({
      jsonrpc: "2.0",
      id,
      error: { code: -32602, message: "initialize: params.capabilities must be an object" },
    });
    expect(answers).toEqual([
      invalid(21, "textDocument/hover", "null"),
      invalid(22, "initialize", "a string"),
      noCapabilities(23),
      noCapabilities(24),
    ]);
    expect(logged).toEqual([
      "1 $/setTrace: params must be an object or an array, not null; the notification is ignored",
    ]);
    await stop();
  });

  test("a request after shutdown is answered Invalid Request (-32600), as LSP says; exit then ends the server, with 0", async () => {
    const { client, exited } = await started();
    const refused = (request: Promise<unknown>) =>
      request.then(
        () => "answered",
        (e: { code: number; message: string }) => `${e.code} ${e.message}`,
      );
    expect(await client.sendRequest(ShutdownRequest.type)).toBeNull();
    expect(
      await refused(client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///x.yml" } })),
    ).toBe("-32600 Invalid Request: textDocument/documentSymbol after shutdown: a server shut down reads only exit");
    expect(await refused(client.sendRequest(ShutdownRequest.type))).toBe(
      "-32600 Invalid Request: shutdown after shutdown: a server shut down reads only exit",
    );
    await client.sendNotification(ExitNotification.type);
    expect(await exited).toBe(0);
    client.dispose();
  });

  test("shutdown and exit with params null, as Emacs's Eglot sends them (LSP's params: void): shutdown is answered null and exit ends the server with 0, where shutdown was refused Invalid Params and exit ignored, leaving the server running", async () => {
    const { server, exited, stdout, logged } = await started();
    server.stdin.write(frame('{"jsonrpc":"2.0","id":31,"method":"shutdown","params":null}'));
    server.stdin.write(frame('{"jsonrpc":"2.0","method":"exit","params":null}'));
    const code = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok("still running"), 20_000))]);
    if (code === "still running") server.kill();
    expect(code).toBe(0);
    expect(stdout()).toContain('{"jsonrpc":"2.0","id":31,"result":null}');
    expect(errorAnswers(stdout())).toEqual([]);
    expect(logged).toEqual([]);
  });

  test("a $/cancelRequest without params is said and dropped: the server reads on, where it stopped as at a bad header", async () => {
    const { server, client, stop, stderr, logged } = await started();
    server.stdin.write(frame('{"jsonrpc":"2.0","method":"$/cancelRequest"}'));
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///x.yml" } });
    expect(symbols).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(/^1 \$\/cancelRequest could not be read \(.+\); it is ignored$/)]);
    expect(stderr()).toBe("");
    await stop();
  });

  test("a text sent again with a version number already seen: answers read the text sent, not the one before", async () => {
    const { client, stop } = await started();
    const textDocument = { uri: "file:///x.yml", languageId: "yaml", version: 1 };
    const first = "jobs:\n  - name: abc\n    plan: []\n";
    const second = "# a comment line\njobs:\n  - name: xyz\n    plan: []\n";
    const renameAt = (line: number) =>
      client.sendRequest(RenameRequest.type, { textDocument, position: { line, character: 11 }, newName: "renamed" });
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { ...textDocument, text: first },
    });
    expect((await renameAt(1))?.changes?.[textDocument.uri]?.[0]?.range.start).toEqual({ line: 1, character: 10 });
    // opened again without a close, with version 1 again, as a client reloading the file from disk may
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { ...textDocument, text: second },
    });
    expect((await renameAt(2))?.changes?.[textDocument.uri]?.[0]?.range.start).toEqual({ line: 2, character: 10 });
    // the same version number in a change
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: textDocument.uri, version: 1 },
      contentChanges: [{ text: first }],
    });
    expect((await renameAt(1))?.changes?.[textDocument.uri]?.[0]?.range.start).toEqual({ line: 1, character: 10 });
    await stop();
  });

  test("a position past the document (a line of 1e9, a character past its line) is read as the nearest in it, where completion looked at each line up from it and held the server", async () => {
    const { client, stop } = await started();
    const uri = "file:///work/ci/p.yml";
    const text = "jobs:\n  - name: unit\n    plan: []\n  - name: ship\n    plan:\n      - get: repo\n        \n";
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text },
    });
    const textDocument = { uri };
    const end = { line: 7, character: 0 };
    const completionAt = (position: Position) => client.sendRequest(CompletionRequest.type, { textDocument, position });
    const hoverAt = (position: Position) => client.sendRequest(HoverRequest.type, { textDocument, position });
    const renameAt = (position: Position) =>
      client.sendRequest(RenameRequest.type, { textDocument, position, newName: "x" }).then(
        () => "renamed",
        (e: { message: string }) => e.message,
      );
    // at the end, column 0: the keys of the pipeline's top level not written
    const atEnd = await completionAt(end);
    expect(JSON.stringify(atEnd)).toContain('"label":"resources"');
    expect(await renameAt(end)).toBe("nothing to rename here");
    for (const position of [
      { line: 1e9, character: 0 },
      { line: 2 ** 31, character: 2 ** 53 },
    ]) {
      expect(await completionAt(position)).toEqual(atEnd);
      expect(await renameAt(position)).toBe("nothing to rename here");
    }
    // on the last line, past its end: at its end, in a get step's mapping
    const inStep = await completionAt({ line: 6, character: 1e9 });
    expect((Array.isArray(inStep) ? inStep : (inStep?.items ?? [])).map((i) => i.label)).toContain("passed");
    // past the end of `  - name: unit`: on the name
    expect(await hoverAt({ line: 1, character: 1e9 })).toEqual(await hoverAt({ line: 1, character: 14 }));
    expect(JSON.stringify(await hoverAt({ line: 1, character: 1e9 }))).toContain("**job** `unit`");
    await stop();
  });

  test("a request without a field its handler reads is InvalidParams (-32602), naming the field", async () => {
    const { client, stop } = await started();
    const textDocument = { uri: "file:///x.yml" };
    const position = { line: 0, character: 0 };
    const refused = (request: Promise<unknown>) =>
      request.then(
        () => "answered",
        (e: { code: number; message: string }) => `${e.code} ${e.message}`,
      );
    expect(await refused(client.sendRequest("textDocument/hover", { textDocument }))).toBe(
      "-32602 textDocument/hover: params.position.line must be an unsigned integer",
    );
    // LSP's positions are uintegers: a line between two lines, or a character before the first, is none
    expect(
      await refused(client.sendRequest("textDocument/hover", { textDocument, position: { line: 1.5, character: 0 } })),
    ).toBe("-32602 textDocument/hover: params.position.line must be an unsigned integer");
    expect(
      await refused(
        client.sendRequest("textDocument/definition", { textDocument, position: { line: 0, character: -3 } }),
      ),
    ).toBe("-32602 textDocument/definition: params.position.character must be an unsigned integer");
    expect(await refused(client.sendRequest("textDocument/references", { textDocument, position }))).toBe(
      "-32602 textDocument/references: params.context.includeDeclaration must be a boolean",
    );
    expect(await refused(client.sendRequest("textDocument/rename", { textDocument, position }))).toBe(
      "-32602 textDocument/rename: params.newName must be a string",
    );
    expect(await refused(client.sendRequest("textDocument/codeAction", { textDocument, context: {} }))).toBe(
      "-32602 textDocument/codeAction: params.context.diagnostics must be an array",
    );
    // each diagnostic given back has a range (a null one was answered InternalError, with a TypeError's words)
    const range = { start: position, end: position };
    for (const [diagnostics, problem] of [
      [[null], "[0].range.start.line must be an unsigned integer"],
      [
        [
          { range, message: "m" },
          { message: "m", data: { replacement: "x" } },
        ],
        "[1].range.start.line must be an unsigned integer",
      ],
      [
        [{ range: { start: position, end: { line: 0, character: -1 } }, message: "m" }],
        "[0].range.end.character must be an unsigned integer",
      ],
    ] as const) {
      expect(
        await refused(client.sendRequest("textDocument/codeAction", { textDocument, range, context: { diagnostics } })),
      ).toBe(`-32602 textDocument/codeAction: params.context.diagnostics${problem}`);
    }
    expect(await refused(client.sendRequest("textDocument/definition", {}))).toBe(
      "-32602 textDocument/definition: params.textDocument.uri must be a string",
    );
    // with the params whole, the same requests are answered
    expect(await refused(client.sendRequest("textDocument/hover", { textDocument, position }))).toBe("answered");
    expect(
      await refused(
        client.sendRequest("textDocument/codeAction", {
          textDocument,
          range,
          context: { diagnostics: [{ range, message: "m" }] },
        }),
      ),
    ).toBe("answered");
    await stop();
  });
});

describe("hangar lsp, given notifications it cannot read", () => {
  const uri = "file:///work/ci/p.yml";
  const TEXT = "jobs:\n  - name: unit\n    plan: []\n  - name: ship\n    plan: []\n";
  const outline = async (client: ProtocolConnection) =>
    ((await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []).map((s) => s.name);

  test("a document notification without a field it reads (a text that is null, a number) is ignored and said once, naming the field; the server lives on", async () => {
    const { client, stop, exited, logged } = await started();
    const { published, next } = watchDiagnostics(client);
    let ended = false;
    void exited.then(() => {
      ended = true;
    });
    const open = (textDocument: unknown) => client.sendNotification("textDocument/didOpen", { textDocument } as never);
    await open({ uri, languageId: "yaml", version: 1, text: null });
    await open({ uri, languageId: "yaml", version: 1, text: 5 });
    await open(undefined);
    await open({ uri: 7, languageId: "yaml", version: 1, text: TEXT });
    await client.sendNotification("textDocument/didClose", {} as never);
    await client.sendNotification("textDocument/didSave", { textDocument: {} } as never);
    await client.sendNotification("textDocument/willSave", { textDocument: null, reason: 1 } as never);
    await client.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 } } as never);
    // a whole notification after them is read
    await open({ uri, languageId: "yaml", version: 1, text: TEXT });
    expect((await next(1))?.version).toBe(1);
    expect(await outline(client)).toEqual(["unit", "ship"]);
    expect(ended).toBe(false);
    expect(published.map((p) => p.uri)).toEqual([uri]);
    const ignored = "; the notification is ignored";
    expect(logged).toEqual([
      `1 textDocument/didOpen: params.textDocument.text must be a string${ignored}`,
      `1 textDocument/didOpen: params.textDocument.text must be a string${ignored}`,
      `1 textDocument/didOpen: params.textDocument.uri must be a string${ignored}`,
      `1 textDocument/didOpen: params.textDocument.uri must be a string${ignored}`,
      `1 textDocument/didClose: params.textDocument.uri must be a string${ignored}`,
      `1 textDocument/didSave: params.textDocument.uri must be a string${ignored}`,
      `1 textDocument/willSave: params.textDocument.uri must be a string${ignored}`,
      `1 textDocument/didChange: params.contentChanges must be an array${ignored}`,
    ]);
    const refused = await client.sendRequest("textDocument/willSaveWaitUntil", { textDocument: {} }).then(
      () => "answered",
      (e: { code: number; message: string }) => `${e.code} ${e.message}`,
    );
    expect(refused).toBe("-32602 textDocument/willSaveWaitUntil: params.textDocument.uri must be a string");
    await stop();
  });

  test("a change is applied whole or not at all: one bad content change (a text not a string, a position not a whole number) leaves the document as it was", async () => {
    const { client, stop, logged } = await started();
    const { next } = watchDiagnostics(client);
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text: TEXT },
    });
    await next(1);
    const at = (line: number, character: number) => ({ line, character });
    const change = (version: number, contentChanges: unknown[]) =>
      client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges } as never);
    // `unit` renamed `test` by the first change; the second cannot be applied
    await change(2, [
      { range: { start: at(1, 10), end: at(1, 14) }, text: "test" },
      { range: { start: at(3, 10), end: at(3, 14) }, text: 5 },
    ]);
    await change(2, [{ range: { start: at(1, 10), end: at(1, 14) }, text: "test" }, { text: null }]);
    await change(2, [
      { range: { start: at(1, 10), end: at(1, 14) }, text: "test" },
      { range: null, text: "x" },
    ]);
    await change(2, [{ range: { start: at(1.5, 10), end: at(1, 14) }, text: "test" }]);
    expect(await outline(client)).toEqual(["unit", "ship"]);
    const ignored = "; the notification is ignored";
    expect(logged).toEqual([
      `1 textDocument/didChange: params.contentChanges[1].text must be a string${ignored}`,
      `1 textDocument/didChange: params.contentChanges[1].text must be a string${ignored}`,
      `1 textDocument/didChange: params.contentChanges[1].range.start.line must be an integer${ignored}`,
      `1 textDocument/didChange: params.contentChanges[0].range.start.line must be an integer${ignored}`,
    ]);
    // a whole change is applied, and its diagnostics published for its version
    await change(2, [{ range: { start: at(1, 10), end: at(1, 14) }, text: "test", rangeLength: 4 }]);
    expect(await outline(client)).toEqual(["test", "ship"]);
    expect((await next(2))?.version).toBe(2);
    await stop();
  });

  test("a change's range out of order is read with its ends swapped, and one beyond the document as its end", async () => {
    const { client, stop, logged } = await started();
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text: TEXT },
    });
    const change = (version: number, range: unknown, text: string) =>
      client.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      } as never);
    await change(2, { start: { line: 1, character: 14 }, end: { line: 1, character: 10 } }, "test");
    await change(
      3,
      { start: { line: 99, character: 0 }, end: { line: 120, character: 7 } },
      "  - name: last\n    plan: []\n",
    );
    await change(4, { start: { line: 3, character: 10 }, end: { line: 3, character: 900 } }, "deploy");
    expect(await outline(client)).toEqual(["test", "deploy", "last"]);
    expect(logged).toEqual([]);
    await stop();
  });

  test("a document larger than parse reads (32 Mi characters) has its one diagnostic, and is not read for names either", async () => {
    const { client, stop } = await started();
    const { next } = watchDiagnostics(client);
    const large = `${TEXT}#${"x".repeat(DEFAULT_MAX_BYTES)}\n`;
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text: large },
    });
    const { diagnostics } = (await next(1)) ?? { diagnostics: [] };
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      `input/too-large pipeline is ${large.length} characters; the limit is ${DEFAULT_MAX_BYTES}`,
    ]);
    // read the editor's way, it had names (and held the server for as long as a parse)
    expect(await outline(client)).toEqual([]);
    await stop();
  }, 60_000);
});

describe("hangar lsp, while a pipeline is being typed", () => {
  const uri = "file:///work/ci/release.yml";
  const open = (client: ProtocolConnection, text: string) =>
    client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text },
    });

  test("a job's name typed in quotes, the closing one not yet: the outline has it as typed so far, and every other name", async () => {
    const { client, stop } = await started();
    const release = TextDocument.create(
      uri,
      "yaml",
      1,
      readFileSync(join(repo, "test/fixtures/lsp/release-pipeline.yml"), "utf8"),
    );
    await open(client, release.getText());
    const outline = async () =>
      ((await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []).map(
        (s) => `${(s as { detail: string }).detail} ${s.name}`,
      );
    const typed = async (version: number, text: string) => {
      await client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
      return outline();
    };
    const before = await outline();
    expect(before).toEqual(expect.arrayContaining(["job unit", "job build-image", "job ship", "resource app-src"]));
    // a job added after the last one, its name begun with a quote (no quote after it in the text)
    const added = release.getText().replace("\ngroups:", '  - name: "dep\n\ngroups:');
    const groups = before.indexOf("group develop");
    expect(await typed(2, added)).toEqual([...before.slice(0, groups), "job dep", ...before.slice(groups)]);
    // `ship` typed again as `"shi`, with quoted scalars after it; a name after it still leads to its definition
    const renamed = release.getText().replace("- name: ship", '- name: "shi');
    expect(await typed(3, renamed)).toEqual(before.map((s) => (s === "job ship" ? "job shi" : s)));
    const at = TextDocument.create(uri, "yaml", 3, renamed);
    const passed = renamed.indexOf("passed: [build-image]") + "passed: [b".length;
    const definition = renamed.indexOf("- name: build-image") + "- name: ".length;
    const location = await client.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: at.positionAt(passed),
    });
    expect(location).toEqual({
      uri,
      range: { start: at.positionAt(definition), end: at.positionAt(definition + "build-image".length) },
    });
    await stop();
  });

  test("a key written twice (a second `jobs:`): fly's error, and a rename that would miss a name under the first refused, saying why", async () => {
    const { client, stop } = await started();
    const published = new Promise<PublishDiagnosticsParams>((ok) =>
      client.onNotification(PublishDiagnosticsNotification.type, ok),
    );
    await open(
      client,
      "resources:\n  - name: repo\n    type: git\n    source: {uri: https://example.com/repo.git}\njobs:\n  - name: unit\n    plan:\n      - get: repo\njobs:\n  - name: ship\n    plan:\n      - get: repo\n        passed: [unit]\n",
    );
    const { diagnostics } = await published;
    expect(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual([
      '9:1 mapping key "jobs" already defined at line 5',
    ]);
    const refusal = (request: Promise<unknown>) =>
      request.then(
        () => "answered",
        (e: { message: string }) => e.message,
      );
    const textDocument = { uri };
    expect(
      await refusal(
        client.sendRequest(RenameRequest.type, {
          textDocument,
          position: { line: 12, character: 18 },
          newName: "test",
        }),
      ),
    ).toBe(
      "the key 'jobs' at 5:1 is written again at 9:1, and only the last one is read, so 'unit' at 6:11 would not be renamed: fix the repeated key before renaming",
    );
    expect(
      await refusal(
        client.sendRequest(PrepareRenameRequest.type, { textDocument, position: { line: 5, character: 11 } }),
      ),
    ).toBe("the key 'jobs' at 5:1 is written again at 9:1, and only the last one is read: fix it before renaming");
    await stop();
  });
});

/**
 * The diagnostics `client` is published, in order: `next(n)` waits for the `n`th, `ofVersion(v)` for those of version
 * `v` of a document.
 */
function watchDiagnostics(client: ProtocolConnection) {
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  const until = async <T>(found: () => T | undefined): Promise<T> => {
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      await new Promise<void>((ok) => waiters.push(ok));
    }
  };
  const next = (count: number) => until(() => published[count - 1]);
  const ofVersion = (version: number) => until(() => published.find((p) => p.version === version));
  return { published, next, ofVersion };
}
