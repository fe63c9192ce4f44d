import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PassThrough, type Readable, type Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FileChangeType,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShowMessageNotification,
  ShutdownRequest,
} from "vscode-languageserver-protocol";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { type Io, nodeIo } from "../cli/io.ts";
import { readTemplateVars } from "../cli/template-vars.ts";
import { validateText } from "../validate/validate-text.ts";
import { toLspDiagnostics } from "./features/diagnostics.ts";
import { type ServerOptions, startServer } from "./server.ts";
import type { VarsReader } from "./settings.ts";

/** A pipeline whose `trigger` is a var (an error without it), with a var given by no one and one a vars file gives. */
const PIPELINE = `resources:
  - name: repo
    type: git
    source: { uri: ((git-uri)), branch: ((branch)) }
jobs:
  - name: build
    plan:
      - get: repo
        trigger: ((auto))
        version: ((pin))
      - get: ((other))
`;
const VARS_FILE = "branch: main\npin: { ref: abc }\nother: repo2\n";

/** The workspace folders made, removed after the tests. */
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A workspace folder holding `files` (path: text). */
function workspace(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), "hangar-lsp-vars-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: "w" });
  }
  return root;
}

/** The CLI's reader of var flags, with files relative to the root (what `hangar lsp` gives the server). */
const cliVars: VarsReader = ({ varsFiles, yamlVars }, root) =>
  readTemplateVars({ loadVarsFrom: [...varsFiles], yamlVar: [...yamlVars] }, ioAt(root ?? process.cwd()));

/** The CLI's io, in `root`. */
const ioAt = (root: string): Io => ({ ...nodeIo(process), cwd: () => root });

/** A client spoken to a server on a pair of streams, initialized with `init` (rootUri, initializationOptions). */
async function clientOf(toServer: Writable, fromServer: Readable, init: Record<string, unknown>) {
  const client = createProtocolConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
  const shown: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  client.onNotification(ShowMessageNotification.type, ({ type, message }) => {
    shown.push(`${type} ${message}`);
    wake();
  });
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    wake();
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, ...init });
  const uri = "file:///ci/pipeline.yml";
  /** Waits until `ready()` holds. */
  const until = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((ok) => waiters.push(ok));
  };
  return {
    client,
    shown,
    published,
    uri,
    until,
    open: (text = PIPELINE) =>
      client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "yaml", version: 1, text },
      }),
    /** The `n`th diagnostics published (from 1), each as its code and message. */
    findings: async (n: number) => {
      await until(() => published.length >= n);
      return (published[n - 1] as PublishDiagnosticsParams).diagnostics.map((d) => `${d.code} ${d.message}`);
    },
  };
}

/** The server in this process, with the CLI's reader of vars. */
async function serverWith(init: Record<string, unknown>, options: ServerOptions = { readVars: cliVars }) {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  void startServer(toServer, fromServer, options);
  return clientOf(toServer, fromServer, init);
}

/** What `hangar validate -l <files> -y <pairs>` finds in the text, as the server publishes it. */
async function validated(text: string, uri: string, root: string, flags: { files: string[]; yaml: string[] }) {
  const vars = await readTemplateVars({ loadVarsFrom: flags.files, yamlVar: flags.yaml }, ioAt(root));
  if (vars === undefined || "error" in vars) throw new Error(`vars not read: ${JSON.stringify(vars)}`);
  const { diagnostics } = validateText(text, { file: uri, vars });
  return toLspDiagnostics(diagnostics, TextDocument.create(uri, "yaml", 1, text), undefined);
}

/** A promise, and the function that resolves it. */
function gate(): { promise: Promise<void>; resolve: () => void } {
  const opened = { resolve: () => {} };
  const promise = new Promise<void>((ok) => {
    opened.resolve = ok;
  });
  return { promise, resolve: () => opened.resolve() };
}

const SETTINGS = { hangar: { varsFiles: ["ci/vars.yml"], vars: { auto: true } } };

