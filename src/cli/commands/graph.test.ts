import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { workFolder } from "../../../test/helpers/work-folder.ts";
import { runCli } from "../run-cli.ts";

const repo = resolve(import.meta.dirname, "../../..");
const example = "examples/docker-baseline/pipeline.ts";
const scratch = workFolder("graph", { tmp: true });

const yaml = `
resources:
- name: src
  type: git
  source: {uri: "https://git.example.com/app.git"}
jobs:
- name: unit
  plan:
  - get: src
    trigger: true
- name: ship
  plan:
  - get: src
    passed: [unit]
groups:
- name: ci
  jobs: ["u*"]
`;

describe("hangar graph", () => {
  test("a task config file or a vars file: an error saying what it is, exit 2, where an empty picture was drawn, exit 0", async () => {
    writeFileSync(join(scratch(), "unit.yml"), "platform: linux\nrun: {path: make}\n");
    writeFileSync(join(scratch(), "vars.yml"), "branch: main\n");
    const task = memoryIo(scratch());
    expect(await runCli(["graph", "unit.yml", "--format", "dot"], task.io)).toBe(2);
    expect({ stdout: task.stdout, stderr: task.stderr }).toEqual({
      stdout: "",
      stderr:
        "hangar graph: unit.yml is a task config file, not a pipeline: there is nothing to draw (`hangar validate unit.yml` checks it)\n",
    });
    const vars = memoryIo(scratch());
    expect(await runCli(["graph", "vars.yml", "--format", "dot"], vars.io)).toBe(2);
    expect({ stdout: vars.stdout, stderr: vars.stderr }).toEqual({
      stdout: "",
      stderr:
        "hangar graph: vars.yml is neither a pipeline nor a task config (no key of either at the top level): there is nothing to draw\n",
    });
  });

  test("a pipeline module: SVG on stdout with the packerJobs() fragment outlined", async () => {
    const run = memoryIo(repo);
    expect(await runCli(["graph", example], run.io)).toBe(0);
    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    expect(run.stdout).toMatch(/<text [^>]*>packerJobs\(\) at [^<]+<\/text>/);
    for (const job of ["validate-packer-template", "build-packer-template"]) {
      expect(run.stdout.match(new RegExp(`class="node job" data-name="${job}"`, "g"))).toHaveLength(1);
    }
    expect(run.stderr).toBe("");
  });

  test("YAML, -o sets the format from the extension, --group, --format dot", async () => {
    writeFileSync(join(scratch(), "pipeline.yml"), yaml);
    const html = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "-o", "graph.html"], html.io)).toBe(0);
    expect(html.stderr).toBe("wrote graph.html\n");
    const page = readFileSync(join(scratch(), "graph.html"), "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toMatch(/<button type="button" data-view="v1" aria-selected="false">ci<\/button>/);

    // a group named all: the view of every job is told apart by its label
    writeFileSync(join(scratch(), "all.yml"), yaml.replace("- name: ci", "- name: all"));
    const named = memoryIo(scratch());
    expect(await runCli(["graph", "all.yml", "--format", "html"], named.io)).toBe(0);
    expect([...named.stdout.matchAll(/<button [^>]*data-view[^>]*>([^<]*)<\/button>/g)].map((m) => m[1])).toEqual([
      "all jobs",
      "all",
    ]);

    const group = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "--group", "ci"], group.io)).toBe(0);
    expect(group.stdout).toContain('data-name="unit"');
    expect(group.stdout).not.toContain('data-name="ship"');

    const dot = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "--format", "dot"], dot.io)).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "pipeline.yml" \{/);
  });

  test("mistakes: unknown group, unreadable or broken YAML, a cycle; nothing is written", async () => {
    writeFileSync(join(scratch(), "pipeline.yml"), yaml);
    const unknown = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "--group", "cd", "-o", "x.svg"], unknown.io)).toBe(2);
    expect(unknown.stderr).toBe(
      "hangar graph: --group: pipeline.yml: no group 'cd' (groups: ci)\n(run `hangar graph --help` for usage)\n",
    );

    writeFileSync(join(scratch(), "broken.yml"), "jobs:\n- name: a\n  plan: [\n");
    const broken = memoryIo(scratch());
    expect(await runCli(["graph", "broken.yml", "-o", "x.svg"], broken.io)).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.yml:\d+:\d+: /);
    expect(broken.stderr).toContain("hangar graph: broken.yml is not a pipeline that can be drawn");

    const missing = memoryIo(scratch());
    expect(await runCli(["graph", "nope.yml"], missing.io)).toBe(2);
    expect(missing.stderr).toBe("hangar graph: cannot read nope.yml: no such file (ENOENT)\n");
    mkdirSync(join(scratch(), "folder.yml"), { recursive: true });
    const folder = memoryIo(scratch());
    expect(await runCli(["graph", "folder.yml"], folder.io)).toBe(2);
    expect(folder.stderr).toBe("hangar graph: cannot read folder.yml: is a folder (EISDIR)\n");
    writeFileSync(join(scratch(), "one.yml"), "jobs:\n- {name: a, plan: []}\n");
    const nowhere = memoryIo(scratch());
    expect(await runCli(["graph", "one.yml", "-o", "gone/x.svg"], nowhere.io)).toBe(2);
    expect(nowhere.stderr).toBe(
      `hangar graph: cannot write gone/x.svg: no such folder '${join(scratch(), "gone")}' (ENOENT)\n`,
    );

    writeFileSync(
      join(scratch(), "cycle.yml"),
      "resources: [{name: r, type: git, source: {}}]\njobs:\n- {name: a, plan: [{get: r, passed: [b]}]}\n- {name: b, plan: [{get: r, passed: [a]}]}\n",
    );
    const cycle = memoryIo(scratch());
    expect(await runCli(["graph", "cycle.yml", "-o", "x.svg"], cycle.io)).toBe(1);
    expect(cycle.stderr).toBe("hangar graph: cycle.yml: the passed: constraints of these jobs form a cycle: a, b\n");
    expect(() => readFileSync(join(scratch(), "x.svg"))).toThrow(/ENOENT/);
  });

  test("a finding that quotes a key holding controls (a C1 CSI, a bidi override) shows them as escapes", async () => {
    const key = String.raw`"\e[2J\u009b\u202e"`;
    writeFileSync(
      join(scratch(), "dup.yml"),
      `jobs: []\nresources:\n- {name: r, type: git, source: {${key}: 1, ${key}: 2}}\n`,
    );
    const run = memoryIo(scratch());
    expect(await runCli(["graph", "dup.yml"], run.io)).toBe(2);
    expect(run.stderr).toContain(
      String.raw`dup.yml:3:57: mapping key "\u001b[2J\u009b\u202e" already defined at line 3`,
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be found
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  test("a file is read as fly reads it, as validate does: - is standard input, a UTF-16 file (BOM) is read", async () => {
    const piped = memoryIo(scratch(), {}, yaml);
    expect(await runCli(["graph", "-", "--format", "dot"], piped.io)).toBe(0);
    expect(piped.stdout).toMatch(/^digraph "<stdin>" \{/);
    expect(piped.stdout).toContain('[label="ship"');
    expect(piped.stderr).toBe("");
    const broken = memoryIo(scratch(), {}, "jobs:\n- name: a\n  plan: [\n");
    expect(await runCli(["graph", "-"], broken.io)).toBe(2);
    expect(broken.stderr).toMatch(/^<stdin>:\d+:\d+: /);

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, "utf16le")]);
    writeFileSync(join(scratch(), "utf16.yml"), utf16);
    const wide = memoryIo(scratch());
    expect(await runCli(["graph", "utf16.yml", "--format", "dot"], wide.io)).toBe(0);
    expect(wide.stdout).toContain('[label="ship"');
    expect(wide.stderr).toBe("");
  });

  test("-o with an extension graph cannot write is a usage error naming the formats; --format overrides it", async () => {
    writeFileSync(join(scratch(), "pipeline.yml"), yaml);
    const png = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "-o", "out.png"], png.io)).toBe(2);
    expect(png.stderr).toBe(
      "hangar graph: cannot tell the format of out.png from its extension: graph writes svg (.svg), html (.html, .htm) or dot (.dot, .gv); name the file so, or pass --format svg|html|dot\n(run `hangar graph --help` for usage)\n",
    );
    expect(() => readFileSync(join(scratch(), "out.png"))).toThrow(/ENOENT/);

    const chosen = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "-o", "out.txt", "--format", "dot"], chosen.io)).toBe(0);
    expect(readFileSync(join(scratch(), "out.txt"), "utf8")).toMatch(/^digraph /);
    const bare = memoryIo(scratch());
    expect(await runCli(["graph", "pipeline.yml", "-o", "picture"], bare.io)).toBe(0);
    expect(readFileSync(join(scratch(), "picture"), "utf8")).toMatch(/^<\?xml /);
  });

  test("a ((var)) with no value in a typed field: drawn without the field, with a note; -y gives it a value", async () => {
    writeFileSync(
      join(scratch(), "vars.yml"),
      [
        "resources: [{name: r, type: git, source: {uri: ((repo))}}]",
        "jobs:",
        "- name: a",
        "  plan:",
        "  - get: r",
        "    trigger: ((auto))",
      ].join("\n"),
    );
    const lenient = memoryIo(scratch());
    expect(await runCli(["graph", "vars.yml"], lenient.io)).toBe(0);
    expect(lenient.stdout).toContain('class="node job" data-name="a"');
    expect(lenient.stdout).toContain('class="edge trigger-false"'); // trigger left out: not triggering
    expect(lenient.stderr).toMatch(/^vars\.yml:6:14: note: jobs\[0\]\.plan\[0\]\.trigger is drawn as if not set: /);
    expect(lenient.stderr).toContain("the var ((auto)) has no value");

    // the options the note names are graph's own
    const given = memoryIo(scratch());
    expect(await runCli(["graph", "vars.yml", "-y", "auto=true"], given.io)).toBe(0);
    expect(given.stderr).toBe("");
    expect(given.stdout).toContain('<path class="edge" ');
    const loaded = memoryIo(scratch());
    writeFileSync(join(scratch(), "vars-values.yml"), "auto: true\n");
    expect(await runCli(["graph", "vars.yml", "-l", "vars-values.yml", "-v", "repo=x"], loaded.io)).toBe(0);
    expect(loaded.stderr).toBe("");
    const unreadable = memoryIo(scratch());
    expect(await runCli(["graph", "vars.yml", "-l", "none.yml"], unreadable.io)).toBe(2);
    expect(unreadable.stderr).toMatch(/^hangar graph: could not read template variables file \(none\.yml\)/);
  });

  test("the var flags fill in a pipeline module's ((vars)) too", async () => {
    writeFileSync(
      join(scratch(), "vars-module.mjs"),
      'export default { resources: [{ name: "r", type: "git", source: {} }], jobs: [{ name: "a", plan: [{ get: "r", trigger: "((auto))" }] }] };\n',
    );
    const given = memoryIo(scratch());
    expect(await runCli(["graph", "vars-module.mjs", "-y", "auto=true"], given.io)).toBe(0);
    expect(given.stdout).toContain('<path class="edge" ');
    expect(given.stdout).not.toContain("trigger-false");
    const none = memoryIo(scratch());
    expect(await runCli(["graph", "vars-module.mjs"], none.io)).toBe(0);
    expect(none.stdout).toContain('class="edge trigger-false"');
  });

  test("a var's problem quotes long names cut, as validate shows it, in a file as in a module", async () => {
    const name = "f".repeat(200_000);
    const cut = `${"f".repeat(59)}…`;
    writeFileSync(
      join(scratch(), "long-var.yml"),
      `resources: [{name: r, type: git, source: {uri: "((a.${name}))"}}]\njobs: [{name: a, plan: [{get: r}]}]\n`,
    );
    const file = memoryIo(scratch());
    expect(await runCli(["graph", "long-var.yml", "-y", "a={b: 1}"], file.io)).toBe(2);
    expect(file.stderr.split("\n")[0]).toBe(`long-var.yml:1:48: missing field '${cut} in var: a.${"f".repeat(58)}…`);
    writeFileSync(
      join(scratch(), "long-key.mjs"),
      `export default { resources: [{ name: "r", type: "git", source: { ["((a.b))${name}"]: 1 } }], jobs: [{ name: "a", plan: [{ get: "r" }] }] };\n`,
    );
    const module = memoryIo(scratch());
    expect(await runCli(["graph", "long-key.mjs", "-y", "a=[1]"], module.io)).toBe(2);
    expect(module.stderr).toBe(
      `hangar graph: long-key.mjs: resources[0].source["((a.b))${"f".repeat(53)}…"]: cannot access field 'b' of non-map value ('[]interface {}') from var: a.b\n`,
    );
  });

  test("html: a job holding NaN is named with its path (its YAML view refuses it), not a stack trace", async () => {
    writeFileSync(
      join(scratch(), "nan-module.mjs"),
      'export default { jobs: [{ name: "a", plan: [{ task: "t", file: "t.yml", params: { ratio: 0 / 0 } }] }] };\n',
    );
    const run = memoryIo(scratch());
    expect(await runCli(["graph", "nan-module.mjs", "--format", "html"], run.io)).toBe(2);
    expect(run.stderr).toBe(
      "hangar graph: nan-module.mjs: the pipeline is not plain data at jobs[0].plan[0].params.ratio: NaN, a number JSON cannot hold\n",
    );
    expect(run.stdout).toBe("");
  });

  test("a module with undefined in a list of user data is named with its path, exit 2", async () => {
    writeFileSync(
      join(scratch(), "args-module.mjs"),
      'export default { jobs: [{ name: "a", plan: [{ task: "t", config: { platform: "linux", run: { path: "cp", args: ["a", undefined, "b"] } } }] }] };\n',
    );
    const run = memoryIo(scratch());
    expect(await runCli(["graph", "args-module.mjs"], run.io)).toBe(2);
    expect(run.stderr).toBe(
      "hangar graph: args-module.mjs: the pipeline is not plain data at jobs[0].plan[0].config.run.args[1]: undefined in a list, which JSON cannot hold (leaving it out would move the items after it): give a value, or take the item out of the list\n",
    );
    expect(run.stdout).toBe("");
  });

  test("end to end: the built CLI names the author's line of the packerJobs() call", () => {
    const line =
      readFileSync(join(repo, example), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("packerJobs({")) + 1;
    const out = join(scratch(), "graph.svg");
    const result = spawnSync(process.execPath, ["bin/hangar.js", "graph", example, "-o", out], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(result.stderr).toBe(`wrote ${out}\n`);
    expect(result.status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain(`>packerJobs() at pipeline.ts:${line}</text>`);
  });
});
