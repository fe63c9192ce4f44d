import { printable } from "../source/printable.ts";
import { commandHelp, parseCommandArgs, programHelp, wantsHelp } from "./args.ts";
import { commands } from "./commands/index.ts";
import { EXIT, type ExitCode, usageError } from "./define-command.ts";
import type { Io } from "./io.ts";
import { VERSION } from "./version.ts";

const DESCRIPTION = "Concourse CI pipelines written in TypeScript";

/**
 * Runs the hangar CLI with `argv` (without `node` and the script) and returns the exit code.
 * Never exits the process and never writes anywhere but `io`. Only the chosen command's `run`
 * loads more code: `--version` and `--help` read the command files alone.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === "-V" || first === "--version") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === undefined || first.startsWith("-")) {
    const help = first === "-h" || first === "--help";
    if (help) io.stdout(programHelp(commands, DESCRIPTION));
    else {
      if (first !== undefined)
        io.stderr(`hangar: unknown option '${printable(first)}'${await suggestion(first, ["--version", "--help"])}\n`);
      io.stderr(programHelp(commands, DESCRIPTION));
    }
    return help ? EXIT.ok : EXIT.failure;
  }
  if (first === "help") {
    const command = commands.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && command === undefined) return unknownCommand(rest[0], io);
    io.stdout(command === undefined ? programHelp(commands, DESCRIPTION) : commandHelp(command));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === first);
  if (command === undefined) return unknownCommand(first, io);
  if (wantsHelp(rest)) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  const args = parseCommandArgs(command, rest);
  if ("usageError" in args) {
    const { unknownOption } = args;
    const hint = unknownOption === undefined ? "" : await suggestion(unknownOption.given, unknownOption.known);
    return usageError(io, command.name, `${args.usageError}${hint}`);
  }
  return command.run(args, io);
}

async function unknownCommand(name: string, io: Io): Promise<ExitCode> {
  const names = commands.map((c) => c.name);
  io.stderr(
    `hangar: unknown command '${printable(name)}'${await suggestion(name, names)} (commands: ${names.join(", ")})\n`,
  );
  return EXIT.failure;
}

/** `; did you mean '--strict'?` for a name given that is a likely typo of one known, else "" (loaded when needed). */
async function suggestion(given: string, known: readonly string[]): Promise<string> {
  const { didYouMeanSuffix } = await import("../source/did-you-mean.ts");
  return didYouMeanSuffix(given, known);
}
