import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { stoppedModule } from "../../../test/helpers/stopped-module.ts";
import { runCli } from "../run-cli.ts";

const repo = resolve(import.meta.dirname, "../../..");
const fixtures = join(repo, "test/fixtures/cli");

/** A scratch copy of the CLI fixtures inside the repository (so that `hangar` resolves). */
let work: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-render-"));
  cpSync(fixtures, work, { recursive: true });
  return () => spawnSync("rm", ["-rf", work]);
});

const expectedOk = {
  resources: [
    { name: "source", type: "git", source: { uri: "https://git.example.com/app.git", branch: "main" } },
    { name: "image", type: "registry-image", source: { repository: "example/app" } },
  ],
  jobs: [
    {
      name: "build",
      plan: [
        { get: "source", trigger: true },
        { put: "image", params: { image: "image/image.tar" } },
      ],
    },
  ],
};

describe("hangar render", () => {
  test("writes definition.json and prints the fly command last", async () => {
    const run = memoryIo(work);
    expect(await runCli(["render", "ok.ts"], run.io)).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "definition.json"), "utf8"))).toEqual(expectedOk);
    expect(run.stdout).toBe("fly -t ci set-pipeline -p app -c definition.json --team 'platform team'\n");
    expect(run.stderr).toBe("wrote definition.json (1 job, 2 resources)\n");
    // rendered again, the same text: the file is left as it is, and the line says so
    const again = memoryIo(work);
    expect(await runCli(["render", "ok.ts"], again.io)).toBe(0);
    expect(again.stderr).toBe("definition.json unchanged (1 job, 2 resources)\n");
    expect(again.stdout).toBe(run.stdout);
  });

  test("a name, target or team holding terminal controls: the fly command shows them as escapes on a terminal, exact when piped", async () => {
    const definition = (name: string) =>
      [
        'import { pipeline } from "hangar";',
        "export default {",
        `  name: ${JSON.stringify(name)},`,
        '  target: "t\\u001b]0;title\\u0007",',
        '  team: "a\\u009b2J\\u202e",',
        '  pipeline: pipeline({ jobs: [{ name: "j", plan: [] }] }),',
        "};",
        "",
      ].join("\n");
    writeFileSync(join(work, "evil.ts"), definition("app\u001b[2J"));
    writeFileSync(join(work, "evil2.ts"), definition("other\u001b[2J"));
    const command = (name: string) => `fly -t 't\u001b]0;title\u0007' set-pipeline -p '${name}\u001b[2J'`;
    const piped = memoryIo(work);
    expect(await runCli(["render", "evil.ts"], piped.io)).toBe(0);
    expect(piped.stdout).toBe(`${command("app")} -c definition.json --team 'a\u009b2J\u202e'\n`);
    const tty = (m: ReturnType<typeof memoryIo>) => ({ ...m.io, isTTY: { stdout: true, stderr: true } });
    const shown = String.raw`fly -t 't\x1b]0;title\x07' set-pipeline -p 'app\x1b[2J' -c definition.json --team 'a\u009b2J\u202e'`;
    const terminal = memoryIo(work);
    expect(await runCli(["render", "evil.ts"], tty(terminal))).toBe(0);
    expect(terminal.stdout).toBe(`${shown}\n`);
    // several entries: each command so
    const batch = memoryIo(work);
    expect(await runCli(["render", "evil.ts", "evil2.ts", "--out-dir", "out"], tty(batch))).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be found
    expect(batch.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(batch.stdout).toContain(String.raw`-p 'other\x1b[2J'`);
  });

  test("a lone surrogate (a half of a pair, which fly refuses) is an error naming its path, nothing written", async () => {
    writeFileSync(
      join(work, "surrogate.ts"),
      [
        'import { pipeline } from "hangar";',
        "export default pipeline({",
        '  resources: [{ name: "r", type: "git", source: { uri: "u" } }],',
        '  jobs: [{ name: "j", plan: [{ get: "r", params: { "k\\udc00": "v" } }] }],',
        "});",
        "",
      ].join("\n"),
    );
    for (const format of ["json", "yaml"]) {
      const run = memoryIo(work);
      expect(await runCli(["render", "surrogate.ts", "--format", format, "--stdout"], run.io)).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        String.raw`surrogate.ts:jobs[0].plan[0].params["k\udc00"] error input/not-data the pipeline is not plain data: a key holding a lone surrogate (\udc00), which UTF-8 cannot hold and fly refuses (found invalid Unicode character escape code)` +
          "\nhangar render: surrogate.ts has errors; nothing was written (--no-validate writes it anyway)\n",
      );
    }
  });

  test("-o, --format yaml and --stdout", async () => {
    const yamlRun = memoryIo(work);
    expect(await runCli(["render", "ok.ts", "--format", "yaml", "-o", "out/pipeline.yml"], yamlRun.io)).toBe(2);
    expect(yamlRun.stderr).toBe(
      `hangar render: cannot write out/pipeline.yml: no such folder '${join(work, "out")}' (ENOENT)\n`,
    );

    const run = memoryIo(work);
    expect(await runCli(["render", "ok.ts", "--format", "yaml", "-o", "pipeline.yml"], run.io)).toBe(0);
    expect(parse(readFileSync(join(work, "pipeline.yml"), "utf8"), { version: "1.1" })).toEqual(expectedOk);
    expect(run.stdout).toContain("-c pipeline.yml");

    const toStdout = memoryIo(work);
    expect(await runCli(["render", "ok.ts", "--stdout"], toStdout.io)).toBe(0);
    expect(JSON.parse(toStdout.stdout)).toEqual(expectedOk);
    expect(existsSync(join(work, "definition.json"))).toBe(false);
  });

  test("--stdout with -o is a usage error, as with --out-dir: nothing rendered, nothing written", async () => {
    const run = memoryIo(work);
    expect(await runCli(["render", "ok.ts", "--stdout", "-o", "out.json"], run.io)).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "hangar render: --stdout and -o cannot be used together\n(run `hangar render --help` for usage)\n",
    );
    expect(existsSync(join(work, "out.json"))).toBe(false);
  });

  test("a folder or a YAML file given to render says what to give instead", async () => {
    mkdirSync(join(work, "pipelines/app"), { recursive: true });
    writeFileSync(join(work, "pipelines/app/pipeline.yml"), "jobs: []\n");
    for (const [entry, message] of [
      ["pipelines/app", "a folder, not a pipeline module (name the module in it, or a glob: 'pipelines/app/*.ts')"],
      [
        "pipelines/app/pipeline.yml",
        "not a pipeline module (expected .ts, .mts, .js or .mjs; a YAML or JSON pipeline is checked by hangar validate, and made a module by hangar import)",
      ],
    ]) {
      const run = memoryIo(work);
      expect(await runCli(["render", entry as string], run.io)).toBe(2);
      expect(run.stderr).toBe(`hangar render: ${entry}: ${message}\n`);
    }
  });

  test("a definition's pipeline that is no pipeline is named as such; a key hangar does not read is a warning, with a guess", async () => {
    const pipeline = '{ jobs: [{ name: "a", plan: [] }] }';
    for (const [file, value, message] of [
      [
        "jobs-no-list.mjs",
        '{ jobs: "no" }',
        'the definition\'s pipeline must be a pipeline, with a list of jobs (its jobs are a string ("no"))',
      ],
      [
        "no-pipeline.mjs",
        "undefined",
        "the definition's pipeline must be a pipeline, with a list of jobs (got undefined)",
      ],
      [
        "factory.mjs",
        "() => ({})",
        "the definition's pipeline is a function, not a pipeline (call it: pipeline(...) returns one)",
      ],
    ]) {
      writeFileSync(join(work, file as string), `export default { name: "app", target: "ci", pipeline: ${value} };\n`);
      const bad = memoryIo(work);
      expect(await runCli(["render", file as string, "-o", "out.json"], bad.io)).toBe(2);
      expect(bad.stderr).toBe(`hangar render: ${file}: ${message}\n`);
    }
    expect(existsSync(join(work, "out.json"))).toBe(false);
    writeFileSync(
      join(work, "typo.mjs"),
      `export default { name: "app", target: "ci", tema: "main", pipeline: ${pipeline} };\n`,
    );
    const typo = memoryIo(work);
    expect(await runCli(["render", "typo.mjs", "-o", "typo.json"], typo.io)).toBe(0);
    expect(typo.stderr).toContain(
      "warning: typo.mjs: the definition's key 'tema' is not one hangar reads (name, target, team, instanceVars, pipeline); did you mean 'team'?\n",
    );
    expect(typo.stdout).toBe("fly -t ci set-pipeline -p app -c typo.json\n");
  });

  test("-t '' is a usage error; a definition's empty target or NaN instance var is refused: nothing written", async () => {
    const run = memoryIo(work);
    expect(await runCli(["render", "ok.ts", "-t", ""], run.io)).toBe(2);
    expect(run.stderr).toBe("hangar render: -t '' names no fly target\n(run `hangar render --help` for usage)\n");
    const pipeline = '{ jobs: [{ name: "a", plan: [] }] }';
    writeFileSync(
      join(work, "empty-target.mjs"),
      `export default { name: "app", target: "", pipeline: ${pipeline} };\n`,
    );
    writeFileSync(
      join(work, "nan-var.mjs"),
      `export default { name: "app", target: "ci", instanceVars: { ratio: 0 / 0 }, pipeline: ${pipeline} };\n`,
    );
    for (const [file, message] of [
      ["empty-target.mjs", "hangar render: empty-target.mjs: the definition's target is empty (name a fly target)\n"],
      [
        "nan-var.mjs",
        "hangar render: nan-var.mjs: the definition's instanceVars.ratio must be data JSON can hold (a string, a number, a boolean, null, a list or an object), got a number (NaN)\n",
      ],
    ]) {
      const bad = memoryIo(work);
      expect(await runCli(["render", file as string, "-o", "out.json"], bad.io)).toBe(2);
      expect(bad.stderr).toBe(message);
      expect(bad.stdout).toBe("");
    }
    expect(existsSync(join(work, "out.json"))).toBe(false);
    // an object is written as JSON, not [object Object]
    writeFileSync(
      join(work, "object-var.mjs"),
      `export default { name: "app", target: "ci", instanceVars: { pr: { id: 1 } }, pipeline: ${pipeline} };\n`,
    );
    const object = memoryIo(work);
    expect(await runCli(["render", "object-var.mjs", "-o", "out.json"], object.io)).toBe(0);
    expect(object.stdout).toBe(`fly -t ci set-pipeline -p app -c out.json -i 'pr={"id":1}'\n`);
    // a field given as undefined (exactOptionalPropertyTypes allows it) is a field left out
    writeFileSync(
      join(work, "undefined-fields.mjs"),
      `export default { name: "app", target: "ci", team: undefined, instanceVars: undefined, pipeline: ${pipeline} };\n`,
    );
    const fields = memoryIo(work);
    expect(await runCli(["render", "undefined-fields.mjs", "-o", "out.json"], fields.io)).toBe(0);
    expect(fields.stdout).toBe("fly -t ci set-pipeline -p app -c out.json\n");
  });

  test("accepts a fragment, an async function with relative imports, and plain JavaScript", async () => {
    const fragmentRun = memoryIo(work);
    expect(await runCli(["render", "fragment-only.ts", "--stdout"], fragmentRun.io)).toBe(0);
    expect(JSON.parse(fragmentRun.stdout)).toEqual({
      resources: [{ name: "tick", type: "time", source: { interval: "1h" } }],
      jobs: [{ name: "tock", plan: [{ get: "tick", trigger: true }] }],
    });

    const fnRun = memoryIo(work);
    expect(await runCli(["render", "async-function.mts"], fnRun.io)).toBe(0);
    expect(fnRun.stdout).toBe("fly -t ci set-pipeline -p from-function -c definition.json\n");
    expect(JSON.parse(readFileSync(join(work, "definition.json"), "utf8")).jobs[0]).toEqual({
      name: "hello",
      plan: [{ task: "say", config: { platform: "linux", run: { path: "echo", args: ["hello"] } } }],
    });

    const jsRun = memoryIo(work);
    expect(await runCli(["render", "plain.mjs", "-t", "prod", "-o", "js.json"], jsRun.io)).toBe(0);
    expect(jsRun.stdout).toBe("fly -t prod set-pipeline -p plain -c js.json\n");
  });

  test.each([
    ["missing.ts", "hangar render: missing.ts: no such file\n"],
    ["syntax-error.ts", 'hangar render: syntax-error.ts:3:9: Expected "]" but found "broken"\n'],
    [
      "no-default.ts",
      "hangar render: no-default.ts: the module has no default export (export default a pipeline or a definition)\n",
    ],
    [
      "not-a-pipeline.ts",
      "hangar render: not-a-pipeline.ts: the default export is not a pipeline (expected a pipeline, a fragment, a { name, target, pipeline } definition, or a function returning one)\n",
    ],
    ["throws.ts", "hangar render: throws.ts:2:9: Error: cannot reach the vault\n"],
    [
      "not-data.ts",
      "hangar render: not-data.ts: the pipeline is not plain data at jobs[0].plan[0].config.job: a circular reference (back to jobs[0])\n",
    ],
    [
      "a-date.ts",
      "hangar render: a-date.ts: the pipeline is not plain data at jobs[0].plan[0].params.at: a Date, which is not data: give its text (date.toISOString(), or the format the resource expects)\n",
    ],
    [
      "a-nan.ts",
      "hangar render: a-nan.ts: the pipeline is not plain data at jobs[0].plan[0].params.ratio: NaN, a number JSON cannot hold\n",
    ],
    [
      "a-proxy.ts",
      "hangar render: a-proxy.ts: the pipeline is not plain data at jobs[0].plan[0].params: an object that cannot be read: Error: sealed\n",
    ],
    [
      "an-undefined-arg.ts",
      "hangar render: an-undefined-arg.ts: the pipeline is not plain data at jobs[0].plan[1].config.run.args[1]: undefined in a list, which JSON cannot hold (leaving it out would move the items after it): give a value, or take the item out of the list\n",
    ],
  ])("%s: one clear line, exit 2, nothing written", async (file, message) => {
    writeFileSync(join(work, "definition.json"), "previous content");
    const before = readdirSync(work).sort();
    const run = memoryIo(work);
    expect(await runCli(["render", file], run.io)).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe("");
    expect(readFileSync(join(work, "definition.json"), "utf8")).toBe("previous content");
    expect(readdirSync(work).sort()).toEqual(before);
  });

  test("names pipeline() finds undefined are findings with a suggestion, beside the other rules' findings", async () => {
    writeFileSync(join(work, "definition.json"), "previous content");
    const typo = memoryIo(work);
    expect(await runCli(["render", "typo.ts"], typo.io)).toBe(1);
    expect(typo.stderr).toBe(
      [
        "typo.ts:jobs[0].plan[0].get error pipeline/unknown-reference unknown resource 'sorce'; did you mean 'source'?",
        "typo.ts:jobs[1].plan[0].passed[0] error pipeline/unknown-reference no matching job(s) for 'biuld'; did you mean 'build'?",
        "typo.ts:resources[1].name error resource-unused resource 'unused' is not used",
        "hangar render: typo.ts has errors; nothing was written",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(work, "definition.json"), "utf8")).toBe("previous content");
    const unknown = memoryIo(work);
    expect(await runCli(["render", "unknown-resource.ts", "--stdout"], unknown.io)).toBe(1);
    expect(unknown.stderr).toContain(
      "unknown-resource.ts:jobs[0].plan[0].in_parallel[0].put error pipeline/unknown-reference unknown resource 'missing'\n",
    );
    const validated = memoryIo(work);
    expect(await runCli(["validate", "typo.ts", "ok.ts", "--format", "json"], validated.io)).toBe(1);
    const [typoResult, okResult] = JSON.parse(validated.stdout);
    expect(typoResult.errors.map((e: { rule: string; path: string }) => `${e.rule} ${e.path}`)).toEqual([
      "pipeline/unknown-reference jobs[0].plan[0].get",
      "pipeline/unknown-reference jobs[1].plan[0].passed[0]",
      "resource-unused resources[1].name",
    ]);
    expect(okResult.errors).toEqual([]);
  });

  test("--no-validate writes no module that pipeline() stopped: its name, target and team are unknown", async () => {
    writeFileSync(join(work, "web.ts"), stoppedModule({ name: "web", target: "prod", team: "frontend" }));
    writeFileSync(join(work, "definition.json"), "previous content");
    const refused = [
      "web.ts:jobs[0].plan[1].get error pipeline/unknown-reference unknown resource 'sorce'; did you mean 'source'?",
      "hangar render: web.ts: pipeline() stopped the module at names it does not define, so its default export (name, target, team) is unknown; nothing was written, even with --no-validate",
      "",
    ].join("\n");
    const one = memoryIo(work);
    expect(await runCli(["render", "web.ts", "--no-validate"], one.io)).toBe(1);
    expect({ stdout: one.stdout, stderr: one.stderr }).toEqual({ stdout: "", stderr: refused });
    expect(readFileSync(join(work, "definition.json"), "utf8")).toBe("previous content");

    const batch = memoryIo(work);
    expect(await runCli(["render", "web.ts", "ok.ts", "--no-validate", "--out-dir", "out"], batch.io)).toBe(1);
    expect(batch.stderr).toContain(refused);
    expect(readdirSync(join(work, "out"))).toEqual(["app.json"]);
  });

  test("refuses to write a pipeline with errors unless --no-validate", async () => {
    writeFileSync(join(work, "definition.json"), "previous content");
    const run = memoryIo(work);
    expect(await runCli(["render", "invalid.ts"], run.io)).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "invalid.ts:resources[0].name error resource-unused resource 'unused' is not used\n" +
        "hangar render: invalid.ts has errors; nothing was written (--no-validate writes it anyway)\n",
    );
    expect(readFileSync(join(work, "definition.json"), "utf8")).toBe("previous content");

    const forced = memoryIo(work);
    expect(await runCli(["render", "invalid.ts", "--no-validate"], forced.io)).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "definition.json"), "utf8")).resources).toEqual([
      { name: "unused", type: "time", source: {} },
    ]);
  });

  test("fly's var flags: checked with the vars filled in, written with ((vars)) as they are, repeated in the fly command", async () => {
    writeFileSync(
      join(work, "vars.mjs"),
      `export default {
        name: "app",
        target: "ci",
        instanceVars: { branch: "main" },
        pipeline: {
          resources: [{ name: "src", type: "git", source: { uri: "((repo.uri))", branch: "((branch))" } }],
          jobs: [{ name: "build", plan: [{ get: "src", trigger: "((auto))", params: "((fetch))" }] }],
        },
      };\n`,
    );
    // without values, a var standing for a bool or a map is fly's decoding error, naming the var
    const bare = memoryIo(work);
    expect(await runCli(["render", "vars.mjs"], bare.io)).toBe(1);
    expect(bare.stderr).toContain(
      "error type-mismatch json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; the var ((auto)) has no value",
    );
    expect(existsSync(join(work, "definition.json"))).toBe(false);

    writeFileSync(join(work, "vars.yml"), "fetch: { depth: 1 }\nrepo: { uri: https://git.example.com/a.git }\n");
    const flags = ["-y", "auto=true", "-l", "vars.yml", "-v", "note=hello world", "-i", "branch=release"];
    const run = memoryIo(work);
    expect(await runCli(["render", "vars.mjs", ...flags], run.io)).toBe(0);
    const written = JSON.parse(readFileSync(join(work, "definition.json"), "utf8"));
    expect(written.jobs[0].plan[0]).toEqual({ get: "src", trigger: "((auto))", params: "((fetch))" });
    expect(written.resources[0].source).toEqual({ uri: "((repo.uri))", branch: "((branch))" });
    expect(run.stdout).toBe(
      "fly -t ci set-pipeline -p app -c definition.json -i branch=release -v 'note=hello world' -y auto=true -l vars.yml\n",
    );

    // the same in a batch, and a malformed flag is a usage failure in fly's words
    const batch = memoryIo(work);
    expect(
      await runCli(["render", "vars.mjs", "--out-dir", "out", "-y", "auto=false", "-y", "fetch={}"], batch.io),
    ).toBe(0);
    expect(batch.stdout).toBe(
      "fly -t ci set-pipeline -p app -c out/app.json -i branch=main -y auto=false -y 'fetch={}'\n",
    );
    // a name given twice is repeated once, in the place of its last: fly reads the command as hangar checked the flags
    const twice = memoryIo(work);
    const repeated = ["-y", "auto=true", "-y", "fetch={}", "-v", "repo.uri=a", "-v", "repo=b", "-v", "repo.uri=c"];
    expect(await runCli(["render", "vars.mjs", ...repeated], twice.io)).toBe(0);
    expect(twice.stdout).toBe(
      "fly -t ci set-pipeline -p app -c definition.json -i branch=main -v repo=b -v repo.uri=c -y auto=true -y 'fetch={}'\n",
    );
    const bad = memoryIo(work);
    expect(await runCli(["render", "vars.mjs", "-v", "novalue"], bad.io)).toBe(2);
    expect(bad.stderr).toBe(
      "hangar render: -v: invalid variable pair 'novalue' (must be name=value)\n(run `hangar render --help` for usage)\n",
    );
  });

  test("a module's instance vars are checked as the printed command sets them: over -v and -y, under a -i of the same name", async () => {
    writeFileSync(
      join(work, "every.mjs"),
      `export default {
        name: "app",
        target: "ci",
        instanceVars: { every: "bogus" },
        pipeline: {
          resources: [{ name: "src", type: "git", source: { uri: "u" }, check_every: "((every))" }],
          jobs: [{ name: "build", plan: [{ get: "src" }] }],
        },
      };\n`,
    );
    // fly -i every=bogus -v every=1m: fly takes the instance var after -v, so check_every is bogus
    const over = memoryIo(work);
    expect(await runCli(["render", "every.mjs", "-v", "every=1m"], over.io)).toBe(1);
    expect(over.stderr).toContain('error value-invalid time: invalid duration "bogus"');
    const under = memoryIo(work);
    expect(await runCli(["render", "every.mjs", "-i", "every=1m"], under.io)).toBe(0);
    expect(under.stdout).toBe("fly -t ci set-pipeline -p app -c definition.json -i every=1m\n");
    // repeated as typed, which fly reads as hangar did: a number stays a number, a dotted name a path
    const typed = memoryIo(work);
    expect(await runCli(["render", "every.mjs", "-i", "every=1m", "-i", "pr=1", "-i", "a.b=x"], typed.io)).toBe(0);
    expect(typed.stdout).toBe("fly -t ci set-pipeline -p app -c definition.json -i every=1m -i pr=1 -i a.b=x\n");
  });

  test("a module's instance var whose name fly cannot carry (a double quote) is refused, naming the file and the var", async () => {
    writeFileSync(
      join(work, "quoted.mjs"),
      `export default { name: "app", target: "ci", instanceVars: { 'say "hi"': "x" }, pipeline: { jobs: [{ name: "a", plan: [] }] } };\n`,
    );
    const run = memoryIo(work);
    expect(await runCli(["render", "quoted.mjs"], run.io)).toBe(2);
    expect(run.stderr).toBe(
      `hangar render: quoted.mjs: the definition's instanceVars["say \\"hi\\""]: instance var "say \\"hi\\"" cannot be given to fly or Concourse under that name: fly and Concourse read it as "say \\\\hi\\\\" (they drop the double quotes of a var's name)\n`,
    );
    expect(run.stdout).toBe("");
    expect(existsSync(join(work, "definition.json"))).toBe(false);
  });

  test("--debug adds the stack trace of an error in the module", async () => {
    const run = memoryIo(work);
    expect(await runCli(["render", "throws.ts", "--debug"], run.io)).toBe(2);
    expect(run.stderr).toMatch(
      /^hangar render: throws\.ts:2:9: Error: cannot reach the vault\nError: cannot reach the vault\n\s+at /,
    );
  });

  test("usage errors exit 2", async () => {
    for (const argv of [[], ["render"], ["bogus"], ["render", "ok.ts", "--format", "xml"]]) {
      const run = memoryIo(work);
      expect(await runCli(argv, run.io)).toBe(2);
      expect(run.stderr).not.toBe("");
    }
    const help = memoryIo(work);
    expect(await runCli(["--help"], help.io)).toBe(0);
    expect(help.stdout).toContain("render");
  });
});

