import { nodeIo } from "./io.ts";
import { runCli } from "./run-cli.ts";

process.setSourceMapsEnabled(true);
process.exitCode = await runCli(process.argv.slice(2), nodeIo(process));
