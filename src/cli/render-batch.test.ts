import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { memoryIo } from "../../test/helpers/memory-io.ts";
import { runCli } from "./run-cli.ts";

const repo = resolve(import.meta.dirname, "../..");
const fixtures = join(repo, "test/fixtures/cli");

/** A scratch copy of the CLI fixtures inside the repository (so that `hangar` resolves). */
let work: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-batch-"));
  cpSync(fixtures, work, { recursive: true });
  return () => spawnSync("rm", ["-rf", work]);
});

const read = (path: string) => readFileSync(join(work, path), "utf8");
const render = async (...argv: string[]) => {
  const run = memoryIo(work);
  const code = await runCli(["render", ...argv], run.io);
  return { code, stdout: run.stdout, stderr: run.stderr };
};

describe("hangar render --out-dir", () => {
  test("renders every entry into DIR/<pipeline name>.json and prints one fly command each", async () => {
    const run = await render("ok.ts", "fragment-only.ts", "async-function.mts", "--out-dir", "out");
    expect(run.code).toBe(0);
    expect(readdirSync(join(work, "out")).sort()).toEqual(["app.json", "fragment-only.json", "from-function.json"]);
    // name from the definition, else the file's stem
    expect(JSON.parse(read("out/app.json")).jobs[0].name).toBe("build");
    expect(JSON.parse(read("out/fragment-only.json")).jobs[0].name).toBe("tock");
    expect(run.stdout).toBe(
      [
        "fly -t ci set-pipeline -p app -c out/app.json --team 'platform team'",
        "fly -t TARGET set-pipeline -p fragment-only -c out/fragment-only.json",
        "fly -t ci set-pipeline -p from-function -c out/from-function.json",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toContain("wrote out/app.json (1 job, 2 resources)\n");
    expect(run.stderr).toContain("rendered 3 of 3 pipelines into out\n");
  });

  test("a pipeline.ts is named after its folder; --format yaml writes .yml; -t sets every target", async () => {
    mkdirSync(join(work, "billing"));
    writeFileSync(join(work, "billing/pipeline.ts"), read("fragment-only.ts"));
    const run = await render("billing/pipeline.ts", "ok.ts", "--out-dir", "yml", "--format", "yaml", "-t", "prod");
    expect(run.code).toBe(0);
    expect(readdirSync(join(work, "yml")).sort()).toEqual(["app.yml", "billing.yml"]);
    expect(parse(read("yml/billing.yml"), { version: "1.1" }).jobs[0].name).toBe("tock");
    expect(run.stdout).toContain("fly -t prod set-pipeline -p billing -c yml/billing.yml\n");
    expect(run.stdout).toContain("fly -t prod set-pipeline -p app -c yml/app.yml --team 'platform team'\n");
  });

  test("expands quoted globs, each file once", async () => {
    mkdirSync(join(work, "teams/a"), { recursive: true });
    writeFileSync(join(work, "teams/a/pipeline.ts"), read("fragment-only.ts"));
    const run = await render("ok.ts", "o*.ts", "teams/**/pipeline.ts", "--out-dir", "out");
    expect(run.code).toBe(0);
    expect(readdirSync(join(work, "out")).sort()).toEqual(["a.json", "app.json"]);
  });

  test("a failing pipeline does not stop the others; exit 1 and a summary naming it", async () => {
    const run = await render("ok.ts", "invalid.ts", "fragment-only.ts", "--out-dir", "out");
    expect(run.code).toBe(1);
    expect(readdirSync(join(work, "out")).sort()).toEqual(["app.json", "fragment-only.json"]);
    expect(run.stderr).toContain("invalid.ts:resources[0].name error resource-unused resource 'unused' is not used\n");
    expect(run.stderr).toContain("rendered 2 of 3 pipelines into out; failed: invalid.ts\n");
    expect(run.stdout.split("\n").filter(Boolean)).toHaveLength(2);
  });

  test("a module that fails to load is reported with the others written; exit 2", async () => {
    const run = await render("throws.ts", "ok.ts", "--out-dir", "out");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("hangar render: throws.ts:2:9: Error: cannot reach the vault\n");
    expect(readdirSync(join(work, "out"))).toEqual(["app.json"]);
  });

  test("two pipelines with the same output file are an error before anything is written", async () => {
    mkdirSync(join(work, "copy"));
    writeFileSync(join(work, "copy/ok.ts"), read("ok.ts"));
    const run = await render("ok.ts", "fragment-only.ts", "copy/ok.ts", "--out-dir", "out");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hangar render: out/app.json would be written for both ok.ts and copy/ok.ts (pipeline 'app'); nothing was written",
    );
    expect(existsSync(join(work, "out"))).toBe(false);
    expect(run.stdout).toBe("");
  });

  test("an error in a helper the modules share is told once, with every module that failed in the summary", async () => {
    writeFileSync(join(work, "helper.ts"), "export const x = ;\n");
    const user = 'import { x } from "./helper.ts";\nexport default { jobs: [{ name: String(x), plan: [] }] };\n';
    writeFileSync(join(work, "one.ts"), user);
    writeFileSync(join(work, "two.ts"), user);
    const run = await render("one.ts", "two.ts", "ok.ts", "--out-dir", "out");
    expect(run.code).toBe(2);
    expect(run.stderr.match(/helper\.ts:1:18/g)).toHaveLength(1);
    expect(run.stderr).toContain("rendered 1 of 3 pipelines into out; failed: one.ts, two.ts\n");
  });

  test("--fly-script is left as it was when a pipeline fails, where it would lose that pipeline's command", async () => {
    const args = ["ok.ts", "fragment-only.ts", "--out-dir", "out", "--fly-script", "set.sh"];
    expect((await render(...args)).code).toBe(0);
    const script = read("set.sh");
    writeFileSync(join(work, "fragment-only.ts"), read("syntax-error.ts"));
    const run = await render(...args);
    expect(run.code).toBe(2);
    expect(read("set.sh")).toBe(script);
    expect(run.stderr).toContain("set.sh left as it was (a pipeline failed)\n");
    expect(run.stderr).toContain("rendered 1 of 2 pipelines into out; failed: fragment-only.ts\n");
  });

  test("instances of one pipeline (its name, other instance vars) with the same config share its file", async () => {
    const instance = (branch: string) =>
      read("ok.ts").replace(
        'team: "platform team",',
        `team: "platform team",\n  instanceVars: { branch: "${branch}" },`,
      );
    for (const branch of ["main", "next"]) {
      mkdirSync(join(work, branch));
      writeFileSync(join(work, `${branch}/ok.ts`), instance(branch));
    }
    const args = ["main/ok.ts", "next/ok.ts", "--out-dir", "out", "--fly-script", "set.sh"];
    const run = await render(...args);
    expect(run.code).toBe(0);
    expect(readdirSync(join(work, "out"))).toEqual(["app.json"]);
    expect(run.stderr).toBe(
      "wrote out/app.json (1 job, 2 resources)\nwrote set.sh (2 fly commands)\nrendered 2 of 2 pipelines into out\n",
    );
    expect(read("set.sh")).toContain(
      "fly -t ci set-pipeline -p app -c out/app.json --team 'platform team' -i branch=main\n" +
        "fly -t ci set-pipeline -p app -c out/app.json --team 'platform team' -i branch=next\n",
    );
    expect(await render(...args, "--check")).toMatchObject({ code: 0, stdout: "", stderr: "2 up to date\n" });
    // configs that differ cannot share a file: said so, with the way out
    writeFileSync(join(work, "next/ok.ts"), instance("next").replace('"build"', '"build-next"'));
    const differ = await render(...args);
    expect(differ.code).toBe(2);
    expect(differ.stderr).toContain(
      "hangar render: out/app.json would be written for both main/ok.ts and next/ok.ts (pipeline 'app'), whose configs differ; nothing was written (instances of one pipeline share its file: give what differs as ((vars)) set by their instance vars, or one of them another `name`)\n",
    );
  });

  test("--fly-script writes the commands to a shell script instead of stdout", async () => {
    const run = await render("ok.ts", "async-function.mts", "--out-dir", "out", "--fly-script", "set-all.sh");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(read("set-all.sh")).toBe(
      [
        "#!/bin/sh",
        "# Sets the pipelines rendered by `hangar render`; run it with sh.",
        "set -eu",
        "fly -t ci set-pipeline -p app -c out/app.json --team 'platform team'",
        "fly -t ci set-pipeline -p from-function -c out/from-function.json",
        "",
      ].join("\n"),
    );
  });

  test("--fly-script over a pipeline's file or a module given (through a link too) is an error; nothing is written", async () => {
    const source = read("ok.ts");
    symlinkSync("ok.ts", join(work, "ok-link.sh"));
    for (const [script, said] of [
      ["out/app.json", "--fly-script out/app.json is out/app.json, where pipeline 'app' of ok.ts is written"],
      ["./out/from-function.json", "is out/from-function.json, where pipeline 'from-function' of async-function.mts"],
      ["ok.ts", "--fly-script ok.ts is the pipeline module ok.ts"],
      [join(work, "async-function.mts"), "is the pipeline module async-function.mts"],
      ["ok-link.sh", "--fly-script ok-link.sh is the pipeline module ok.ts"],
    ]) {
      const run = await render("ok.ts", "async-function.mts", "--out-dir", "out", "--fly-script", script as string);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(said);
      expect(run.stderr).toContain("nothing was written");
      expect(existsSync(join(work, "out"))).toBe(false);
      expect(read("ok.ts")).toBe(source);
      expect(read("async-function.mts")).not.toContain("set-pipeline");
    }
  });

  test("--fly-script in the output folder when no pipeline could be written: no error, the script left alone", async () => {
    writeFileSync(join(work, "broken.ts"), "export default {\n");
    const run = await render("broken.ts", "invalid.ts", "--out-dir", "out", "--fly-script", "out/set.sh");
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain("cannot write");
    expect(run.stderr).toContain("out/set.sh left as it was (a pipeline failed)\n");
    expect(existsSync(join(work, "out/set.sh"))).toBe(false);
    const one = await render("ok.ts", "--out-dir", "out", "--fly-script", "out/set.sh");
    expect(one.stderr).toContain("wrote out/set.sh (1 fly command)\n");
  });

  test("usage errors: several entries without --out-dir, a glob matching nothing, -o with --out-dir", async () => {
    expect((await render("ok.ts", "plain.mjs")).stderr).toMatch(/several pipelines are rendered with --out-dir DIR/);
    const none = await render("nothing-*.ts", "--out-dir", "out");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no file matches 'nothing-\*\.ts'/);
    expect((await render("ok.ts", "--out-dir", "out", "-o", "x.json")).code).toBe(2);
    expect(existsSync(join(work, "out"))).toBe(false);
  });
});

