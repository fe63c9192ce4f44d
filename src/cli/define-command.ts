import { printable } from "../source/printable.ts";
import type { Io, WriteOutcome } from "./io.ts";

/** Exit codes: 0 success, 1 findings (errors in a pipeline), 2 usage, load or parse failure. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One option of a command. */
export interface OptionSpec {
  /**
   * The flags, written as in usage lines: `-o, --out <path>` (takes a value), `--strict` (a switch),
   * `--no-validate` (a switch whose value, `validate`, is true unless given).
   */
  readonly flags: string;
  readonly description: string;
  readonly default?: string | boolean;
  /** Allowed values, checked before `run`. */
  readonly choices?: readonly string[];
  /**
   * The option may be given more than once (`-v a=1 -v b=2`); its value is then the list of the values
   * in the order given (`[]` when absent). Only for options that take a value.
   */
  readonly repeatable?: boolean;
}

/** An option's parsed value: a string, a switch, or the values of a repeatable option. */
export type OptionValue = string | boolean | readonly string[] | undefined;

/** What a command receives: its positional arguments and option values (camelCase keys). */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, OptionValue>>;
}

/**
 * A CLI command: one per file under `commands/`. The command file is read for `--help`, so it
 * imports only types statically; `run` imports what it needs when it runs (a test checks this).
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments as in usage lines: `<entry>` (required), `[dir]` (optional), `<files...>`. */
  readonly arguments: string;
  /** What the positional arguments accept (files, folders, globs, `-` for standard input), for `--help`. */
  readonly argumentsHelp?: string;
  readonly options: readonly OptionSpec[];
  run(args: CommandArgs, io: Io): Promise<ExitCode>;
}

/**
 * A user-facing error of command `name` as one line (without its newline), in the one form every error of a command
 * takes, whatever failed (the command line, loading, reading, writing, the server): `hangar <name>: <message>`. The
 * control characters a message quotes from the user or a server (an escape sequence in a name given) are shown as
 * escapes ({@link printable}), line by line: a message of several lines keeps them.
 */
export const commandError = (name: string, message: string): string =>
  `hangar ${name}: ${message.split("\n").map(printable).join("\n")}`;

/** Reports an error of command `name` on stderr, as {@link commandError}'s line. */
export function reportError(io: Io, name: string, message: string): void {
  io.stderr(`${commandError(name, message)}\n`);
}

/** The line saying what a write did: `wrote definition.json`, or `definition.json unchanged`. */
export const describeWrite = (outcome: WriteOutcome, shown: string): string =>
  outcome === "written" ? `wrote ${shown}` : `${shown} unchanged`;

/**
 * Reports a usage error of command `name` on stderr: {@link commandError}'s line, then how to get help
 * (`(run \`hangar <name> --help\` for usage)`). Returns exit code 2.
 */
export function usageError(io: Io, name: string, problem: string): ExitCode {
  io.stderr(`${commandError(name, problem)}\n(run \`hangar ${name} --help\` for usage)\n`);
  return EXIT.failure;
}

/** Identity helper that types a command definition. */
export const defineCommand = (command: Command): Command => command;
