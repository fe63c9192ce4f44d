import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { memoryIo } from "../../test/helpers/memory-io.ts";
import { commandHelp, parseCommandArgs, programHelp, readFlag } from "./args.ts";
import { commands } from "./commands/index.ts";
import { defineCommand, EXIT } from "./define-command.ts";
import { runCli } from "./run-cli.ts";
import { VERSION } from "./version.ts";

const probe = defineCommand({
  name: "probe",
  summary: "A command used to test argument parsing",
  arguments: "<first> [second]",
  options: [
    { flags: "-o, --out <path>", description: "file to write" },
    { flags: "--format <format>", description: "output format", default: "json", choices: ["json", "yaml"] },
    { flags: "--strict", description: "warnings fail", default: false },
    { flags: "--no-validate", description: "skip validation" },
    { flags: "-v, --var <name=value>", description: "a var", repeatable: true },
    { flags: "-l, --load-vars-from <file>", description: "vars file", repeatable: true },
  ],
  run: async () => EXIT.ok,
});

describe("parseCommandArgs", () => {
  test.each([
    [
      ["a"],
      { positionals: ["a"], values: { format: "json", strict: false, validate: true, var: [], loadVarsFrom: [] } },
    ],
    [
      ["a", "b", "-o", "x.json", "--format=yaml", "--strict", "--no-validate"],
      {
        positionals: ["a", "b"],
        values: { out: "x.json", format: "yaml", strict: true, validate: false, var: [], loadVarsFrom: [] },
      },
    ],
    [
      ["-v", "a=1", "a", "--var", "b=2", "-vc=3", "--load-vars-from", "f.yml", "-l", "g.yml"],
      {
        positionals: ["a"],
        values: {
          format: "json",
          strict: false,
          validate: true,
          var: ["a=1", "b=2", "c=3"],
          loadVarsFrom: ["f.yml", "g.yml"],
        },
      },
    ],
    [["-o", "a.json", "-o", "b.json", "x"], { positionals: ["x"], values: expect.objectContaining({ out: "b.json" }) }],
    [["--", "-not-an-option"], { positionals: ["-not-an-option"], values: expect.objectContaining({ strict: false }) }],
    [["-", "-o", "-"], { positionals: ["-"], values: expect.objectContaining({ out: "-" }) }],
  ])("%j", (argv, expected) => {
    expect(parseCommandArgs(probe, argv)).toEqual(expected);
  });

  test.each([
    [[], "missing argument <first>"],
    [["a", "b", "c"], "too many arguments (expected <first> [second])"],
    [["a", "-o"], "option '-o, --out <path>' needs a value"],
    [["a", "-o", "--strict"], "option '-o, --out <path>' needs a value"],
    [["a", "--strict=yes"], "option '--strict' takes no value"],
    [["a", "--format", "xml"], "option '--format <format>': 'xml' is not one of json, yaml"],
  ])("%j is a usage error", (argv, message) => {
    expect(parseCommandArgs(probe, argv)).toEqual({ usageError: message });
  });

  test("an unknown option is a usage error that carries the command's options, for a did-you-mean", () => {
    const known = ["--out", "--format", "--strict", "--no-validate", "--var"];
    expect(parseCommandArgs(probe, ["a", "--bogus"])).toEqual({
      usageError: "unknown option '--bogus'",
      unknownOption: { given: "--bogus", known: expect.arrayContaining(known) },
    });
    expect(parseCommandArgs(probe, ["a", "-x"])).toMatchObject({ usageError: "unknown option '-x'" });
  });

  test("a malformed spec is a bug, caught when the spec is read", () => {
    expect(() => readFlag({ flags: "--Out", description: "" })).toThrow("malformed option flags: '--Out'");
    expect(() => readFlag({ flags: "--many", description: "", repeatable: true })).toThrow(/takes a value/);
  });
});

describe("help", () => {
  test("a command's help shows every flag with its choices, default and repetition", () => {
    expect(commandHelp(probe)).toBe(
      [
        "Usage: hangar probe [options] <first> [second]",
        "",
        "A command used to test argument parsing",
        "",
        "Options:",
        "  -o, --out <path>             file to write",
        "  --format <format>            output format (one of: json, yaml; default: json)",
        "  --strict                     warnings fail",
        "  --no-validate                skip validation",
        "  -v, --var <name=value>       a var (repeatable)",
        "  -l, --load-vars-from <file>  vars file (repeatable)",
        "  -h, --help                   show this help",
        "",
      ].join("\n"),
    );
  });

  test("every option of every command appears in its help", () => {
    for (const command of commands) {
      const help = commandHelp(command);
      for (const option of command.options) expect(help).toContain(option.flags);
    }
  });

  test("no option's description says what the help adds to it (its choices, default or repetition)", () => {
    for (const command of commands) {
      for (const option of command.options) {
        const added = [
          option.repeatable && "repeatable",
          option.default !== undefined && "default:",
          option.choices && "one of:",
        ];
        for (const note of added) {
          if (note) expect(option.description, `${command.name} ${option.flags}`).not.toContain(note);
        }
      }
    }
  });

  test("long descriptions wrap under their column", () => {
    const text = programHelp([{ ...probe, summary: `${"word ".repeat(30)}end` }], "d");
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain(`\n${" ".repeat(26)}word word`);
  });
});

