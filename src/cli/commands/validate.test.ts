import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { runCli } from "../run-cli.ts";

const fixtures = resolve(import.meta.dirname, "../../../test/fixtures/validate");

async function run(argv: string[], env: Record<string, string | undefined> = {}, tty = false) {
  const m = memoryIo(fixtures, env);
  const io = tty ? { ...m.io, isTTY: { stdout: true, stderr: true } } : m.io;
  const code = await runCli(argv, io);
  return { code, stdout: m.stdout, stderr: m.stderr };
}

describe("hangar validate", () => {
  test("a clean pipeline: exit 0, nothing on stdout", async () => {
    expect(await run(["validate", "good.yml"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "0 errors, 0 warnings in 1 file\n",
    });
  });

  test("globs are expanded, as render and apply expand them (for a shell that passes them quoted); none matching is a usage error", async () => {
    const globbed = await run(["validate", "goo?.y*ml", "b[a]d.yml"]);
    expect(globbed.code).toBe(1);
    expect(globbed.stdout).toMatch(/^bad\.yml:5:5 error /);
    expect(globbed.stderr).toBe("3 errors, 0 warnings in 2 files\n");
    const none = await run(["validate", "good.yml", "nothing-*.ts"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^hangar validate: no file matches 'nothing-\*\.ts'\n/);
  });

  test("modules that import a helper that does not load: its error told once, the modules listed", async () => {
    const dir = mkdtempSync(join(resolve(import.meta.dirname, "../../../test"), ".tmp-validate-"));
    try {
      writeFileSync(join(dir, "helper.ts"), "export const x = ;\n");
      const user = 'import { x } from "./helper.ts";\nexport default { jobs: [{ name: String(x), plan: [] }] };\n';
      writeFileSync(join(dir, "one.ts"), user);
      writeFileSync(join(dir, "two.ts"), user);
      const m = memoryIo(dir);
      const code = await runCli(["validate", "one.ts", "two.ts", join(fixtures, "good.yml")], m.io);
      expect(code).toBe(2);
      expect(m.stderr.match(/helper\.ts:1:18/g)).toHaveLength(1);
      expect(m.stderr).toContain("hangar validate: 2 modules did not load: one.ts, two.ts\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("text: file:line:col severity rule message, per file in argument order; exit 1 on errors", async () => {
    expect(await run(["validate", "bad.yml", "broken.yml", "good.yml"])).toEqual({
      code: 1,
      stdout: [
        "bad.yml:5:5 error unknown-field-rejected set-pipeline rejects this key (json: unknown field \"chek_every\"); did you mean 'check_every'?",
        "bad.yml:10:14 error get-unknown-resource unknown resource 'missing-thing'",
        "bad.yml:11:15 error task-config-or-file must specify either `file:` or `config:`",
        "broken.yml:3:11 error type-mismatch json: cannot unmarshal number into Go struct field JobConfig.jobs.plan of type []atc.Step",
        "",
      ].join("\n"),
      stderr: "4 errors, 0 warnings in 3 files\n",
    });
  });

  test("json: one document, one object per file, errors and warnings apart, fly lines for parity rules", async () => {
    const { code, stdout } = await run(["validate", "--format", "json", "bad.yml", "bad.json", "good.yml"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      {
        file: "bad.yml",
        errors: [
          {
            rule: "unknown-field-rejected",
            severity: "error",
            message: "set-pipeline rejects this key (json: unknown field \"chek_every\"); did you mean 'check_every'?",
            path: "resources[0].chek_every",
            file: "bad.yml",
            line: 5,
            col: 5,
            fly: null,
          },
          {
            rule: "get-unknown-resource",
            severity: "error",
            message: "unknown resource 'missing-thing'",
            path: "jobs[0].plan[1].get",
            file: "bad.yml",
            line: 10,
            col: 14,
            fly: "jobs.unit.plan.do[1].get(missing-thing): unknown resource 'missing-thing'",
          },
          {
            rule: "task-config-or-file",
            severity: "error",
            message: "must specify either `file:` or `config:`",
            path: "jobs[0].plan[2].task",
            file: "bad.yml",
            line: 11,
            col: 15,
            fly: "jobs.unit.plan.do[2].task(test): must specify either `file:` or `config:`",
          },
        ],
        warnings: [],
      },
      {
        file: "bad.json",
        errors: [
          {
            rule: "get-unknown-resource",
            severity: "error",
            message: "unknown resource 'nowhere'",
            path: "jobs[0].plan[0].get",
            file: "bad.json",
            line: 2,
            col: 48,
            fly: "jobs.unit.plan.do[0].get(nowhere): unknown resource 'nowhere'",
          },
        ],
        warnings: [],
      },
      { file: "good.yml", errors: [], warnings: [] },
    ]);
  });

  test("--strict lists warnings (unknown keys included) under errors", async () => {
    const { code, stdout } = await run(["validate", "--strict", "--format", "json", "bad.yml"]);
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout);
    expect(result.warnings).toEqual([]);
    expect(result.errors.map((e: { rule: string; severity: string }) => [e.rule, e.severity])).toEqual([
      ["unknown-field", "error"],
      ["get-unknown-resource", "error"],
      ["task-config-or-file", "error"],
    ]);
  });

  test("--format fly prints what fly validate-pipeline prints (nothing about unknown keys without --strict)", async () => {
    const { code, stdout } = await run(["validate", "--format", "fly", "bad.yml", "broken.yml", "good.yml"]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "bad.yml:",
        "",
        "WARNING:",
        "Error loading existing config:",
        "  - invalid jobs:",
        "\tjobs.unit.plan.do[1].get(missing-thing): unknown resource 'missing-thing'",
        "\tjobs.unit.plan.do[2].task(test): must specify either `file:` or `config:`",
        "",
        "",
        "error: configuration invalid",
        "broken.yml:",
        "error: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field JobConfig.jobs.plan of type []atc.Step",
        "good.yml:",
        "looks good",
        "",
      ].join("\n"),
    );
  });

  test("--format fly prints every read error as fly's error line, never `looks good`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-fly-"));
    try {
      const files: Record<string, string> = {
        "syntax.yml": 'jobs:\n- name: "j" bad: x\n',
        "tab.yml": "jobs:\n- name: j\n\tplan: []\n",
        "alias.yml": "jobs:\n- name: j\n  plan: *nope\n",
        "merge.yml": "a: {x: 1}\nb:\n  <<: 1\n",
        "nul.yml": "jobs: []\n\u0000\n",
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const m = memoryIo(dir);
      expect(await runCli(["validate", "--format", "fly", ...Object.keys(files), "missing.yml"], m.io)).toBe(1);
      const before = "error: error parsing yaml before applying templates: yaml:";
      expect(m.stdout).toBe(
        [
          "syntax.yml:",
          `${before} line 2: bad indentation of a mapping entry`,
          "tab.yml:",
          `${before} line 2: found a tab character that violates indentation`,
          "alias.yml:",
          `${before} unknown anchor 'nope' referenced`,
          "merge.yml:",
          `${before} map merge requires map or sequence of maps as the value`,
          "nul.yml:",
          `${before} control characters are not allowed`,
          "missing.yml:",
          "error: cannot read: no such file (ENOENT)",
          "",
        ].join("\n"),
      );
      const missing = memoryIo(dir);
      expect(await runCli(["validate", "--format", "fly", "missing.yml"], missing.io)).toBe(2);
      expect(missing.stdout).toBe("missing.yml:\nerror: cannot read: no such file (ENOENT)\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a document that is not a mapping, a key or a float fly cannot read: fly's line with --format fly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-fly-"));
    try {
      const files: Record<string, string> = {
        "list.yml": "# a list\n- name: j\n",
        "scalar.yml": "hello\n",
        "list.json": '[{"name": "j"}]\n',
        "key.yml": "jobs: [{name: j, plan: [{get: r, params: {~: x}}]}]\n",
        "inf.yml": "resources: [{name: r, type: git, source: {depth: .inf}}]\njobs: 5\n",
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const fly = memoryIo(dir);
      expect(await runCli(["validate", "--format", "fly", ...Object.keys(files)], fly.io)).toBe(1);
      const v3 = "error: error parsing yaml before applying templates: yaml: unmarshal errors:\n  line";
      expect(fly.stdout).toBe(
        [
          "list.yml:",
          `${v3} 2: cannot unmarshal !!seq into map[string]interface {}`,
          "scalar.yml:",
          `${v3} 1: cannot unmarshal !!str \`hello\` into map[string]interface {}`,
          "list.json:",
          `${v3} 1: cannot unmarshal !!seq into map[string]interface {}`,
          "key.yml:",
          'error: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: "x"',
          "inf.yml:",
          "error: error converting YAML to JSON: json: unsupported value: +Inf",
          "",
        ].join("\n"),
      );
      const text = memoryIo(dir);
      expect(await runCli(["validate", "list.yml", "scalar.yml"], text.io)).toBe(1);
      expect(text.stdout).toBe(
        "list.yml:2:1 error type-mismatch a pipeline is a mapping of its top-level keys (jobs, resources, ...), not a list\n" +
          "scalar.yml:1:1 error type-mismatch a pipeline is a mapping of its top-level keys (jobs, resources, ...), not a string\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a pipeline module is loaded, rendered and validated (paths, no positions)", async () => {
    expect(await run(["validate", "module.mjs"])).toEqual({
      code: 1,
      stdout: "module.mjs:jobs[0].plan[0].task error task-config-or-file must specify either `file:` or `config:`\n",
      stderr: "1 error, 0 warnings in 1 file\n",
    });
  });

  test("a module whose pipeline has a name beside its jobs: the key Concourse drops is said, the jobs are read as jobs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-validate-"));
    try {
      writeFileSync(join(dir, "named.mjs"), 'export default { name: "app", jobs: [{ name: "build", plan: [] }] };\n');
      const m = memoryIo(dir);
      expect(await runCli(["validate", "named.mjs"], m.io)).toBe(0);
      expect(m.stdout).toBe(
        'named.mjs:name warning unknown-field-dropped set-pipeline drops unknown top-level key "name" and all it holds\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a module with undefined in a list of user data: one line naming its path, exit 2 (not validated without it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-validate-"));
    try {
      writeFileSync(
        join(dir, "args.mjs"),
        'export default { jobs: [{ name: "a", plan: [{ task: "t", config: { platform: "linux", run: { path: "cp", args: ["a", undefined, "b"] } } }] }] };\n',
      );
      const m = memoryIo(dir);
      expect(await runCli(["validate", "args.mjs"], m.io)).toBe(2);
      expect(m.stdout).toBe("");
      expect(m.stderr).toBe(
        "hangar validate: args.mjs: the pipeline is not plain data at jobs[0].plan[0].config.run.args[1]: undefined in a list, which JSON cannot hold (leaving it out would move the items after it): give a value, or take the item out of the list\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("colour only on a terminal, never with NO_COLOR", async () => {
    const coloured = await run(["validate", "broken.yml"], {}, true);
    expect(coloured.stdout).toBe(
      "\u001b[1mbroken.yml:3:11\u001b[0m \u001b[31merror\u001b[0m \u001b[2mtype-mismatch\u001b[0m json: cannot unmarshal number into Go struct field JobConfig.jobs.plan of type []atc.Step\n",
    );
    const plain = await run(["validate", "broken.yml"], { NO_COLOR: "1" }, true);
    expect(plain.stdout).not.toContain("\u001b[");
  });

  test("an unreadable file is an entry of its own; exit 2 only when nothing could be read", async () => {
    const missing = await run(["validate", "nope.yml", "good.yml"]);
    expect(missing).toEqual({
      code: 1,
      stdout: "nope.yml: error input/unreadable cannot read: no such file (ENOENT)\n",
      stderr: "1 error, 0 warnings in 2 files\n",
    });
    const json = await run(["validate", "--format", "json", "good.yml", "nope.yml"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ file: "good.yml", errors: [], warnings: [] }),
      expect.objectContaining({
        file: "nope.yml",
        errors: [expect.objectContaining({ rule: "input/unreadable", message: "cannot read: no such file (ENOENT)" })],
      }),
    ]);
    const nothing = await run(["validate", "nope.yml", "also-missing.json"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stdout).toContain("also-missing.json: error input/unreadable cannot read: no such file (ENOENT)\n");
    expect(nothing.stderr).toBe("2 errors, 0 warnings in 2 files\n");
  });

  test("a folder is walked for *.yml, *.yaml and *.json; - reads standard input", async () => {
    const dir = await run(["validate", ".", "--format", "json"]);
    expect(JSON.parse(dir.stdout).map((r: { file: string }) => r.file)).toEqual(
      readdirSync(fixtures, { recursive: true, encoding: "utf8" })
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort(),
    );
    const m = memoryIo(fixtures, {}, readFileSync(join(fixtures, "bad.yml"), "utf8"));
    expect(await runCli(["validate", "-", "good.yml"], m.io)).toBe(1);
    expect(m.stdout).toContain("<stdin>:10:14 error get-unknown-resource unknown resource 'missing-thing'");
    expect(m.stderr).toMatch(/ in 2 files\n$/);
    const empty = mkdtempSync(join(tmpdir(), "hangar-empty-"));
    try {
      writeFileSync(join(empty, "notes.txt"), "not a pipeline");
      const none = await run(["validate", empty]);
      expect(none.code).toBe(2);
      expect(none.stdout).toBe(`${empty}: error input/unreadable no *.yml, *.yaml or *.json file in this folder\n`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test("--format fly: errors of hangar's own, which fly's output leaves out, are said on stderr, so that a bare 'error: configuration invalid' is explained", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-own-"));
    try {
      const resource = '- name: src\n  type: git\n  pubic: true\n  source: {uri: "https://x/a.git"}\n';
      writeFileSync(join(dir, "own.yml"), `resources:\n${resource}jobs:\n- name: a\n  plan: [{get: src}]\n`);
      writeFileSync(
        join(dir, "good.yml"),
        'resources:\n- {name: src, type: git, source: {uri: "https://x/a.git"}}\njobs:\n- name: a\n  plan: [{get: src}]\n',
      );
      const m = memoryIo(dir, {});
      expect(await runCli(["validate", "--format", "fly", "own.yml", "good.yml"], m.io)).toBe(1);
      expect(m.stdout).toBe("own.yml:\nerror: configuration invalid\ngood.yml:\nlooks good\n");
      expect(m.stderr).toBe(
        "note: own.yml: 1 error of hangar's own, which fly does not report, is not listed (run without --format fly to see it)\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the files of a folder are named as the folder was given: under an absolute path, not one relative to the working folder (../../abs/...)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-abs-"));
    try {
      mkdirSync(join(dir, "ci"));
      writeFileSync(join(dir, "ci/pipeline.yml"), "jobs:\n- name: a\n  plan:\n  - get: nowhere\n");
      const { code, stdout } = await run(["validate", join(dir, "ci")]);
      expect({ code, stdout }).toEqual({
        code: 1,
        stdout: `${join(dir, "ci/pipeline.yml")}:4:10 error get-unknown-resource unknown resource 'nowhere'\n`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a folder's files that are plainly another tool's (no key of a pipeline or task config) are passed by, said so; named, they are read", async () => {
    const project = mkdtempSync(join(tmpdir(), "hangar-project-"));
    try {
      const files = {
        "package.json": '{"name": "ci", "scripts": {"test": "node --test"}}\n',
        "tsconfig.json": '{"compilerOptions": {"strict": true}}\n',
        "ci/vars.yml": "git_uri: https://example.test/app.git\nbranch: main\n",
        "ci/list.yml": "- a\n- b\n",
        "ci/pipeline.yml": "JOBS: []\n",
        "ci/task.yml": "platform: linux\nrun: {path: make}\n",
        "ci/draft.yml": "",
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(project, file)), { recursive: true });
        writeFileSync(join(project, file), text);
      }
      const m = memoryIo(project);
      expect(await runCli(["validate", ".", "--format", "json"], m.io)).toBe(1);
      // a key in another case is Concourse's key (JOBS), and an empty file may be a pipeline being written
      expect(JSON.parse(m.stdout).map((r: { file: string }) => r.file)).toEqual([
        "ci/draft.yml",
        "ci/pipeline.yml",
        "ci/task.yml",
      ]);
      expect(m.stderr).toBe(
        "note: passed by 4 files found in a folder that are neither a pipeline nor a task config (no key of either at the top level): ci/list.yml, ci/vars.yml, package.json, tsconfig.json; name a file to validate it anyway\n",
      );
      // named on its own, beside the folder, a file is read as a pipeline
      const named = memoryIo(project);
      expect(await runCli(["validate", ".", "package.json"], named.io)).toBe(1);
      expect(named.stdout.match(/^package\.json:1:1 error job-none /gm)).toHaveLength(1);
      expect(named.stderr).toContain("ci/list.yml, ci/vars.yml, tsconfig.json;");
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test("a finding at a key a merge key brings in is at that key in the anchored mapping (stdin)", async () => {
    const text = [
      "defaults: &defaults",
      "  get: missing",
      "  trigger: 3",
      "jobs:",
      "- name: a",
      "  plan:",
      "  - <<: *defaults",
      "",
    ].join("\n");
    const m = memoryIo(fixtures, {}, text);
    expect(await runCli(["validate", "-"], m.io)).toBe(1);
    expect(m.stdout).toBe(
      "<stdin>:3:12 error type-mismatch json: cannot unmarshal number into Go struct field GetStep.trigger of type bool\n",
    );
    const fixed = memoryIo(fixtures, {}, text.replace("trigger: 3", "trigger: true"));
    expect(await runCli(["validate", "-"], fixed.io)).toBe(1);
    expect(fixed.stdout).toContain("<stdin>:2:8 error get-unknown-resource unknown resource 'missing'\n");
  });

  test("a file that is not UTF-8 is go-yaml's error at the bad byte's line and column (file or stdin)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-utf8-"));
    try {
      // a Latin-1 file: "café" with é as the single byte 0xE9
      const latin1 = Buffer.concat([
        Buffer.from("jobs:\n- name: caf"),
        Buffer.from([0xe9]),
        Buffer.from("\n  plan: []\n"),
      ]);
      writeFileSync(join(dir, "latin1.yml"), latin1);
      const line = "2:12 error yaml/INVALID_UTF8 invalid trailing UTF-8 octet (at byte 18)";
      const m = memoryIo(dir);
      expect(await runCli(["validate", "latin1.yml"], m.io)).toBe(1);
      expect(m.stdout).toBe(`latin1.yml:${line}\n`);
      const fly = memoryIo(dir);
      await runCli(["validate", "--format", "fly", "latin1.yml"], fly.io);
      expect(fly.stdout).toContain("error parsing yaml before applying templates: yaml: invalid trailing UTF-8 octet");
      const stdin = memoryIo(dir, {}, latin1);
      expect(await runCli(["validate", "-"], stdin.io)).toBe(1);
      expect(stdin.stdout).toBe(`<stdin>:${line}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("exit 2 on usage failures", async () => {
    expect((await run(["validate"])).code).toBe(2);
    expect((await run(["validate", "--format", "xml", "good.yml"])).code).toBe(2);
  });
});

describe("hangar validate of task config files", () => {
  const note =
    "note: tasks/stray.yml was read as a pipeline, though its top level has keys of a task config (run); --as task reads it as a task config file\n";

  test("a file with run or platform and no pipeline key is a task config, checked as Concourse reads one", async () => {
    expect(await run(["validate", "tasks"])).toEqual({
      code: 1,
      stdout: [
        "tasks/lint.yml:5:1 error task-config-unknown-fields unknown fields: [ouputs]; did you mean 'outputs'?",
        "tasks/package.yml:1:1 error task-config-no-platform missing 'platform'",
        "tasks/package.yml:6:5 error task-config-io-no-name   input in position 1 is missing a name",
        'tasks/stray.yml:2:1 warning unknown-field-dropped set-pipeline drops unknown top-level key "run" and all it holds',
        "",
      ].join("\n"),
      // a task config beside a pipeline's keys is read as a pipeline, and that is said; a plain task config is not
      stderr: `${note}3 errors, 1 warning in 4 files\n`,
    });
    expect(await run(["validate", "tasks/unit.yml"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "0 errors, 0 warnings in 1 file\n",
    });
  });

  test("--as task and --as pipeline force a reading (and say nothing of it)", async () => {
    const task = await run(["validate", "--as", "task", "tasks/stray.yml", "tasks/unit.yml"]);
    expect(task).toEqual({
      code: 1,
      stdout: "tasks/stray.yml:4:1 error task-config-unknown-fields unknown fields: [jobs resources]\n",
      stderr: "1 error, 0 warnings in 2 files\n",
    });
    const pipeline = await run(["validate", "--as", "pipeline", "tasks/unit.yml"]);
    expect(pipeline.code).toBe(1);
    expect(pipeline.stdout).toContain(
      "tasks/unit.yml:2:1 error job-none jobs: pipeline must contain at least one job\n",
    );
    expect(pipeline.stderr).toBe("1 error, 6 warnings in 1 file\n");
    // standard input too
    const m = memoryIo(fixtures, {}, "run: { path: make }\n");
    expect(await runCli(["validate", "-"], m.io)).toBe(1);
    expect(m.stdout).toBe("<stdin>:1:1 error task-config-no-platform missing 'platform'\n");
  });

  test("--format fly prints what fly execute prints for a task config it cannot run", async () => {
    const { code, stdout } = await run(["validate", "--format", "fly", "tasks"]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "tasks/lint.yml:",
        "error: unknown fields: [ouputs]",
        "tasks/package.yml:",
        "error: invalid task configuration:",
        "missing 'platform'",
        "  input in position 1 is missing a name",
        "tasks/stray.yml:",
        "looks good",
        "tasks/unit.yml:",
        "looks good",
        "",
      ].join("\n"),
    );
  });

  test("--format json: the same findings, with fly execute's words", async () => {
    const { stdout } = await run(["validate", "--format", "json", "tasks/lint.yml"]);
    expect(JSON.parse(stdout)).toEqual([
      {
        file: "tasks/lint.yml",
        errors: [
          {
            rule: "task-config-unknown-fields",
            severity: "error",
            message: "unknown fields: [ouputs]; did you mean 'outputs'?",
            path: "ouputs",
            file: "tasks/lint.yml",
            line: 5,
            col: 1,
            fly: "unknown fields: [ouputs]",
          },
        ],
        warnings: [],
      },
    ]);
  });

  test("--as takes auto, pipeline or task; a module is no task config", async () => {
    const wrong = await run(["validate", "--as", "job", "tasks/unit.yml"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^hangar validate: /);
    const module = await run(["validate", "--as", "task", "tasks/unit.yml", "module.mjs"]);
    expect(module).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "hangar validate: --as task reads YAML or JSON files, and module.mjs is a module (a pipeline)\n(run `hangar validate --help` for usage)\n",
    });
  });
});

describe("hangar validate with fly's vars", () => {
  const fixturesDir = resolve(import.meta.dirname, "../../../test/fixtures/vars");
  const runVars = async (argv: string[]) => {
    const m = memoryIo(fixturesDir);
    const code = await runCli(argv, m.io);
    return { code, stdout: m.stdout, stderr: m.stderr };
  };

  test("without values, a var standing for a bool or a map is fly's error, with the var named and how to pass it", async () => {
    const { code, stdout } = await runVars(["validate", "pipeline.yml"]);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter(Boolean)).toEqual([
      "pipeline.yml:9:18 error type-mismatch json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; the var ((deploy.auto)) has no value: pass it with -y deploy.auto=<yaml>, -v deploy.auto=<string> or -l <vars file>",
      "pipeline.yml:10:17 error type-mismatch json: cannot unmarshal string into Go struct field GetStep.params of type atc.Params; the var ((fetch_params)) has no value: pass it with -y fetch_params=<yaml>, -v fetch_params=<string> or -l <vars file>",
    ]);
  });

  test("-y, -v, -l and -i fill them in (later files win, flags win over files)", async () => {
    expect(
      await runVars(["validate", "pipeline.yml", "-y", "deploy.auto=true", "-y", "fetch_params={}"]),
    ).toMatchObject({
      code: 0,
    });
    expect(await runVars(["validate", "pipeline.yml", "-l", "vars.yml", "-l", "later.yml"])).toMatchObject({ code: 0 });
    expect(
      await runVars(["validate", "pipeline.yml", "--load-vars-from", "vars.yml", "-i", "team=[x]", "--format", "fly"]),
    ).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("cannot interpolate non-primitive value ([]interface {}) from var: team"),
    });
  });

  test("-i is taken as fly takes instance vars: after -v and -y, its mapping's fields added to theirs", async () => {
    // fly: deploy is {auto: true, region: eu} (-i adds its field), team is x (-i wins over -v)
    const merged = ["-y", "deploy={auto: true}", "-i", "deploy={region: eu}", "-y", "fetch_params={}"];
    expect(await runVars(["validate", "pipeline.yml", ...merged])).toMatchObject({ code: 0 });
    const bool = ["-v", "team=x", "-i", "team=true", "-l", "vars.yml", "--format", "fly"];
    expect(await runVars(["validate", "pipeline.yml", ...bool])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("cannot interpolate non-primitive value (bool) from var: team"),
    });
    // an empty mapping is no var: ((fetch_params)) stays as it is, a string where params are a mapping
    expect(
      await runVars(["validate", "pipeline.yml", "-y", "deploy.auto=true", "-i", "fetch_params={}"]),
    ).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("the var ((fetch_params)) has no value"),
    });
  });

  test("a malformed flag or a missing vars file is a usage error in fly's words", async () => {
    expect(await runVars(["validate", "pipeline.yml", "-v", "novalue"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "hangar validate: -v: invalid variable pair 'novalue' (must be name=value)\n(run `hangar validate --help` for usage)\n",
    });
    // each names its flag, as fly's does (`invalid argument for flag -y`), and a YAML value the place in it
    const usage = "(run `hangar validate --help` for usage)\n";
    expect((await runVars(["validate", "pipeline.yml", "-v", "ok=1", "-i", "=x"])).stderr).toBe(
      `hangar validate: -i: invalid var '': empty field\n${usage}`,
    );
    expect((await runVars(["validate", "pipeline.yml", "-y", "cfg=a: 1\nb: c: 2"])).stderr).toBe(
      `hangar validate: -y: invalid YAML value in 'cfg=a: 1\\nb: c: 2' at 2:5 of the value: bad indentation of a mapping entry\n${usage}`,
    );
    // a vars file go-yaml cannot read: fly's line (sigs.k8s.io/yaml's words around go-yaml v2's, with its line)
    expect((await runVars(["validate", "pipeline.yml", "-l", "bad-anchor.yml"])).stderr).toBe(
      `hangar validate: could not unmarshal template variables (bad-anchor.yml:3:7): error converting YAML to JSON: yaml: line 3: did not find expected alphabetic or numeric character\n${usage}`,
    );
    // fly reads the files from the last one given: of two it cannot read, the last one's error is given
    expect((await runVars(["validate", "pipeline.yml", "-l", "bad-anchor.yml", "-l", "absent.yml"])).stderr).toMatch(
      /^hangar validate: could not read template variables file \(absent\.yml\)/,
    );
    expect((await runVars(["validate", "pipeline.yml", "-l", "absent.yml", "-l", "bad-anchor.yml"])).stderr).toMatch(
      /^hangar validate: could not unmarshal template variables \(bad-anchor\.yml:3:7\)/,
    );
    expect((await runVars(["validate", "pipeline.yml", "-l", "absent.yml"])).stderr).toMatch(
      /^hangar validate: could not read template variables file \(absent\.yml\): no such file \(ENOENT\)\n/,
    );
  });
});

describe("hangar validate, a var name fly refuses with no vars given", () => {
  const dir = resolve(import.meta.dirname, "../../../test/fixtures/var-names");
  const runIn = async (argv: string[]) => {
    const m = memoryIo(dir);
    const code = await runCli(argv, m.io);
    return { code, stdout: m.stdout };
  };

  test("a YAML file: each at its string, fly's line; a module: at its path; render writes nothing", async () => {
    expect(await runIn(["validate", "bad-names.yml", "--format", "fly"])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`invalid var 'repo."branch': contains unclosed quotes`),
    });
    expect((await runIn(["validate", "bad-names.yml"])).stdout.split("\n").filter(Boolean)).toEqual([
      `bad-names.yml:7:15 error vars/interpolation invalid var 'repo."branch': contains unclosed quotes`,
      "bad-names.yml:18:16 error vars/interpolation invalid var 'release..tag': empty field",
    ]);
    expect(await runIn(["validate", "bad-names.ts"])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("vars/interpolation invalid var 'repo..branch': empty field"),
    });
    expect((await runIn(["render", "bad-names.ts", "--stdout"])).code).toBe(1);
  });
});

describe("hangar validate, a var name fly refuses in a mapping key with no vars given", () => {
  const dir = resolve(import.meta.dirname, "../../../test/fixtures/var-names");
  const runIn = async (argv: string[]) => {
    const m = memoryIo(dir);
    const code = await runCli(argv, m.io);
    return { code, stdout: m.stdout };
  };

  test("a YAML file: each at its key, fly's line alone; a module: at its key's path", async () => {
    expect(await runIn(["validate", "bad-keys.yml", "--format", "fly"])).toEqual({
      code: 1,
      stdout: "bad-keys.yml:\nerror: invalid var 'creds..user': empty field\n",
    });
    expect((await runIn(["validate", "bad-keys.yml"])).stdout.split("\n").filter(Boolean)).toEqual([
      "bad-keys.yml:8:7 error vars/interpolation invalid var 'creds..user': empty field",
      `bad-keys.yml:17:13 error vars/interpolation invalid var 'release."tag': contains unclosed quotes`,
    ]);
    expect(await runIn(["validate", "bad-keys.ts"])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("vars/interpolation invalid var 'creds..user': empty field"),
    });
  });
});

describe("hangar validate, a var name fly refuses in a file that is not well formed", () => {
  const dir = resolve(import.meta.dirname, "../../../test/fixtures/var-names");
  const runIn = async (argv: string[]) => {
    const m = memoryIo(dir);
    const code = await runCli(argv, m.io);
    return { code, stdout: m.stdout };
  };

  test("--format fly prints fly's line for the name alone (before the float JSON cannot hold, before the types)", async () => {
    expect(await runIn(["validate", "bad-names-shape.yml", "--format", "fly"])).toEqual({
      code: 1,
      stdout: "bad-names-shape.yml:\nerror: invalid var 'repo..key': empty field\n",
    });
  });

  test("the text output lists the names alone, as fly stops at them (the shape errors come once they are mended)", async () => {
    const { code, stdout } = await runIn(["validate", "bad-names-shape.yml"]);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter(Boolean)).toEqual([
      "bad-names-shape.yml:9:7 error vars/interpolation invalid var 'repo..key': empty field",
      `bad-names-shape.yml:17:16 error vars/interpolation invalid var 'release."tag': contains unclosed quotes`,
    ]);
  });
});
