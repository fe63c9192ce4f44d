import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { type FlyCommandOptions, flyCommand, shellQuote } from "./fly-command.ts";

const SHELLS = ["/bin/sh", "/bin/bash", "/bin/dash"].filter((s) => existsSync(s));

/**
 * The words a POSIX shell passes to `fly` when it runs `command`: `fly` is replaced by a shell
 * function that prints each argument followed by a NUL byte, so newlines inside words survive.
 */
function wordsSeenBy(shell: string, command: string): string[] {
  const script = `fly() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}\n`;
  const result = spawnSync(shell, ["-c", script], { encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stderr).toBe("");
  return result.stdout.split("\0").slice(0, -1);
}

describe("flyCommand", () => {
  test("the command the docker-baseline example prints", () => {
    expect(flyCommand({ target: "pr-inf", pipeline: "packer-docker-baseline" })).toBe(
      "fly -t pr-inf set-pipeline -p packer-docker-baseline -c definition.json",
    );
  });

  test("the long form by default, with another config file", () => {
    expect(flyCommand({ target: "ci", pipeline: "app", config: "out/pipeline.yml" })).toBe(
      "fly -t ci set-pipeline -p app -c out/pipeline.yml",
    );
  });

  test("team, instance vars, vars, var files and non-interactive, in that order", () => {
    const options: FlyCommandOptions = deepFreeze({
      target: "ci",
      pipeline: "app",
      team: "platform",
      instanceVars: { branch: "main", pr: 42 },
      vars: { debug: true, region: "us-east-1" },
      varFiles: ["vars/common.yml", "vars/prod.yml"],
      nonInteractive: true,
    });
    expect(flyCommand(options)).toBe(
      "fly -t ci set-pipeline -p app -c definition.json --team platform" +
        " -i branch=main -i pr=42 -v debug=true -v region=us-east-1 -l vars/common.yml -l vars/prod.yml -n",
    );
  });

  test("an empty var name does not leave a bare `=` word, which zsh would expand", () => {
    expect(flyCommand({ target: "ci", pipeline: "app", vars: { "": "x", a: "=b" } })).toBe(
      "fly -t ci set-pipeline -p app -c definition.json -v '=x' -v a==b",
    );
  });

  test("non-interactive false and empty collections add nothing", () => {
    expect(
      flyCommand({ target: "ci", pipeline: "app", nonInteractive: false, instanceVars: {}, vars: {}, varFiles: [] }),
    ).toBe("fly -t ci set-pipeline -p app -c definition.json");
  });

  test("an instance var's string that YAML would read as something else is a quoted YAML string", () => {
    const instanceVars = { branch: "true", version: "1.10", empty: "", nil: "~", lines: "a\nb", main: "main", pr: 42 };
    const command = flyCommand({ target: "ci", pipeline: "app", instanceVars });
    expect(command).toBe(
      "fly -t ci set-pipeline -p app -c definition.json" +
        " -i 'branch=\"true\"' -i 'version=\"1.10\"' -i 'empty=\"\"' -i 'nil=\"~\"' -i 'lines=\"a\\nb\"' -i main=main -i pr=42",
    );
    // fly reads the text after `=` as YAML 1.1: each comes back as the value given
    for (const [key, value] of Object.entries(instanceVars)) {
      const text = (command.match(new RegExp(`-i '?${key}=(.*?)'?(?= -i|$)`)) ?? [])[1] ?? "";
      expect(parsePipeline(`v: ${text}\n`).pipeline, key).toEqual({ v: value });
    }
  });

  test("an instance var that is an object, a list or null is written as JSON, which fly's YAML reads back the same", () => {
    const instanceVars = { pr: { id: 7, branch: "yes" }, tags: [1, "a"], none: null } as never;
    const command = flyCommand({ target: "ci", pipeline: "app", instanceVars });
    expect(command).toBe(
      "fly -t ci set-pipeline -p app -c definition.json" +
        ` -i 'pr={"id":7,"branch":"yes"}' -i 'tags=[1,"a"]' -i none=null`,
    );
    for (const [key, value] of Object.entries(instanceVars as Record<string, unknown>)) {
      const text = (command.match(new RegExp(`-i '?${key}=(.*?)'?(?= -i|$)`)) ?? [])[1] ?? "";
      expect(parsePipeline(`v: ${text}\n`).pipeline, key).toEqual({ v: value });
    }
  });

  test("an instance var JSON cannot hold (undefined, NaN, a function, a Date) or an empty target is an api/argument error", () => {
    const call = (options: object) => () => flyCommand({ target: "ci", pipeline: "app", ...options } as never);
    for (const [value, got] of [
      [undefined, "undefined"],
      [Number.NaN, "a number (NaN)"],
      [() => 1, "a function"],
      [{ at: new Date(0) }, "an object"],
    ] as const) {
      expect(call({ instanceVars: { main: "main", v: value } })).toThrow(
        expect.objectContaining({
          code: "api/argument",
          message: `flyCommand(): option 'instanceVars.v' must be data JSON can hold (a string, a number, a boolean, null, a list or an object), got ${got}`,
        }),
      );
    }
    expect(call({ target: "" })).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message: "flyCommand(): option 'target' must be the name of a fly target, got a string (\"\")",
      }),
    );
  });

  test("hostile names are quoted exactly", () => {
    expect(
      flyCommand({
        target: "my target",
        pipeline: "it's",
        config: "$(rm -rf /)",
        team: "`id`",
        instanceVars: { "a b": 'say "hi"' },
        vars: { x: "line1\nline2", "semi;colon": "", "": "empty key" },
        varFiles: ["a;b", "", "ünï.yml", "*.yml", "~/vars.yml", "-n"],
      }),
    ).toBe(
      [
        "fly -t 'my target' set-pipeline -p 'it'\"'\"'s' -c '$(rm -rf /)' --team '`id`'",
        '-i \'"a b"="say \\"hi\\""\'',
        "-v 'x=line1\nline2' -v 'semi;colon=' -v '=empty key'",
        "-l 'a;b' -l '' -l 'ünï.yml' -l '*.yml' -l '~/vars.yml' -l -n",
      ].join(" "),
    );
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${HOME} the shell must not expand
  const HOSTILE_PIPELINE = "p'i\"p`e$(echo pwned)${HOME}\\;|&<>()!#*?[]{}~";
  const hostile: FlyCommandOptions = deepFreeze({
    target: "t a r g e t",
    pipeline: HOSTILE_PIPELINE,
    config: "dir with spaces/de\tfinition.json",
    team: "",
    instanceVars: { "k'1": "v\n2", $k: "$(touch /tmp/hangar-pwned)" },
    vars: { "unicode-ключ": "значение 🚀", "quote'\"": "'\"'\"'" },
    varFiles: ["; rm -rf /", "`reboot`", "\n", " ", "'", "''"],
    nonInteractive: true,
  });

  test.each(SHELLS)("%s reads back exactly the intended words", (shell) => {
    expect(wordsSeenBy(shell, flyCommand(hostile))).toEqual([
      "-t",
      "t a r g e t",
      "set-pipeline",
      "-p",
      HOSTILE_PIPELINE,
      "-c",
      "dir with spaces/de\tfinition.json",
      "--team",
      "",
      "-i",
      'k\'1="v\\n2"',
      "-i",
      '$k="$(touch /tmp/hangar-pwned)"',
      "-v",
      "unicode-ключ=значение 🚀",
      "-v",
      "quote'\"='\"'\"'",
      "-l",
      "; rm -rf /",
      "-l",
      "`reboot`",
      "-l",
      "\n",
      "-l",
      " ",
      "-l",
      "'",
      "-l",
      "''",
      "-n",
    ]);
  });

  test.each(SHELLS)("%s reads back the words of a plain command", (shell) => {
    expect(wordsSeenBy(shell, flyCommand({ target: "pr-inf", pipeline: "packer-docker-baseline" }))).toEqual([
      "-t",
      "pr-inf",
      "set-pipeline",
      "-p",
      "packer-docker-baseline",
      "-c",
      "definition.json",
    ]);
  });
});

