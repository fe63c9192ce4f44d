import { parseArgs } from "node:util";
import type { Command, CommandArgs, OptionSpec, OptionValue } from "./define-command.ts";

/** An option's flags, read from its spec: `-o, --out <path>` gives short `o`, long `out`, key `out`, a value. */
interface Flag {
  readonly spec: OptionSpec;
  readonly short?: string;
  /** The long name as typed, without dashes (`no-validate`, `load-vars-from`). */
  readonly long: string;
  /** The key in `values`, camelCase (`validate`, `loadVarsFrom`). */
  readonly key: string;
  readonly takesValue: boolean;
  /** `--no-x`: a switch whose value is `x: false` when given and `x: true` otherwise. */
  readonly negated: boolean;
}

const camelCase = (name: string): string => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Reads the flag syntax of an option spec; throws on a malformed spec (a bug in a command file). */
export function readFlag(spec: OptionSpec): Flag {
  const match = /^(?:-([a-zA-Z]), )?--([a-z][a-z0-9-]*)(?: <[^>]+>)?$/.exec(spec.flags);
  if (match === null) throw new Error(`malformed option flags: '${spec.flags}'`);
  const [, short, long = ""] = match;
  const takesValue = spec.flags.endsWith(">");
  const negated = long.startsWith("no-") && !takesValue;
  if (spec.repeatable && !takesValue) throw new Error(`a repeatable option takes a value: '${spec.flags}'`);
  return {
    spec,
    ...(short !== undefined && { short }),
    long,
    key: camelCase(negated ? long.slice(3) : long),
    takesValue,
    negated,
  };
}

/** A usage error: its message, for `hangar <command>: <message>`. */
export interface UsageError {
  readonly usageError: string;
  /** For an option the command does not have: the one given, and the command's own (for a "did you mean"). */
  readonly unknownOption?: { readonly given: string; readonly known: readonly string[] };
}

/** Whether the user asked for help (`-h`/`--help` anywhere before `--`). */
export const wantsHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "-h" || a === "--help");
};

/**
 * Parses a command's arguments with `node:util`'s parseArgs (loaded with Node itself, so it costs
 * nothing at start-up) and checks them against the command's specs: unknown options, missing values,
 * choices, and the positionals that `arguments` requires.
 */
export function parseCommandArgs(command: Command, argv: readonly string[]): CommandArgs | UsageError {
  const flags = command.options.map(readFlag);
  const byName = new Map<string, Flag>();
  for (const flag of flags) {
    byName.set(flag.long, flag);
    if (flag.short !== undefined) byName.set(flag.short, flag);
  }
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      flags.map((f) => [
        f.long,
        { type: f.takesValue ? "string" : "boolean", multiple: true, ...(f.short !== undefined && { short: f.short }) },
      ]),
    ),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const values: Record<string, OptionValue> = {};
  for (const flag of flags) {
    if (flag.spec.repeatable) values[flag.key] = [];
    else if (flag.negated) values[flag.key] = true;
    else if (flag.spec.default !== undefined) values[flag.key] = flag.spec.default;
  }
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const flag = byName.get(token.name);
    if (flag === undefined) {
      return {
        usageError: `unknown option '${token.rawName}'`,
        unknownOption: { given: token.rawName, known: flags.map((f) => `--${f.long}`) },
      };
    }
    if (!flag.takesValue) {
      if (token.inlineValue) return { usageError: `option '${flag.spec.flags}' takes no value` };
      values[flag.key] = !flag.negated;
      continue;
    }
    const value = token.value;
    // parseArgs takes the next argument whatever it is; an option there means the value was forgotten
    if (value === undefined || (!token.inlineValue && value.startsWith("-") && value !== "-")) {
      return { usageError: `option '${flag.spec.flags}' needs a value` };
    }
    if (flag.spec.choices && !flag.spec.choices.includes(value)) {
      return {
        usageError: `option '${flag.spec.flags}': '${value}' is not one of ${flag.spec.choices.join(", ")}`,
      };
    }
    const previous = values[flag.key];
    values[flag.key] = flag.spec.repeatable && Array.isArray(previous) ? [...previous, value] : value;
  }
  const missing = requiredPositionals(command.arguments).slice(positionals.length)[0];
  if (missing !== undefined) return { usageError: `missing argument ${missing}` };
  const max = maxPositionals(command.arguments);
  if (positionals.length > max) return { usageError: `too many arguments (expected ${command.arguments || "none"})` };
  return { positionals, values };
}

const requiredPositionals = (syntax: string): string[] => syntax.match(/<[^>]+>/g) ?? [];
const maxPositionals = (syntax: string): number =>
  syntax.includes("...") ? Number.POSITIVE_INFINITY : (syntax.match(/[<[][^>\]]+[>\]]/g) ?? []).length;

/** Word-wraps `text` to `width` columns, continuation lines indented by `indent`. */
function wrap(text: string, indent: number, width = 80): string {
  const room = Math.max(width - indent, 30);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

/** Two aligned columns: `  term   description` with the description wrapped under itself. */
function columns(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([term]) => term.length)) + 2;
  return rows.map(([term, text]) => `  ${term.padEnd(width)}${wrap(text, width + 2)}`).join("\n");
}

/** What a spec adds after its description: choices, default, repeatable. */
function details(spec: OptionSpec): string {
  const notes: string[] = [];
  if (spec.choices) notes.push(`one of: ${spec.choices.join(", ")}`);
  if (typeof spec.default === "string") notes.push(`default: ${spec.default}`);
  if (spec.repeatable) notes.push("repeatable");
  return notes.length === 0 ? spec.description : `${spec.description} (${notes.join("; ")})`;
}

/** `hangar <command> --help`: usage, summary, what the arguments accept, and every option with its choices and default. */
export function commandHelp(command: Command): string {
  const usage = `hangar ${command.name} [options]${command.arguments ? ` ${command.arguments}` : ""}`;
  const options: [string, string][] = command.options.map((spec) => [spec.flags, details(spec)]);
  options.push(["-h, --help", "show this help"]);
  const accepts =
    command.argumentsHelp === undefined
      ? ""
      : `Arguments:\n${columns([[command.arguments, command.argumentsHelp]])}\n\n`;
  return `Usage: ${usage}\n\n${wrap(command.summary, 0)}\n\n${accepts}Options:\n${columns(options)}\n`;
}

/** `hangar --help`: every command with its arguments and summary. */
export function programHelp(commands: readonly Command[], description: string): string {
  const rows: [string, string][] = commands.map((c) => [`${c.name} ${c.arguments}`.trim(), c.summary]);
  const options: [string, string][] = [
    ["-V, --version", "print the version"],
    ["-h, --help", "show this help (`hangar <command> --help` for a command's options)"],
  ];
  return `Usage: hangar <command> [options]\n\n${description}\n\nCommands:\n${columns(rows)}\n\nOptions:\n${columns(options)}\n`;
}
