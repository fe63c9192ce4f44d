import { nodeIo } from "./io.ts";
import { runCli } from "./run-cli.ts";

// No top-level await: this is the entry of a CommonJS bundle (see scripts/build.mjs).
const io = nodeIo(process);
void runCli(process.argv.slice(2), io).then(async (code) => {
  process.exitCode = code;
  // A pipeline module may leave timers or sockets open (one that timed out, say): once the output is
  // flushed they must not keep hangar running.
  await io.flushed();
  process.exit(code);
});
