// Language server latency: `hangar lsp` (the built CLI) is spawned and spoken to over stdio by the
// protocol's node client; a 2,000-line pipeline is opened, then each edit (a typo typed into a `get`,
// then removed) is timed from sending didChange to receiving the diagnostics of that version. Beside
// it, the same text validated in this process (validateText from dist/), the floor the server adds to.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
} from "vscode-languageserver-protocol";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";

/** A pipeline of exactly `lines` lines: resources, and jobs that get, put and run a task. */
export function pipelineOfLines(lines) {
  const out = ["resources:"];
  const jobs = ["jobs:"];
  for (let i = 0; out.length + jobs.length < lines - 20; i++) {
    out.push(`  - name: src-${i}`, "    type: git", "    source:", `      uri: https://git.example.com/r${i}.git`);
    jobs.push(
      `  - name: build-${i}`,
      "    plan:",
      `      - get: src-${i}`,
      "        trigger: true",
      ...(i > 0 ? [`        passed: [build-${i - 1}]`] : []),
      "      - task: unit",
      "        config:",
      "          platform: linux",
      "          image_resource: { type: registry-image, source: { repository: alpine } }",
      `          inputs: [{ name: src-${i} }]`,
      "          run: { path: sh, args: [-c, make test] }",
    );
  }
  const text = [...out, ...jobs];
  while (text.length < lines) text.push("# padding");
  return `${text.slice(0, lines).join("\n")}\n`;
}

export async function measureLsp({ repo, lines = 2000, edits = 40, warmups = 10 }) {
  const { validateText } = await import(pathToFileURL(join(repo, "dist/validate.js")).href);
  const text = pipelineOfLines(lines);
  const uri = "file:///bench/pipeline.yml";
  const server = spawn(process.execPath, [join(repo, "bin/hangar.js"), "lsp", "--stdio"], { stdio: "pipe" });
  const client = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const waiting = new Map();
  client.onNotification(PublishDiagnosticsNotification.type, (p) => waiting.get(p.version)?.(p));
  client.listen();
  const diagnosticsOf = (version) => new Promise((resolve) => waiting.set(version, resolve));
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
  await client.sendNotification(InitializedNotification.type, {});
  let version = 1;
  const opened = diagnosticsOf(version);
  await client.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "yaml", version, text },
  });
  await opened;
  // the typo goes after `get: src-0` (line 2 of the first job); typed, then removed, in turn
  const line = text.split("\n").indexOf("      - get: src-0");
  const at = { line, character: "      - get: src-0".length };
  const samples = [];
  let found = 0;
  for (let i = 0; i < warmups + edits; i++) {
    version++;
    const typo = i % 2 === 0;
    const range = typo ? { start: at, end: at } : { start: at, end: { ...at, character: at.character + 1 } };
    const published = diagnosticsOf(version);
    const start = performance.now();
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: typo ? "x" : "" }],
    });
    const { diagnostics } = await published;
    const elapsed = performance.now() - start;
    if (i >= warmups) samples.push(elapsed);
    if (typo) found = diagnostics.filter((d) => d.code === "get-unknown-resource").length;
  }
  await client.sendRequest(ShutdownRequest.type);
  await client.sendNotification(ExitNotification.type);
  client.dispose();
  const inProcess = [];
  for (let i = 0; i < warmups + edits; i++) {
    const start = performance.now();
    validateText(text, { file: uri });
    if (i >= warmups) inProcess.push(performance.now() - start);
  }
  return { lines: text.split("\n").length - 1, samples, inProcess, typoDiagnostics: found };
}