describe("runCli dispatch", () => {
  test.each([
    [["--version"], 0, `${VERSION}\n`, ""],
    [["-V"], 0, `${VERSION}\n`, ""],
    [["--help"], 0, programHelp(commands, "Concourse CI pipelines written in TypeScript"), ""],
    [["help", "render"], 0, commandHelp(commands.find((c) => c.name === "render") ?? probe), ""],
    [["render", "--help"], 0, commandHelp(commands.find((c) => c.name === "render") ?? probe), ""],
    [["validate", "x.yml", "-h"], 0, commandHelp(commands.find((c) => c.name === "validate") ?? probe), ""],
  ])("%j", async (argv, code, stdout, stderr) => {
    const run = memoryIo(process.cwd());
    expect(await runCli(argv, run.io)).toBe(code);
    expect(run.stdout).toBe(stdout);
    expect(run.stderr).toBe(stderr);
  });

  test.each([
    [[], /^Usage: hangar <command>/],
    [["--bogus"], /^hangar: unknown option '--bogus'\nUsage/],
    [["--versoin"], /^hangar: unknown option '--versoin'; did you mean '--version'\?\nUsage/],
    [["bogus"], /^hangar: unknown command 'bogus' \(commands: render, validate/],
    [["rendr", "x.ts"], /^hangar: unknown command 'rendr'; did you mean 'render'\? \(commands: render, validate/],
    [["a\u001b[2J"], /^hangar: unknown command 'a\\x1b\[2J' \(commands/],
    [
      ["validate", "x.yml", "--strcit"],
      /^hangar validate: unknown option '--strcit'; did you mean '--strict'\?\n\(run `hangar validate --help` for usage\)\n$/,
    ],
    [
      ["render", "x.ts", "--no-valdate"],
      /^hangar render: unknown option '--no-valdate'; did you mean '--no-validate'\?\n/,
    ],
    [["render", "x.ts", "--zzzzzz"], /^hangar render: unknown option '--zzzzzz'\n/],
    [["help", "bogus"], /^hangar: unknown command 'bogus'/],
    [
      ["render", "--format", "xml", "x.ts"],
      /^hangar render: option '--format <format>': 'xml' is not one of json, yaml\n\(run `hangar render --help` for usage\)\n$/,
    ],
  ])("%j exits 2 with a message on stderr", async (argv, message) => {
    const run = memoryIo(process.cwd());
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });
});

test.each([
  ["render", ["--watch", "--check", "x.ts"]],
  ["render", ["-t", "", "x.ts"]],
  ["render", ["--timeout", "soon", "x.ts"]],
  ["validate", ["--timeout", "0", "x.yml"]],
  ["validate", ["-v", "novalue", "x.yml"]],
  ["diff", ["-U", "some", "a.yml", "b.yml"]],
  ["diff", ["-", "-"]],
  ["graph", ["-o", "out.png", "p.yml"]],
  ["import", ["--split", "halves", "p.yml"]],
  ["import", ["-o", "a.ts", "--out-dir", "out", "p.yml"]],
  ["init", ["--name", "Web App"]],
  ["init", ["-t", "my ci"]],
  ["apply", ["-U", "some", "a.ts"]],
  ["apply", ["--request-timeout", "0", "a.ts"]],
  ["schema", ["extra"]],
  ["lsp", ["--bogus"]],
])("a usage error of %s %j names the command, the problem and how to get help", async (name, args) => {
  const run = memoryIo(process.cwd());
  expect(await runCli([name, ...args], run.io)).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(
    new RegExp(`^hangar ${name}: [^\\n]+\\n\\(run \`hangar ${name} --help\` for usage\\)\\n$`),
  );
});

test.each([
  ["validate", "<files...>", ["folders", "- for standard input"]],
  ["diff", "<old> <new>", ["YAML or JSON file", "- reads one of them from standard input"]],
  ["graph", "<entry>", ["YAML or JSON file", "- for standard input"]],
  ["import", "<files...>", ["folders", "- for standard input"]],
  ["render", "<entries...>", ["globs"]],
  ["apply", "<entries...>", ["globs", "- for standard input"]],
])("%s --help says what %s accepts", async (name, syntax, words) => {
  const run = memoryIo(process.cwd());
  expect(await runCli([name, "--help"], run.io)).toBe(0);
  const section = /\nArguments:\n(.*?)\n\n/s.exec(run.stdout)?.[1] ?? "";
  expect(section.trimStart().startsWith(syntax)).toBe(true);
  for (const word of words) expect(section.replace(/\s+/g, " ")).toContain(word);
});

test("the version is package.json's", () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
});

test("command files import only types, define-command and option specs statically (the rest when they run)", () => {
  const dir = join(import.meta.dirname, "commands");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  expect(files).toContain("render.ts");
  for (const file of files) {
    const source = readFileSync(join(dir, file), "utf8");
    for (const [statement, from = ""] of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms)) {
      const allowed =
        from === "../define-command.ts" ||
        from === "../options.ts" ||
        from.startsWith("node:") ||
        (file === "index.ts" && /^\.\/[\w-]+\.ts$/.test(from));
      expect({ file, statement, allowed }).toEqual({ file, statement, allowed: true });
    }
  }
});
