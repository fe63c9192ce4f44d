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

  test("several files without --out-dir is a usage error", async () => {
    writeFileSync(join(work, "a.yml"), PIPELINE);
    writeFileSync(join(work, "b.yml"), PIPELINE);
    const { code, stderr } = await run(["a.yml", "b.yml"]);
    expect(code).toBe(2);
    expect(stderr).toBe("hangar import: 2 pipelines given: write them with --out-dir\n");
  });

  test("a file that is not YAML: its position on stderr, exit 2, nothing written", async () => {
    writeFileSync(join(work, "good.yml"), PIPELINE);
    writeFileSync(join(work, "bad.yml"), "jobs: [\n  {name: a\n");
    const { code, stderr } = await run(["good.yml", "bad.yml", "--out-dir", "ts"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bad\.yml:\d+:\d+: /);
    expect(existsSync(join(work, "ts"))).toBe(false);
  });

  test("a missing file is named", async () => {
    const { code, stderr } = await run(["nope.yml"]);
    expect({ code, stderr }).toEqual({ code: 2, stderr: "hangar import: nope.yml: no such file or folder\n" });
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