describe("the installed bin, end to end", () => {
  test("renders through node bin/hangar.js and fails cleanly", () => {
    const tmp = mkdtempSync(join(tmpdir(), "hangar-e2e-"));
    const ok = spawnSync(
      process.execPath,
      [join(repo, "bin/hangar.js"), "render", join(work, "ok.ts"), "-o", join(tmp, "d.json")],
      {
        cwd: work,
        encoding: "utf8",
      },
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(join(tmp, "d.json"), "utf8"))).toEqual(expectedOk);
    expect(ok.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^fly -t ci set-pipeline -p app -c .*d\.json --team 'platform team'$/,
    );

    const bad = spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "render", "throws.ts"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("hangar render: throws.ts:2:9: Error: cannot reach the vault\n");
  });
});

describe("no stray files, bounded time", () => {
  const listing = () => readdirSync(work, { recursive: true }).sort();
  const bin = join(repo, "bin/hangar.js");

  test("render and validate leave the source folder as it was", () => {
    const before = listing();
    for (const args of [
      ["render", "ok.ts", "--stdout"],
      ["validate", "ok.ts", "fragment-only.ts", "plain.mjs"],
      ["render", "throws.ts"],
    ]) {
      spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: "utf8" });
      expect(listing()).toEqual(before);
    }
  });

  test("a module that never settles is reported, and the other files of the call still get their results", () => {
    writeFileSync(
      join(work, "never.ts"),
      "setInterval(() => {}, 1000);\nexport default await new Promise(() => {});\n",
    );
    const result = spawnSync(process.execPath, [bin, "validate", "never.ts", "ok.ts", "--timeout", "0.5"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "hangar validate: never.ts: gave no pipeline within 0.5 s (a promise that never settles, or work that takes longer: see --timeout)\n" +
        "0 errors, 0 warnings in 1 file\n",
    );
    const rendered = spawnSync(process.execPath, [bin, "render", "never.ts", "--timeout=0.3"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(rendered.status).toBe(2);
    expect(rendered.stderr).toMatch(/^hangar render: never\.ts: gave no pipeline within 0\.3 s/);
    const bad = spawnSync(process.execPath, [bin, "render", "ok.ts", "--timeout", "soon"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      "hangar render: --timeout: 'soon' is not a positive number of seconds\n(run `hangar render --help` for usage)\n",
    );
  });

  test.each(["SIGINT", "SIGTERM"] as const)("%s while a module loads leaves nothing behind", async (signal) => {
    writeFileSync(
      join(work, "waits.ts"),
      'setInterval(() => {}, 1000);\nconsole.error("evaluating");\nexport default await new Promise(() => {});\n',
    );
    const before = listing();
    const child = spawn(process.execPath, [bin, "render", "waits.ts", "-o", "definition.json"], { cwd: work });
    await new Promise<void>((started) =>
      child.stderr.on("data", (chunk: Buffer) => chunk.includes("evaluating") && started()),
    );
    const ended = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, sig) => done(sig)));
    child.kill(signal);
    expect(await ended).toBe(signal);
    expect(listing()).toEqual(before);
  });
});

test("an error in a TypeScript module is placed in it without --debug; with --debug the stack points into it too", () => {
  const dir = mkdtempSync(join(repo, "test/.tmp-render-stack-"));
  try {
    writeFileSync(
      join(dir, "throws.ts"),
      'import { pipeline } from "hangar";\nconst jobs: never[] = [];\nif (jobs.length === 0) throw new Error("no jobs");\nexport default pipeline({ jobs });\n',
    );
    const render = (...flags: string[]) =>
      spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "render", "throws.ts", "--stdout", ...flags], {
        cwd: dir,
        encoding: "utf8",
      });
    const plain = render();
    expect(plain.stderr).toBe("hangar render: throws.ts:3:30: Error: no jobs\n");
    expect(plain.status).toBe(2);
    // Node maps the stack through the source map only when it is printed
    const debug = render("--debug");
    expect(debug.stderr.startsWith("hangar render: throws.ts:3:30: Error: no jobs\n")).toBe(true);
    expect(debug.stderr).toMatch(/\n\s+at .*throws\.ts:3:30\)?\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
