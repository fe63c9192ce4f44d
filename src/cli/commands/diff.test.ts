import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { yamlSafeJson } from "../../render/yaml.ts";
import { runCli } from "../run-cli.ts";

const repo = resolve(import.meta.dirname, "../../..");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-diff-"));
  cpSync(join(repo, "test/fixtures/cli"), work, { recursive: true });
  return () => spawnSync("rm", ["-rf", work]);
});

const OLD_YAML = `
resources:
- name: source
  type: git
  source: {uri: "https://git.example.com/app.git", branch: main, password: ((git.password))}
jobs:
- name: build
  plan:
  - get: source
    trigger: true
`;

const diff = async (argv: string[], stdin = "") => {
  const run = memoryIo(work, {}, stdin);
  const code = await runCli(["diff", ...argv], run.io);
  return { code, stdout: run.stdout, stderr: run.stderr };
};

describe("hangar diff", () => {
  test("a task config file or a vars file on either side: an error saying what it is, exit 2, where every object of the other side was listed as added or removed", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    writeFileSync(join(work, "unit.yml"), "platform: linux\nrun: {path: make}\n");
    writeFileSync(join(work, "vars.yml"), "branch: main\n");
    expect(await diff(["unit.yml", "old.yml"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "hangar diff: unit.yml is a task config file, not a pipeline (`hangar validate unit.yml` checks it)\n",
    });
    expect(await diff(["old.yml", "vars.yml"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "hangar diff: vars.yml is neither a pipeline nor a task config (no key of either at the top level)\n",
    });
    // the API's answer, { config: ... }, is a pipeline
    writeFileSync(join(work, "answer.json"), JSON.stringify({ config: { jobs: [{ name: "build", plan: [] }] } }));
    expect((await diff(["answer.json", "answer.json"])).code).toBe(0);
  });

  test("--timeout bounds how long a module may take, as the message it gives says", async () => {
    writeFileSync(join(work, "never.ts"), "export default () => new Promise(() => {});\n");
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    const run = await diff(["old.yml", "never.ts", "--timeout", "0.2"]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(
      "hangar diff: never.ts: gave no pipeline within 0.2 s (a promise that never settles, or work that takes longer: see --timeout)\n",
    );
    expect((await diff(["old.yml", "never.ts", "--timeout", "soon"])).stderr).toBe(
      "hangar diff: --timeout: 'soon' is not a positive number of seconds\n(run `hangar diff --help` for usage)\n",
    );
  });

  test("a module with undefined in a list of user data is named with its path, exit 2", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    const run = await diff(["old.yml", "an-undefined-arg.ts"]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(
      "hangar diff: an-undefined-arg.ts: the pipeline is not plain data at jobs[0].plan[1].config.run.args[1]: undefined in a list, which JSON cannot hold (leaving it out would move the items after it): give a value, or take the item out of the list\n",
    );
  });

  test.each([
    ["10n", "a BigInt (10n), which JSON cannot hold"],
    ["() => 1", "a function, not data (a factory not called?)"],
    ["Symbol('s')", "a symbol (Symbol(s)), not data"],
    ["Number.NaN", "NaN, a number JSON cannot hold"],
    ["-Infinity", "-Infinity, a number JSON cannot hold"],
  ])(
    "a module whose pipeline holds %s is refused as render refuses it, not compared: exit 2",
    async (value, problem) => {
      const module = (uri: string) =>
        `export default { resources: [{ name: "r", type: "git", source: { uri: ${uri} } }], jobs: [{ name: "j", plan: [{ get: "r" }] }] };\n`;
      writeFileSync(join(work, "plain.ts"), module('"u"'));
      writeFileSync(join(work, "odd.ts"), module(value));
      for (const argv of [
        ["plain.ts", "odd.ts"],
        ["odd.ts", "odd.ts"],
      ]) {
        expect(await diff(argv)).toEqual({
          code: 2,
          stdout: "",
          stderr: `hangar diff: odd.ts: the pipeline is not plain data at resources[0].source.uri: ${problem}\n`,
        });
      }
    },
  );

  test("the path of what is not data is shown short: a key of a megabyte cut, a thousand levels as their ends", async () => {
    const module = (source: string) =>
      `${source}\nexport default { resources: [{ name: "r", type: "git", source }], jobs: [{ name: "j", plan: [{ get: "r" }] }] };\n`;
    writeFileSync(join(work, "long.ts"), module(`const source = { ["x".repeat(1_000_000)]: 1n };`));
    writeFileSync(
      join(work, "deep.ts"),
      module(`let source = {}; for (let i = 0; i < 1000; i++) source = { k: source };`),
    );
    expect((await diff(["long.ts", "long.ts"])).stderr).toBe(
      `hangar diff: long.ts: the pipeline is not plain data at resources[0].source["${"x".repeat(60)}…"]: a BigInt (1n), which JSON cannot hold\n`,
    );
    expect((await diff(["deep.ts", "deep.ts"])).stderr).toBe(
      `hangar diff: deep.ts: the pipeline is not plain data at resources[0].source${".k".repeat(9)}…(976 more)…${".k".repeat(12)}: nested more than 1000 levels deep\n`,
    );
  });

  test("YAML against the same config in JSON with other key order: exit 0, nothing printed", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    const json = {
      jobs: [{ plan: [{ trigger: true, get: "source" }], name: "build" }],
      resources: [
        {
          source: { branch: "main", password: "((git.password))", uri: "https://git.example.com/app.git" },
          type: "git",
          name: "source",
        },
      ],
    };
    writeFileSync(join(work, "same.json"), JSON.stringify(json));
    expect(await diff(["old.yml", "same.json"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("different configs: exit 1 and the changes; ((vars)) as written", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    writeFileSync(join(work, "new.yml"), OLD_YAML.replace("branch: main", "branch: dev"));
    const run = await diff(["old.yml", "new.yml", "-U", "1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "resources:",
        "  resource source has changed:",
        "  @@ -4,3 +4,3 @@",
        '     uri: "https://git.example.com/app.git"',
        "  -  branch: main",
        "  +  branch: dev",
        "     password: ((git.password))",
        "",
      ].join("\n"),
    );
  });

  test("a pipeline module against the API's answer read from stdin (- as a file)", async () => {
    const answer = JSON.stringify({
      config: {
        resources: [
          { name: "source", type: "git", source: { uri: "https://git.example.com/app.git", branch: "main" } },
          { name: "image", type: "registry-image", source: { repository: "example/app" } },
        ],
        jobs: [
          {
            name: "build",
            plan: [
              { get: "source", trigger: true },
              { put: "image", params: { image: "x" } },
            ],
          },
        ],
      },
    });
    const run = await diff(["-", "ok.ts", "-U", "0"], answer);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "jobs:",
        "  job build has changed:",
        "  @@ -7,1 +7,1 @@",
        "  -    image: x",
        "  +    image: image/image.tar",
        "",
      ].join("\n"),
    );
  });

  test("--format json gives the changes as data", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    writeFileSync(join(work, "new.yml"), `${OLD_YAML}display:\n  background_image: bg.png\n`);
    const run = await diff(["old.yml", "new.yml", "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      equal: false,
      changes: [
        {
          section: "display",
          change: "added",
          after: { background_image: "bg.png" },
          diff: ["+background_image: bg.png"],
        },
      ],
    });
  });

  test("--format json of names and values holding terminal controls: the same data, every control an escape", async () => {
    // the C1 controls and DEL as JSON escapes, as go-yaml refuses them raw
    const config = (value: string) =>
      yamlSafeJson({
        resources: [{ name: "r\u001b[2J\u009b1m\u202e", type: "git", source: { uri: value, "k\u2066": "\u007f" } }],
        jobs: [],
      });
    writeFileSync(join(work, "old.json"), config("a\u001b]0;title\u0007\u009b31m"));
    writeFileSync(join(work, "new.json"), config("b\u2028\u2029\u200f"));
    const run = await diff(["old.json", "new.json", "--format", "json", "--show-secrets"]);
    expect(run.code).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be found
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    const [change] = (JSON.parse(run.stdout) as { changes: { name: string; before: unknown; after: unknown }[] })
      .changes;
    expect(change?.name).toBe("r\u001b[2J\u009b1m\u202e");
    expect(change?.after).toEqual(JSON.parse(config("b\u2028\u2029\u200f")).resources[0]);
    expect(change?.before).toEqual(JSON.parse(config("a\u001b]0;title\u0007\u009b31m")).resources[0]);
  });

  test("a file is read as fly reads it: UTF-16 with its byte order mark is the same config, invalid UTF-8 an error at its place", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OLD_YAML, "utf16le")]);
    writeFileSync(join(work, "wide.yml"), utf16);
    expect(await diff(["old.yml", "wide.yml"])).toEqual({ code: 0, stdout: "", stderr: "" });
    const broken = Buffer.concat([
      Buffer.from("jobs:\n- name: a\n  plan: []\n  serial_groups: [x"),
      Buffer.from([0xff]),
      Buffer.from("]\n"),
    ]);
    writeFileSync(join(work, "broken.yml"), broken);
    const bad = await diff(["old.yml", "broken.yml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hangar diff: broken\.yml:4:\d+: .*UTF-8/);
  });

  test("errors exit 2 naming the file and position: bad YAML, a missing file, a bad -U, two stdins", async () => {
    writeFileSync(join(work, "old.yml"), OLD_YAML);
    writeFileSync(join(work, "bad.yml"), "jobs:\n- name: a\n  plan: [\n");
    const bad = await diff(["old.yml", "bad.yml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hangar diff: bad\.yml:\d+:\d+: /);
    expect(bad.stdout).toBe("");
    const missing = await diff(["old.yml", "nope.yml"]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toBe("hangar diff: cannot read nope.yml: no such file (ENOENT)\n");
    mkdirSync(join(work, "folder.yml"), { recursive: true });
    const folder = await diff(["folder.yml", "old.yml"]);
    expect(folder).toMatchObject({ code: 2, stderr: "hangar diff: cannot read folder.yml: is a folder (EISDIR)\n" });
    for (const context of ["x", "", " ", "0x10", "1e3", "-1", "2.5"]) {
      expect(await diff(["old.yml", "old.yml", `--context=${context}`])).toEqual({
        code: 2,
        stdout: "",
        stderr: `hangar diff: -U must be a whole number of lines, not '${context}'\n(run \`hangar diff --help\` for usage)\n`,
      });
    }
    expect((await diff(["-", "-"])).code).toBe(2);
    expect((await diff(["old.yml"])).code).toBe(2);
  });
});
