import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { commands } from "../src/cli/commands/index.ts";

// The README's CLI table names every command and every flag that `hangar <command> --help` shows.
const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
const synopses = readme
  .slice(readme.indexOf("\n## CLI\n"))
  .split("\n")
  .filter((line) => line.startsWith("| `hangar"))
  .map((line) => line.split(/(?<!\\)\|/)[1] ?? "");

const flagsOf = (spec: string): string[] => [...spec.matchAll(/(?<![\w-])--?[A-Za-z][\w-]*/g)].map(([flag]) => flag);
const mentions = (text: string, flag: string): boolean =>
  new RegExp(`(?<![\\w-])${flag.replace(/-/g, "\\-")}(?![\\w-])`).test(text);

test.each(commands.map((command) => [command.name, command] as const))(
  "hangar %s: every flag is in the table",
  (name, command) => {
    const rows = synopses.filter(
      (synopsis) => synopsis.includes(`\`hangar ${name} `) || synopsis.includes(`\`hangar ${name}\``),
    );
    expect(rows.length).toBeGreaterThan(0);
    const missing = command.options
      .flatMap((option) => flagsOf(option.flags))
      .filter((flag) => !rows.some((row) => mentions(row, flag)));
    expect(missing).toEqual([]);
  },
);

test("the flag reader reads what the specs write", () => {
  expect(flagsOf("-o, --out <path>")).toEqual(["-o", "--out"]);
  expect(flagsOf("--no-validate")).toEqual(["--no-validate"]);
  expect(mentions("[-t target] [--target]", "-t")).toBe(true);
  expect(mentions("[--target x]", "-t")).toBe(false);
});
