import type { OptionSpec, OptionValue } from "./define-command.ts";

// Options several commands share. Command files import this module statically (it is read for
// `--help`), so it holds specs and small readers only.

/** `--timeout`: how long a pipeline module may take to give its pipeline. */
export const timeoutOption: OptionSpec = {
  flags: "--timeout <seconds>",
  description: "how long a pipeline module may take to load and give its pipeline",
  default: "10",
};

/** `--request-timeout`: how long a Concourse may stay silent once connected. */
export const requestTimeoutOption: OptionSpec = {
  flags: "--request-timeout <seconds>",
  description: "how long Concourse may send nothing, before or within an answer, before hangar gives up",
  default: "60",
};

/**
 * A timeout option's value (`--timeout` unless `flag` says another) in milliseconds, or a usage message when it
 * is not a positive number of seconds.
 */
export function readTimeout(value: OptionValue, flag = "--timeout"): number | { readonly usageError: string } {
  const seconds = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0)) return { usageError: `${flag}: '${String(value)}' is not a positive number of seconds` };
  return seconds * 1000;
}

/**
 * The lines of context of `-U` (diff's and apply's): digits only, where Number() reads '' and ' ' as 0 and '0x10' as
 * 16; a usage error otherwise.
 */
export function readContext(value: OptionValue): number | { readonly usageError: string } {
  const lines = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(lines)) return { usageError: `-U must be a whole number of lines, not '${String(value)}'` };
  return lines;
}

/**
 * The file an `-o` option names: undefined when none is given or when it is `-`, which stands for standard output (as
 * it does for most commands), where it would write a file named `-`.
 */
export const outFile = (value: OptionValue): string | undefined =>
  typeof value === "string" && value !== "-" ? value : undefined;

/**
 * The usage problem of arguments that name standard input (`-`) more than once, or undefined: it can be read only
 * once, and a second read would find it empty (and read that as an empty pipeline).
 */
export const stdinTwice = (args: readonly string[]): string | undefined =>
  args.indexOf("-") === args.lastIndexOf("-") ? undefined : "standard input ('-') can be read only once: give - once";

/** fly's template variable options, as `fly validate-pipeline` and `set-pipeline` spell them. */
export const VAR_OPTIONS: readonly OptionSpec[] = [
  { flags: "-v, --var <name=value>", description: "a string value for a ((var))", repeatable: true },
  { flags: "-y, --yaml-var <name=yaml>", description: "a YAML value for a ((var))", repeatable: true },
  {
    flags: "-l, --load-vars-from <file>",
    description: "a YAML file of values for ((vars)); later files win",
    repeatable: true,
  },
  {
    flags: "-i, --instance-var <name=yaml>",
    description: "an instance var, also a ((var))",
    repeatable: true,
  },
];
