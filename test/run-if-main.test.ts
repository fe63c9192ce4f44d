import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { workFolder } from "./helpers/work-folder.ts";

// `runIfMain` of hangar/script, as the built package runs it: writes definition.json and prints the fly command when
// the module is the program run, and does nothing when `hangar render` imports it (the bundled hangar then imports
// its file writer only when needed).

const repo = resolve(import.meta.dirname, "..");
// inside the repository, so that `import ... from "hangar"` resolves to the build
const work = workFolder("run-if-main");

const source = [
  'import { pipeline } from "hangar";',
  'import { runIfMain } from "hangar/script";',
  'const definition = { name: "app", target: "ci", pipeline: pipeline({ jobs: [{ name: "build", plan: [] }] }) };',
  "export default definition;",
  "await runIfMain(import.meta.url, definition);",
  "",
].join("\n");

test("run as a script, the module writes definition.json in the working directory and prints the fly command", () => {
  writeFileSync(join(work(), "app.mjs"), source);
  const cwd = join(work(), "out");
  mkdirSync(cwd);
  const run = spawnSync(process.execPath, [join(work(), "app.mjs")], { cwd, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("fly -t ci set-pipeline -p app -c definition.json\n");
  expect(JSON.parse(readFileSync(join(cwd, "definition.json"), "utf8"))).toEqual({
    jobs: [{ name: "build", plan: [] }],
  });
});

test.each(["app.mjs", "app.ts"])("rendered by hangar (%s), the module writes nothing itself", (file) => {
  writeFileSync(join(work(), file), source);
  const cwd = join(work(), `render-${file}`);
  mkdirSync(cwd);
  const run = spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "render", join(work(), file), "--stdout"], {
    cwd,
    encoding: "utf8",
  });
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name: "build", plan: [] }] });
  expect(existsSync(join(cwd, "definition.json"))).toBe(false);
});

test.each([
  [
    "undefined.mjs",
    "await runIfMain(import.meta.url, undefined);",
    "hangar: undefined.mjs: runIfMain(): definition must be an object with a pipeline, got undefined\n",
  ],
  [
    "undefined-instance-var.mjs",
    'await runIfMain(import.meta.url, { name: "app", instanceVars: { pr: process.env.NO_SUCH_VAR_OF_HANGAR }, pipeline: { jobs: [{ name: "a", plan: [] }] } });',
    "hangar: undefined-instance-var.mjs: runIfMain(): definition.instanceVars.pr must be data JSON can hold (a string, a number, a boolean, null, a list or an object), got undefined\n",
  ],
  [
    "empty-target.mjs",
    'await runIfMain(import.meta.url, { name: "app", target: "", pipeline: { jobs: [{ name: "a", plan: [] }] } });',
    'hangar: empty-target.mjs: runIfMain(): definition.target must be a fly target\'s name, got a string ("")\n',
  ],
  [
    "nan.mjs",
    'await runIfMain(import.meta.url, { pipeline: { jobs: [{ name: "a", plan: [{ task: "t", file: "t.yml", params: { n: 0 / 0 } }] }] } });',
    "hangar: nan.mjs: runIfMain(): the pipeline is not plain data at jobs[0].plan[0].params.n: NaN, a number JSON cannot hold\n",
  ],
])("run as a script, a wrong definition (%s) is one line and exit 2, nothing written", (file, call, message) => {
  const cwd = join(work(), `wrong-${file}`);
  mkdirSync(cwd);
  writeFileSync(join(cwd, file), `import { runIfMain } from "hangar/script";\n${call}\n`);
  const run = spawnSync(process.execPath, [file], { cwd, encoding: "utf8" });
  expect(run.stderr).toBe(message);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(existsSync(join(cwd, "definition.json"))).toBe(false);
});

test("run as a script where definition.json cannot be written, the message names it, not the temporary file", () => {
  const cwd = join(work(), "unwritable");
  mkdirSync(cwd);
  writeFileSync(join(cwd, "app.mjs"), source);
  // a link to a file in a folder that does not exist: the temporary file beside its target cannot be created
  symlinkSync("missing/definition.json", join(cwd, "definition.json"));
  const run = spawnSync(process.execPath, ["app.mjs"], { cwd, encoding: "utf8" });
  expect(run.stderr).toBe(`hangar: cannot write definition.json: no such folder '${join(cwd, "missing")}' (ENOENT)\n`);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(readdirSync(cwd).sort()).toEqual(["app.mjs", "definition.json"]);
});

test("run as a script, a pipeline hangar render refuses (a resource not collected) is refused too: findings, exit 1", () => {
  const cwd = join(work(), "findings");
  mkdirSync(cwd);
  writeFileSync(
    join(cwd, "plain.mjs"),
    [
      'import { get } from "hangar";',
      'import { runIfMain } from "hangar/script";',
      'const source = { name: "source", type: "git", source: { uri: "https://git.example.com/app.git" } };',
      "// not built by pipeline(): the resource is referenced but never declared",
      'await runIfMain(import.meta.url, { name: "app", pipeline: { jobs: [{ name: "build", plan: [get(source)] }] } });',
      "",
    ].join("\n"),
  );
  const run = spawnSync(process.execPath, ["plain.mjs"], { cwd, encoding: "utf8" });
  expect(run.stderr).toContain("plain.mjs:jobs[0].plan[0].get error ");
  expect(run.stderr).toContain("hangar: plain.mjs has errors; nothing was written\n");
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(existsSync(join(cwd, "definition.json"))).toBe(false);
});

test("run as a script, a name holding terminal controls: the fly command shows them as escapes on a terminal, exact when piped", () => {
  const cwd = join(work(), "controls");
  mkdirSync(cwd);
  writeFileSync(
    join(cwd, "app.mjs"),
    source.replace('name: "app", target: "ci"', String.raw`name: "app\u001b[2J", target: "t\u001b]0;x\u0007"`),
  );
  // standard output taken for a terminal, as it is one when the script is run by hand
  writeFileSync(join(cwd, "tty.cjs"), "process.stdout.isTTY = true;\n");
  const piped = spawnSync(process.execPath, ["app.mjs"], { cwd, encoding: "utf8" });
  expect(piped.stderr).toBe("");
  expect(piped.stdout).toBe("fly -t 't\u001b]0;x\u0007' set-pipeline -p 'app\u001b[2J' -c definition.json\n");
  const terminal = spawnSync(process.execPath, ["--require", "./tty.cjs", "app.mjs"], { cwd, encoding: "utf8" });
  expect(terminal.stderr).toBe("");
  expect(terminal.stdout).toBe(
    String.raw`fly -t 't\x1b]0;x\x07' set-pipeline -p 'app\x1b[2J' -c definition.json` + "\n",
  );
});