describe("shellQuote", () => {
  test("leaves safe words bare and single-quotes everything else", () => {
    expect(
      [
        "definition.json",
        "pr-inf",
        "a=b",
        "user@host:path,x+y%z",
        "",
        "a b",
        "it's",
        "$x",
        "*",
        "~",
        "#",
        "é",
        "=x",
      ].map(shellQuote),
    ).toEqual([
      "definition.json",
      "pr-inf",
      "a=b",
      "user@host:path,x+y%z",
      "''",
      "'a b'",
      "'it'\"'\"'s'",
      "'$x'",
      "'*'",
      "'~'",
      "'#'",
      "'é'",
      "'=x'",
    ]);
  });

  test.each(SHELLS)("%s reads every quoted word back unchanged", (shell) => {
    const words = ["", " ", "'", "''", '"', "\\", "\\'", "$(id)", "`id`", "a\nb", "\t", "!", "-", "--", "ü", "😀"];
    expect(wordsSeenBy(shell, `fly ${words.map(shellQuote).join(" ")}`)).toEqual(words);
  });
});

test("an option given as undefined is the option left out", () => {
  const omitted = flyCommand({ target: "ci", pipeline: "app" });
  for (const key of ["config", "team", "instanceVars", "vars", "yamlVars", "varFiles", "nonInteractive"]) {
    expect(flyCommand({ target: "ci", pipeline: "app", [key]: undefined })).toBe(omitted);
  }
});

