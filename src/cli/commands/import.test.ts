import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { runCli } from "../run-cli.ts";

const repo = resolve(import.meta.dirname, "../../..");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-import-cli-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const PIPELINE = `
resources:
- {name: src, type: git, source: {uri: "https://example.com/a.git"}}
jobs:
- name: build
  plan: [{get: src, trigger: true}]
`;

const run = async (argv: string[], stdin = "") => {
  const io = memoryIo(work, {}, stdin);
  const code = await runCli(["import", ...argv], io.io);
  return { code, stdout: io.stdout, stderr: io.stderr };
};

describe("hangar import", () => {
  test("one file to stdout", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE);
    const { code, stdout, stderr } = await run(["p.yml"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("get(src, { trigger: true })");
    expect(stdout).toMatch(/^import \{ get, pipeline, type Resource \} from "hangar";\n/);
  });

  test("a finding or a note that quotes a key holding controls (a C1 CSI, a bidi override) shows them as escapes", async () => {
    const key = String.raw`"\e[2J\u009b\u202e"`;
    writeFileSync(
      join(work, "dup.yml"),
      `jobs: []\nresources:\n- {name: r, type: git, source: {${key}: 1, ${key}: 2}}\n`,
    );
    const dup = await run(["dup.yml"]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toBe(
      String.raw`dup.yml:3:57: mapping key "\u001b[2J\u009b\u202e" already defined at line 3` + "\n",
    );
    // a note names the path of a key the merge key after it replaces: the key holds the controls
    writeFileSync(
      join(work, "note.yml"),
      `jobs: []\nresources:\n- {name: r, type: git, source: {${key}: 1, <<: {${key}: 2}}}\n`,
    );
    const note = await run(["note.yml"]);
    expect(note.code).toBe(0);
    expect(note.stderr).toContain(String.raw`note.yml: resources[0].source["\u001b[2J\u009b\u202e"] left out`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be found
    expect(dup.stderr + note.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  test("stdin with -, written to -o", async () => {
    const { code, stdout } = await run(["-", "-o", "out.ts"], PIPELINE);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(readFileSync(join(work, "out.ts"), "utf8")).toContain("const src: Resource");
  });

  test("a folder with --out-dir: one module per pipeline", async () => {
    mkdirSync(join(work, "ci"));
    writeFileSync(join(work, "ci/a.yml"), PIPELINE);
    writeFileSync(join(work, "ci/b.json"), JSON.stringify({ jobs: [{ name: "x", plan: [] }] }));
    writeFileSync(join(work, "ci/notes.txt"), "not a pipeline");
    const { code, stderr } = await run(["ci", "--out-dir", "ts"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "wrote 2 modules\n" });
    expect(readdirSync(join(work, "ts")).sort()).toEqual(["a.ts", "b.ts"]);
  });

  test("a folder holding a vars file and a task config beside its pipelines: they are passed by with a note, as validate passes by another tool's file, where the import failed on them and wrote nothing", async () => {
    mkdirSync(join(work, "ci"));
    writeFileSync(join(work, "ci/pipeline.yml"), PIPELINE);
    writeFileSync(join(work, "ci/vars.yml"), "branch: main\nregistry: {user: bot}\n");
    writeFileSync(join(work, "ci/unit.yml"), "platform: linux\nrun: {path: make}\n");
    const { code, stderr } = await run(["ci", "--out-dir", "ts"]);
    expect({ code, stderr }).toEqual({
      code: 0,
      stderr:
        "note: passed by ci/unit.yml, found in a folder: a task config file, not a pipeline (`hangar validate` checks it)\n" +
        "note: passed by ci/vars.yml, found in a folder: neither a pipeline nor a task config (no key of either at the top level)\n" +
        "wrote 1 module\n",
    });
    expect(readdirSync(join(work, "ts"))).toEqual(["pipeline.ts"]);
  });

  test("a task config or a vars file named on its own is still an error, saying what it is", async () => {
    writeFileSync(join(work, "unit.yml"), "platform: linux\nrun: {path: make}\n");
    writeFileSync(join(work, "vars.yml"), "branch: main\n");
    const task = await run(["unit.yml"]);
    expect({ code: task.code, stderr: task.stderr }).toEqual({
      code: 2,
      stderr:
        "unit.yml:1:1: the document has no `jobs`: there is no pipeline to import (it is a task config file: `hangar validate` checks it)\n",
    });
    const vars = await run(["vars.yml"]);
    expect({ code: vars.code, stderr: vars.stderr }).toEqual({
      code: 2,
      stderr: "vars.yml:1:1: the document has no `jobs`: there is no pipeline to import\n",
    });
  });

  test("a folder of no pipeline: an error saying so, nothing written", async () => {
    mkdirSync(join(work, "ci"));
    writeFileSync(join(work, "ci/vars.yml"), "branch: main\n");
    const { code, stderr } = await run(["ci", "--out-dir", "ts"]);
    expect(code).toBe(2);
    expect(stderr).toContain("note: passed by ci/vars.yml, found in a folder");
    expect(stderr).toContain("hangar import: no pipeline to import: every file given was passed by\n");
    expect(existsSync(join(work, "ts"))).toBe(false);
  });

  test("several files without --out-dir is a usage error", async () => {
    writeFileSync(join(work, "a.yml"), PIPELINE);
    writeFileSync(join(work, "b.yml"), PIPELINE);
    const { code, stderr } = await run(["a.yml", "b.yml"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "hangar import: 2 pipelines given: write them with --out-dir\n(run `hangar import --help` for usage)\n",
    );
  });

  test("a file that is not YAML: its position on stderr, exit 2, nothing written", async () => {
    writeFileSync(join(work, "good.yml"), PIPELINE);
    writeFileSync(join(work, "bad.yml"), "jobs: [\n  {name: a\n");
    const { code, stderr } = await run(["good.yml", "bad.yml", "--out-dir", "ts"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bad\.yml:\d+:\d+: /);
    expect(existsSync(join(work, "ts"))).toBe(false);
  });

  test("text that is not UTF-8 is an error at its place, not U+FFFD in a name", async () => {
    writeFileSync(join(work, "latin1.yml"), Buffer.from("jobs:\n- name: caf\xe9\n  plan: []\n", "latin1"));
    const { code, stdout, stderr } = await run(["latin1.yml", "-o", "out.ts"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(/^latin1\.yml:2:\d+: .*UTF-8/);
    expect(existsSync(join(work, "out.ts"))).toBe(false);
  });

  test("a module that exists is not replaced without --force; with it, it is", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE);
    writeFileSync(join(work, "p.ts"), "// edited by hand\n");
    const refused = await run(["p.yml", "-o", "p.ts"]);
    expect(refused).toEqual({
      code: 2,
      stdout: "",
      stderr: "hangar import: would replace p.ts (nothing was written); pass --force to replace\n",
    });
    expect(readFileSync(join(work, "p.ts"), "utf8")).toBe("// edited by hand\n");
    const forced = await run(["p.yml", "-o", "p.ts", "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe("wrote 1 module\n");
    expect(readFileSync(join(work, "p.ts"), "utf8")).toContain("const src: Resource");
    // imported again, the same module: the file is left as it is, and the line says so
    const again = await run(["p.yml", "-o", "p.ts", "--force"]);
    expect(again).toEqual({ code: 0, stdout: "", stderr: "1 module unchanged\n" });
    writeFileSync(join(work, "q.yml"), PIPELINE.replace("name: build", "name: test"));
    const some = await run(["p.yml", "q.yml", "--out-dir", ".", "--force"]);
    expect(some.stderr).toBe("wrote 1 module, 1 unchanged\n");
  });

  test("an input is never its own output, even with --force", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE);
    const { code, stderr } = await run(["p.yml", "-o", "p.yml", "--force"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "hangar import: p.yml is a pipeline being imported; it would be replaced by its module\n(run `hangar import --help` for usage)\n",
    );
    expect(readFileSync(join(work, "p.yml"), "utf8")).toBe(PIPELINE);
  });

  test("with --out-dir, a target that cannot be written stops the import before any module is written", async () => {
    writeFileSync(join(work, "a.yml"), PIPELINE);
    writeFileSync(join(work, "b.yml"), PIPELINE);
    mkdirSync(join(work, "ts/b.ts"), { recursive: true });
    const { code, stderr } = await run(["a.yml", "b.yml", "--out-dir", "ts"]);
    expect(code).toBe(2);
    expect(stderr).toBe("hangar import: cannot write ts/b.ts: it is a folder (nothing was written)\n");
    expect(readdirSync(join(work, "ts"))).toEqual(["b.ts"]);
  });

  test("a module whose folder cannot be made: the error names that module and says why", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE);
    writeFileSync(join(work, "blocker"), "");
    const { code, stderr } = await run(["p.yml", "-o", "blocker/p.ts"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `hangar import: cannot write blocker/p.ts: '${join(work, "blocker")}' is not a folder (EEXIST)\n`,
    );
  });

  test("two pipelines that would be written to one module: an error of import, nothing written", async () => {
    mkdirSync(join(work, "one"));
    mkdirSync(join(work, "two"));
    writeFileSync(join(work, "one/p.yml"), PIPELINE);
    writeFileSync(join(work, "two/p.yml"), PIPELINE);
    const { code, stderr } = await run(["one/p.yml", "two/p.yml", "--out-dir", "ts"]);
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: "hangar import: one/p.yml and two/p.yml would both be written to p.ts\n",
    });
    expect(existsSync(join(work, "ts"))).toBe(false);
  });

  test("a file given twice (in a folder given, and on its own, spelt another way) is imported once", async () => {
    mkdirSync(join(work, "ci"));
    writeFileSync(join(work, "ci/a.yml"), PIPELINE);
    const { code, stderr } = await run(["ci", "./ci/a.yml", "ci/a.yml", "--out-dir", "ts"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "wrote 1 module\n" });
    expect(readdirSync(join(work, "ts"))).toEqual(["a.ts"]);
  });

  test("a missing file is named", async () => {
    const { code, stderr } = await run(["nope.yml"]);
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: "hangar import: nope.yml: no such file or folder\n(run `hangar import --help` for usage)\n",
    });
  });

  test("--upgrade says what it rewrote", async () => {
    writeFileSync(
      join(work, "old.yml"),
      "resources: [{name: a, type: git, source: {}}]\njobs:\n- name: j\n  plan:\n  - aggregate: [{get: a}]\n",
    );
    const { code, stdout, stderr } = await run(["old.yml", "--upgrade"]);
    expect(code).toBe(0);
    expect(stdout).toContain("inParallel([get(a)])");
    expect(stderr).toBe("old.yml: jobs[0].plan[0]: aggregate rewritten as in_parallel\n");
  });
});
