import { CommanderError, Option, Command as Program } from "commander";
import { commands } from "./commands/index.ts";
import { type Command, EXIT, type ExitCode } from "./define-command.ts";
import type { Io } from "./io.ts";

const VERSION = "0.1.0";

/**
 * Runs the hangar CLI with `argv` (without `node` and the script) and returns the exit code.
 * Never exits the process and never writes anywhere but `io`.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Program("hangar")
    .description("Concourse CI pipelines written in TypeScript")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run `hangar --help` for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const command of commands) program.addCommand(toProgram(command, io, (code) => (exitCode = code)));
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version print and succeed; everything else is a usage error
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    throw error;
  }
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.failure;
  }
  return exitCode;
}

function toProgram(command: Command, io: Io, setExit: (code: ExitCode) => void): Program {
  const sub = new Program(command.name)
    .description(command.summary)
    .arguments(command.arguments)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(`(run \`hangar ${command.name} --help\` for usage)`)
    .exitOverride();
  for (const spec of command.options) {
    const option = new Option(spec.flags, spec.description);
    if (spec.default !== undefined) option.default(spec.default);
    if (spec.choices) option.choices(spec.choices);
    sub.addOption(option);
  }
  sub.action(async (...args: unknown[]) => {
    const values = (args.at(-2) ?? {}) as Record<string, string | boolean | undefined>;
    const positionals = args.slice(0, -2).flat() as string[];
    setExit(await command.run({ positionals, values }, io));
  });
  return sub;
}