describe("the language server's vars (settings under hangar)", () => {
  test("without vars, trigger: ((auto)) is fly's error", async () => {
    const server = await serverWith({});
    await server.open();
    expect(await server.findings(1)).toEqual([
      expect.stringMatching(/^type-mismatch json: cannot unmarshal string into Go struct field GetStep.trigger/),
    ]);
  });

  test("initializationOptions' vars give the findings of hangar validate -l ci/vars.yml -y auto=true", async () => {
    const root = workspace({ "ci/vars.yml": VARS_FILE });
    const server = await serverWith({ rootUri: pathToFileURL(root).href, initializationOptions: SETTINGS });
    await server.open();
    await server.until(() => server.published.length >= 1);
    const expected = await validated(PIPELINE, server.uri, root, { files: ["ci/vars.yml"], yaml: ["auto=true"] });
    // the var no one gives is left, the file's `other` names a resource not defined (a finding, at its place)
    expect(expected.map((d) => d.code)).toEqual(["get-unknown-resource"]);
    expect(server.published[0]?.diagnostics.map(({ data: _, ...d }) => d)).toEqual(
      expected.map(({ data: _, ...d }) => d),
    );
    expect(server.shown).toEqual([]);
  });

  test("a vars file later in the list wins, and a var of the settings wins over the files, as in the CLI", async () => {
    const root = workspace({ "ci/a.yml": "auto: 1\nother: repo\n", "ci/b.yml": "auto: nope\n" });
    const settings = { hangar: { varsFiles: ["ci/a.yml", "ci/b.yml"] } };
    const server = await serverWith({ rootUri: pathToFileURL(root).href, initializationOptions: settings });
    await server.open(
      "resources: [{ name: repo, type: git }]\njobs:\n  - name: build\n    plan:\n      - get: ((other))\n        trigger: ((auto))\n",
    );
    expect(await server.findings(1)).toEqual([
      "type-mismatch json: cannot unmarshal string into Go struct field GetStep.trigger of type bool",
    ]);
    await server.client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { hangar: { ...settings.hangar, vars: { auto: false } } },
    });
    expect(await server.findings(2)).toEqual([]);
  });

  test("settings changed: the open documents are checked again with the new vars, and without them", async () => {
    const root = workspace({ "ci/vars.yml": VARS_FILE });
    const server = await serverWith({ rootUri: pathToFileURL(root).href });
    await server.open();
    expect(await server.findings(1)).toEqual([expect.stringMatching(/^type-mismatch /)]);
    await server.client.sendNotification(DidChangeConfigurationNotification.type, { settings: SETTINGS });
    expect(await server.findings(2)).toEqual(["get-unknown-resource unknown resource 'repo2'; did you mean 'repo'?"]);
    await server.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { hangar: {} } });
    expect(await server.findings(3)).toEqual([expect.stringMatching(/^type-mismatch /)]);
  });

  test.each([
    [
      "a vars file missing",
      {},
      /^2 hangar: could not read template variables file \(ci\/vars.yml\): no such file \(ENOENT\); pipelines are checked without vars$/,
    ],
    [
      "a vars file that is not YAML",
      { "ci/vars.yml": "branch: main\n  pin: [\n" },
      /^2 hangar: could not unmarshal template variables \(ci\/vars.yml:2:\d+\): .+; pipelines are checked without vars$/,
    ],
  ])("%s: one warning naming it and why; the pipeline is checked without vars", async (_, files, warning) => {
    const root = workspace(files);
    const server = await serverWith({ rootUri: pathToFileURL(root).href, initializationOptions: SETTINGS });
    await server.open();
    expect(await server.findings(1)).toEqual([expect.stringMatching(/^type-mismatch /)]);
    expect(server.shown).toEqual([expect.stringMatching(warning)]);
  });

  test("settings it cannot read are said, and the pipeline is checked without vars", async () => {
    const server = await serverWith({ initializationOptions: { hangar: { vars: "auto=true" } } });
    await server.open();
    expect(await server.findings(1)).toEqual([expect.stringMatching(/^type-mismatch /)]);
    expect(server.shown).toEqual([
      "2 hangar: hangar.vars must be a mapping of var names to values; pipelines are checked without vars",
    ]);
  });

  test("a server given no reader of vars says the settings' vars are not read", async () => {
    const server = await serverWith({ initializationOptions: SETTINGS }, {});
    await server.open();
    expect(await server.findings(1)).toEqual([expect.stringMatching(/^type-mismatch /)]);
    expect(server.shown).toEqual([
      "2 hangar: this server reads no vars (hangar.vars, hangar.varsFiles); pipelines are checked without vars",
    ]);
  });

  test("a document opened while the vars are read is checked once they are, not first without them", async () => {
    const read = gate();
    const readVars: VarsReader = async (given, root) => {
      await read.promise;
      return cliVars(given, root);
    };
    const root = workspace({ "ci/vars.yml": VARS_FILE });
    const init = { rootUri: pathToFileURL(root).href, initializationOptions: SETTINGS };
    const server = await serverWith(init, { readVars });
    await server.open();
    // a request answered after the document was taken in
    await server.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: server.uri } });
    read.resolve();
    expect(await server.findings(1)).toEqual(["get-unknown-resource unknown resource 'repo2'; did you mean 'repo'?"]);
  });

  test("the vars of the settings given last are used, whichever read ends first", async () => {
    const first = gate();
    const readVars: VarsReader = async (given, root) => {
      if (given.yamlVars.includes("auto=1")) await first.promise;
      return cliVars(given, root);
    };
    const server = await serverWith({ initializationOptions: { hangar: { vars: { auto: 1 } } } }, { readVars });
    await server.open("jobs:\n  - name: build\n    plan:\n      - get: repo\n        trigger: ((auto))\n");
    await server.client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { hangar: { vars: { auto: true } } },
    });
    expect(await server.findings(1)).toEqual(["get-unknown-resource unknown resource 'repo'"]);
    first.resolve();
    await server.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: server.uri } });
    await new Promise((ok) => setImmediate(ok));
    expect(server.published.map((p) => p.diagnostics.map((d) => d.code))).toEqual([["get-unknown-resource"]]);
  });

  test("a watched file changed: the vars files are read again and the documents checked again", async () => {
    const root = workspace({ "ci/vars.yml": "auto: nope\n" });
    const settings = { hangar: { varsFiles: ["ci/vars.yml"] } };
    const server = await serverWith({ rootUri: pathToFileURL(root).href, initializationOptions: settings });
    await server.open("jobs:\n  - name: build\n    plan:\n      - get: repo\n        trigger: ((auto))\n");
    expect(await server.findings(1)).toEqual([expect.stringMatching(/^type-mismatch /)]);
    writeFileSync(join(root, "ci/vars.yml"), "auto: true\n");
    await server.client.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(root, "ci/vars.yml")).href, type: FileChangeType.Changed }],
    });
    expect(await server.findings(2)).toEqual(["get-unknown-resource unknown resource 'repo'"]);
  });
});

const repo = resolve(import.meta.dirname, "../..");

describe("hangar lsp reads the settings' vars with the CLI's reader", () => {
  const servers: ChildProcessWithoutNullStreams[] = [];
  afterAll(() => {
    for (const server of servers) server.kill();
  });

  test("over stdio: the findings of hangar validate -l ci/vars.yml -y auto=true", async () => {
    const root = workspace({ "ci/vars.yml": VARS_FILE });
    const server = spawn(process.execPath, [join(repo, "bin/hangar.js"), "lsp", "--stdio"], { stdio: "pipe" });
    servers.push(server);
    const client = await clientOf(server.stdin, server.stdout, {
      rootUri: pathToFileURL(root).href,
      initializationOptions: SETTINGS,
    });
    await client.open();
    await client.until(() => client.published.length >= 1);
    const expected = await validated(PIPELINE, client.uri, root, { files: ["ci/vars.yml"], yaml: ["auto=true"] });
    expect(client.published[0]?.diagnostics.map(({ data: _, ...d }) => d)).toEqual(
      expected.map(({ data: _, ...d }) => d),
    );
    await client.client.sendRequest(ShutdownRequest.type);
    await client.client.sendNotification(ExitNotification.type);
  });
});