test("an instance var whose name holds a dot or a colon is quoted for -i, so that fly reads one name, not a path", () => {
  const command = flyCommand({
    target: "ci",
    pipeline: "app",
    instanceVars: { "branch.name": "x", "a:b": 1, plain: 2 },
  });
  expect(command).toBe(`fly -t ci set-pipeline -p app -c definition.json -i '"branch.name"=x' -i '"a:b"=1' -i plain=2`);
});

test("an instance var name fly cannot carry is refused, naming it: a quote, an `=`, a name fly reads as another", () => {
  const refused = (instanceVars: Record<string, unknown>) => {
    try {
      flyCommand({ target: "ci", pipeline: "app", instanceVars: instanceVars as Record<string, string> });
    } catch (error) {
      return (error as Error).message;
    }
    return undefined;
  };
  expect(refused({ 'say "hi"': 1 })).toBe(
    `flyCommand(): option 'instanceVars["say \\"hi\\""]': instance var "say \\"hi\\"" cannot be given to fly or Concourse under that name: fly and Concourse read it as "say \\\\hi\\\\" (they drop the double quotes of a var's name)`,
  );
  expect(refused({ 'a"b': 1 })).toContain(`fly and Concourse refuse it (invalid var 'a"b': contains unclosed quotes)`);
  expect(refused({ 'a""b': 1 })).toContain(`read it as "ab" (they drop the double quotes`);
  expect(refused({ 'a"."b': 1 })).toContain('read it as the path "a\\\\"."\\\\b" (they drop');
  expect(refused({ "a=b": 1 })).toContain(
    `instance var "a=b" cannot be given to fly or Concourse under that name: fly -i ends a var's name at its first '='`,
  );
  expect(refused({ "x/": 1 })).toContain(
    `instance var "x/" cannot be given to fly or Concourse under that name: fly and Concourse read it as "x"`,
  );
  expect(refused({ "a.b\\c": 1 })).toContain('read it as "a.b\\\\\\\\c"');
  expect(refused({ "..": 1 })).toContain(`fly and Concourse refuse it (invalid var '".."': empty field)`);
  expect(refused({ "\tx": 1 })).toContain('read it as "x"');
  // at any depth: fly sends a mapping's fields as paths of their own (`vars.b."x\"y"`)
  expect(refused({ b: { c: { 'x"y': 1 } } })).toContain(`option 'instanceVars.b.c["x\\"y"]': instance var "x\\"y"`);
  // an `=` below the top level is inside the YAML value of `-i b=...`
  expect(refused({ b: { "a=b": 1 } })).toBeUndefined();
  // names fly reads back as they are
  for (const name of ["a\\b", "ü", " a", "a/b", "/abs", "a,b", "x:y", "-"])
    expect([name, refused({ [name]: 1 })]).toEqual([name, undefined]);
});

test("instance var flags as typed are repeated as typed: a path stays a path, a YAML value keeps its type", () => {
  expect(
    flyCommand({
      target: "ci",
      pipeline: "app",
      instanceVars: { "branch.name": "x" },
      instanceVarFlags: { "a.b": "1", '"c.d"': "true" },
    }),
  ).toBe(`fly -t ci set-pipeline -p app -c definition.json -i '"branch.name"=x' -i a.b=1 -i '"c.d"=true'`);
});
