import { nodeIo } from "./io.ts";
import { runCli } from "./run-cli.ts";

const code = await runCli(process.argv.slice(2), nodeIo(process));
process.exitCode = code;
// A pipeline module may leave timers or sockets open (one that timed out, say): once the output is
// flushed they must not keep hangar running.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
