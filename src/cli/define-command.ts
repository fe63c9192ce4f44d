import type { Io } from "./io.ts";

/** Exit codes: 0 success, 1 findings (errors in a pipeline), 2 usage, load or parse failure. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One option of a command, in commander's flag syntax. */
export interface OptionSpec {
  /** e.g. `-o, --out <path>`, `--format <format>`, `--strict`, `--no-validate`. */
  readonly flags: string;
  readonly description: string;
  readonly default?: string | boolean;
  /** Allowed values, checked before `run`. */
  readonly choices?: readonly string[];
}

/** What a command receives: its positional arguments and option values (camelCase keys). */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** A CLI command: one per file under `commands/`. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments in commander syntax: `<entry>`, `<files...>`. */
  readonly arguments: string;
  readonly options: readonly OptionSpec[];
  run(args: CommandArgs, io: Io): Promise<ExitCode>;
}

/** Identity helper that types a command definition. */
export const defineCommand = (command: Command): Command => command;
