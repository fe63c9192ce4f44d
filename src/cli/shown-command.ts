import { printable } from "../source/printable.ts";

/**
 * A fly command as printed on standard output (by `hangar render`, and by a pipeline module run as a script): as it is
 * for a pipe or a file (what the shell then runs), with its control characters as escapes on a terminal
 * ({@link printable}), where a name's ESC or bidi override would act. Whether standard output is a terminal is asked
 * only of a command holding such a character: asking makes Node's stream of it, which loads its net and stream
 * modules (a cached render makes none; `test/startup.test.ts`).
 */
export function shownCommand(command: string, isTerminal: () => boolean): string {
  const shown = printable(command);
  return shown !== command && isTerminal() ? shown : command;
}
