import { Console } from "node:console";
import { nodeIo } from "./io.ts";
import { quietEsSyntaxAsCommonJsWarning } from "./node-warnings.ts";
import { runCli } from "./run-cli.ts";
import { watchUnfinishedExit } from "./unfinished-exit.ts";

// Standard output holds hangar's product (a pipeline, fly commands, a graph, the language server's messages); what a
// pipeline module logs goes to standard error, so that `hangar render --stdout | fly ...` never reads a stray line.
// Made on first use: making process.stderr loads Node's stream modules, which a render that logs nothing never needs.
Object.defineProperty(globalThis, "console", {
  configurable: true,
  get() {
    const console = new Console({ stdout: process.stderr, stderr: process.stderr });
    Object.defineProperty(globalThis, "console", { value: console, configurable: true, writable: true });
    return console;
  },
});

// A pipeline module of ES syntax that Node loads as CommonJS fails with hangar's one sentence, not after Node's warning.
quietEsSyntaxAsCommonJsWarning(process);

// No top-level await: this is the entry of a CommonJS bundle (see scripts/build.mjs).
// A pipeline module's timer that ends the process before hangar is done is said, exit 2 (see unfinished-exit.ts).
const run = watchUnfinishedExit(process, process.argv[2]);
const io = nodeIo(process, run.exit);
void runCli(process.argv.slice(2), io).then(async (code) => {
  process.exitCode = code;
  run.finished(code);
  // Node prints the warnings a pipeline module emits (process.emitWarning) on a later tick: they are printed before
  // hangar exits, not lost when the rest of the run took no more than promises (a render that writes nothing else).
  await new Promise((resolve) => process.nextTick(resolve));
  // A pipeline module may leave timers or sockets open (one that timed out, say): once the output is
  // flushed they must not keep hangar running.
  await io.flushed();
  run.exit(code);
});