describe("hangar render --check", () => {
  test("batch: up to date, then stale with a short diff, then missing; never writes", async () => {
    expect((await render("ok.ts", "fragment-only.ts", "--out-dir", "out")).code).toBe(0);
    const fresh = await render("ok.ts", "fragment-only.ts", "--out-dir", "out", "--check");
    expect(fresh).toMatchObject({ code: 0, stdout: "" });
    expect(fresh.stderr).toBe("2 up to date\n");

    const edited = read("out/app.json").replace('"branch": "main"', '"branch": "develop"');
    writeFileSync(join(work, "out/app.json"), edited);
    const stale = await render("ok.ts", "fragment-only.ts", "--out-dir", "out", "--check");
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("stale: out/app.json\n--- out/app.json (on disk)\n+++ out/app.json (rendered)\n@@ ");
    expect(stale.stdout).toContain('\n-        "branch": "develop"\n+        "branch": "main"\n');
    expect(read("out/app.json")).toBe(edited);

    spawnSync("rm", [join(work, "out/fragment-only.json")]);
    const missing = await render("ok.ts", "fragment-only.ts", "--out-dir", "out", "--check");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("missing: out/fragment-only.json\n");
    expect(missing.stderr).toContain("0 up to date, 1 stale, 1 missing");
    expect(existsSync(join(work, "out/fragment-only.json"))).toBe(false);
  });

  test("batch with --fly-script: the script is checked too", async () => {
    const args = ["ok.ts", "fragment-only.ts", "--out-dir", "out", "--fly-script", "set.sh"];
    expect((await render(...args)).code).toBe(0);
    expect(await render(...args, "--check")).toMatchObject({ code: 0, stdout: "" });
    const script = read("set.sh");
    writeFileSync(join(work, "set.sh"), script.replace("-p app", "-p old-app"));
    const stale = await render(...args, "--check");
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("stale: set.sh\n");
    expect(stale.stdout).toContain("\n+fly -t ci set-pipeline -p app -c out/app.json");
    spawnSync("rm", [join(work, "set.sh")]);
    expect(await render(...args, "--check")).toMatchObject({ code: 1, stdout: "missing: set.sh\n" });
    expect(existsSync(join(work, "set.sh"))).toBe(false);
  });

  test("batch with --fly-script and a pipeline with errors: the script is not called stale, the failure is counted", async () => {
    const args = ["ok.ts", "fragment-only.ts", "--out-dir", "out", "--fly-script", "set.sh"];
    expect((await render(...args)).code).toBe(0);
    writeFileSync(join(work, "fragment-only.ts"), read("invalid.ts"));
    const run = await render(...args, "--check");
    expect(run.code).toBe(1);
    // the script keeps the failing pipeline's command: rendering again would drop it, so it is not checked
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("not checked: set.sh (a pipeline failed)\n");
    expect(run.stderr).toContain("1 up to date, 0 stale, 0 missing, 1 failed\n");
    expect(run.stderr).not.toContain("without --check to update");
  });

  test("one entry: missing, then up to date after render, then stale", async () => {
    const missing = await render("ok.ts", "--check");
    expect(missing).toMatchObject({ code: 1, stdout: "missing: definition.json\n" });
    expect(existsSync(join(work, "definition.json"))).toBe(false);

    expect((await render("ok.ts")).code).toBe(0);
    expect((await render("ok.ts", "--check")).code).toBe(0);

    writeFileSync(join(work, "definition.json"), "{}\n");
    const stale = await render("ok.ts", "--check");
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^stale: definition\.json\n[\s\S]*\n-\{\}\n\+\{\n/);
  });

  test("an output that is there but cannot be read is said to be so, not missing", async () => {
    mkdirSync(join(work, "definition.json"));
    const folder = await render("ok.ts", "--check");
    expect(folder).toMatchObject({ code: 1, stdout: "unreadable: definition.json (a directory, not a file)\n" });
    expect(folder.stderr).toContain("0 up to date, 0 stale, 0 missing, 1 unreadable");

    const denied = memoryIo(work);
    const code = await runCli(["render", "ok.ts", "--check"], {
      ...denied.io,
      readFile: async (path) => {
        if (!path.endsWith("definition.json")) return denied.io.readFile(path);
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });
      },
    });
    expect(code).toBe(1);
    expect(denied.stdout).toBe("unreadable: definition.json (EACCES: permission denied)\n");
  });

  test("a pipeline with errors fails the check too, and a check never creates the output folder", async () => {
    const run = await render("invalid.ts", "ok.ts", "--out-dir", "never", "--check");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("missing: never/app.json\n");
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});
