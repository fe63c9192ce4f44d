import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { renderYaml } from "../../render/render.ts";
import { loadPipelineModule } from "../load-pipeline.ts";
import { runCli } from "../run-cli.ts";

const repo = resolve(import.meta.dirname, "../../..");
const FILES = [
  "package.json",
  "tsconfig.json",
  "pipelines/app/pipeline.ts",
  "pipelines/app/pipeline.yml",
  "test/pipelines.test.js",
  ".gitignore",
];

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(repo, "test/.tmp-init-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function init(...argv: string[]) {
  const run = memoryIo(work);
  const code = await runCli(["init", ...argv], run.io);
  return { code, stdout: run.stdout, stderr: run.stderr };
}

describe("hangar init", () => {
  test("writes a project and says what to run next", async () => {
    const result = await init("fresh", "--hangar-spec", "file:/opt/hangar.tgz");
    expect(result).toEqual({
      code: 0,
      stdout: "",
      stderr: `${FILES.map((file) => `created fresh/${file}\n`).join("")}\nnext: cd fresh && npm install && npm run render\n`,
    });
    const manifest = JSON.parse(readFileSync(join(work, "fresh/package.json"), "utf8"));
    expect(manifest).toEqual({
      name: "fresh",
      version: "0.0.0",
      private: true,
      type: "module",
      scripts: {
        render: "hangar render pipelines/app/pipeline.ts --format yaml -o pipelines/app/pipeline.yml",
        check: "hangar render pipelines/app/pipeline.ts --format yaml -o pipelines/app/pipeline.yml --check",
        test: "node --test test/pipelines.test.js",
      },
      dependencies: { hangar: "file:/opt/hangar.tgz" },
    });
    const tsconfig = JSON.parse(readFileSync(join(work, "fresh/tsconfig.json"), "utf8"));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, exactOptionalPropertyTypes: true });
  });

  test("depends by default on the hangar that runs (this clone, a folder of its own), and takes --name and --target", async () => {
    const result = await init("named", "--name", "web-app", "-t", "prod");
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(work, "named/package.json"), "utf8"));
    const spec: string = manifest.dependencies.hangar;
    expect(spec).toMatch(/^file:\.\.\//);
    // npm reads the path from the project's folder: this clone
    expect(resolve(work, "named", spec.slice("file:".length))).toBe(repo);
    expect(manifest.scripts.render).toBe(
      "hangar render pipelines/web-app/pipeline.ts --format yaml -o pipelines/web-app/pipeline.yml",
    );
    const module = readFileSync(join(work, "named/pipelines/web-app/pipeline.ts"), "utf8");
    expect(module).toContain('name: "web-app",\n  target: "prod",');
  });

  test.each([
    ["file:hangar-0.1.0.tgz", "file:../../hangar-0.1.0.tgz"],
    ["file:./hangar-0.1.0.tgz", "file:../../hangar-0.1.0.tgz"],
    ["./hangar-0.1.0.tgz", "file:../../hangar-0.1.0.tgz"],
    ["file:../clone", "file:../../../clone"],
    ["file:/opt/hangar.tgz", "file:/opt/hangar.tgz"],
    ["^0.1.0", "^0.1.0"],
  ])(
    "a relative --hangar-spec %s is a path from where init runs, as npm install <path> takes it: %s",
    async (spec, written) => {
      const project = `from-cwd-${written.length}-${spec.length}/project`;
      expect((await init(project, "--hangar-spec", spec)).code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(work, project, "package.json"), "utf8"));
      expect(manifest.dependencies).toEqual({ hangar: written });
      if (spec.includes("hangar-0.1.0.tgz")) {
        // npm reads the path from the project's folder: it names the tarball beside where init ran
        expect(resolve(work, project, written.slice("file:".length))).toBe(join(work, "hangar-0.1.0.tgz"));
      }
    },
  );

  test("the module renders to the committed YAML, and the project's test passes", { timeout: 180_000 }, async () => {
    expect((await init("rendered")).code).toBe(0);
    const project = join(work, "rendered");
    // hangar installed from this folder, as `npm install` of a folder links it
    mkdirSync(join(project, "node_modules"));
    symlinkSync(repo, join(project, "node_modules/hangar"), "dir");
    const definition = await loadPipelineModule("pipelines/app/pipeline.ts", project, { cacheDir: false });
    expect(definition).toMatchObject({ name: "app", target: "ci" });
    expect(renderYaml(definition.pipeline)).toBe(readFileSync(join(project, "pipelines/app/pipeline.yml"), "utf8"));

    const validated = memoryIo(project);
    expect(await runCli(["validate", "pipelines/app/pipeline.ts"], validated.io)).toBe(0);
    expect(validated.stderr).toBe("0 errors, 0 warnings in 1 file\n");

    const tested = spawnSync(process.execPath, ["--test", "test/pipelines.test.js"], {
      cwd: project,
      encoding: "utf8",
    });
    expect({ status: tested.status, output: tested.status === 0 ? "" : tested.stdout + tested.stderr }).toEqual({
      status: 0,
      output: "",
    });
    // `npm run check`: the committed YAML is what the module renders
    const check = [
      "render",
      "pipelines/app/pipeline.ts",
      "--format",
      "yaml",
      "-o",
      "pipelines/app/pipeline.yml",
      "--check",
    ];
    expect(await runCli(check, memoryIo(project).io)).toBe(0);

    // both fail when the module changes without `npm run render`
    const entry = join(project, "pipelines/app/pipeline.ts");
    writeFileSync(entry, readFileSync(entry, "utf8").replace("privileged: true", "privileged: false"));
    const stale = spawnSync(process.execPath, ["--test", "test/pipelines.test.js"], { cwd: project, encoding: "utf8" });
    expect(stale.status).not.toBe(0);
    expect(await runCli(check, memoryIo(project).io)).toBe(1);
  });

  test("tsc type-checks the modules `hangar import --split` writes, which import each other by their .js names", {
    timeout: 120_000,
  }, async () => {
    expect((await init("typed")).code).toBe(0);
    const project = join(work, "typed");
    mkdirSync(join(project, "node_modules"));
    symlinkSync(repo, join(project, "node_modules/hangar"), "dir");
    writeFileSync(
      join(project, "ci.yml"),
      [
        "resources:",
        "- {name: src, type: git, source: {uri: https://git.example.com/app.git}}",
        "jobs:",
        "- {name: unit, plan: [{get: src, trigger: true}]}",
        "- {name: ship, plan: [{get: src, passed: [unit]}]}",
        "groups:",
        "- {name: test, jobs: [unit]}",
        "- {name: release, jobs: [ship]}",
        "",
      ].join("\n"),
    );
    const imported = memoryIo(project);
    expect(await runCli(["import", "ci.yml", "--out-dir", "pipelines", "--split", "group"], imported.io)).toBe(0);
    expect(readFileSync(join(project, "pipelines/ci/pipeline.ts"), "utf8")).toMatch(/from "\.\/shared\.js"/);
    // with the tsconfig as init wrote it: no allowImportingTsExtensions, which only an import of a .ts name needs
    const { compilerOptions } = JSON.parse(readFileSync(join(project, "tsconfig.json"), "utf8"));
    expect(compilerOptions).not.toHaveProperty("allowImportingTsExtensions");
    const tsc = join(repo, "node_modules/typescript/bin/tsc");
    const checked = spawnSync(process.execPath, [tsc, "-p", "."], { cwd: project, encoding: "utf8" });
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.status).toBe(0);
  });

  test("refuses to overwrite, lists every file in the way, and writes nothing", async () => {
    mkdirSync(join(work, "taken/pipelines/app"), { recursive: true });
    writeFileSync(join(work, "taken/package.json"), "{}\n");
    writeFileSync(join(work, "taken/pipelines/app/pipeline.ts"), "// mine\n");
    const result = await init("taken");
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "hangar init: would overwrite files (nothing was written):\n  taken/package.json\n  taken/pipelines/app/pipeline.ts\n",
    });
    expect(readFileSync(join(work, "taken/package.json"), "utf8")).toBe("{}\n");
    expect(readFileSync(join(work, "taken/pipelines/app/pipeline.ts"), "utf8")).toBe("// mine\n");
    expect(existsSync(join(work, "taken/tsconfig.json"))).toBe(false);
  });

  test("a file where init makes a folder is listed with the files in the way, and nothing is made", async () => {
    mkdirSync(join(work, "blocked"));
    writeFileSync(join(work, "blocked/test"), "notes\n");
    writeFileSync(join(work, "blocked/.gitignore"), "x\n");
    expect(await init("blocked")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "hangar init: would overwrite a file (nothing was written):\n  blocked/test (a file where init makes a folder)\n",
    });
    expect(readdirSync(join(work, "blocked")).sort()).toEqual([".gitignore", "test"]);
    expect(readFileSync(join(work, "blocked/.gitignore"), "utf8")).toBe("x\n");
  });

  test("a file given as the folder, or above it, is refused before anything is made", async () => {
    writeFileSync(join(work, "a-file"), "notes\n");
    for (const target of ["a-file", "a-file/sub"]) {
      expect(await init(target)).toEqual({
        code: 2,
        stdout: "",
        stderr: "hangar init: a-file is not a folder (nothing was written)\n(run `hangar init --help` for usage)\n",
      });
    }
    expect(readFileSync(join(work, "a-file"), "utf8")).toBe("notes\n");
  });

  test("a write that fails removes the files written and the folders made before it", async () => {
    mkdirSync(join(work, "rollback"));
    const run = memoryIo(work);
    const failing = {
      ...run.io,
      writeFile: (path: string, content: string) =>
        path.endsWith("pipelines.test.js") ? Promise.reject(new Error("disk full")) : run.io.writeFile(path, content),
    };
    expect(await runCli(["init", "rollback/new/project"], failing)).toBe(2);
    expect(run.stderr).toBe("hangar init: cannot write rollback/new/project/test/pipelines.test.js: disk full\n");
    expect(readdirSync(join(work, "rollback"))).toEqual([]);
  });

  test("a second init in the same folder is refused", async () => {
    expect((await init("twice")).code).toBe(0);
    const again = await init("twice");
    expect(again.code).toBe(2);
    // the .gitignore has init's lines already: not in the way, and left as it is
    const amended = new Set([".gitignore"]);
    expect(again.stderr.split("\n").slice(1, -1)).toEqual(
      FILES.filter((file) => !amended.has(file)).map((file) => `  twice/${file}`),
    );
  });

  test("a .gitignore already there (a fresh clone's) gets the lines it lacks, its own kept", async () => {
    mkdirSync(join(work, "clone"));
    writeFileSync(join(work, "clone/.gitignore"), "# mine\n.env\nnode_modules/\ndist");
    const result = await init("clone");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("added lines to clone/.gitignore\n");
    expect(result.stderr).toContain("created clone/package.json\n");
    expect(readFileSync(join(work, "clone/.gitignore"), "utf8")).toBe(
      "# mine\n.env\nnode_modules/\ndist\ndefinition.json\ndefinition.yml\n",
    );
  });

  test("a .gitignore with every line init wants is not written", async () => {
    mkdirSync(join(work, "has-all"));
    const mine = "definition.yml\r\nnode_modules/\r\n  definition.json\r\n";
    writeFileSync(join(work, "has-all/.gitignore"), mine);
    const result = await init("has-all");
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(".gitignore");
    expect(readFileSync(join(work, "has-all/.gitignore"), "utf8")).toBe(mine);
  });

  test("a write that fails puts an amended .gitignore back as it was", async () => {
    mkdirSync(join(work, "rollback-ignore"));
    writeFileSync(join(work, "rollback-ignore/.gitignore"), ".env\n");
    const run = memoryIo(work);
    const failing = {
      ...run.io,
      writeFile: (path: string, content: string) =>
        path.endsWith(".gitignore") && content !== ".env\n"
          ? run.io.writeFile(path, content).then(() => Promise.reject(new Error("disk full")))
          : run.io.writeFile(path, content),
    };
    expect(await runCli(["init", "rollback-ignore"], failing)).toBe(2);
    expect(run.stderr).toBe("hangar init: cannot write rollback-ignore/.gitignore: disk full\n");
    expect(readdirSync(join(work, "rollback-ignore"))).toEqual([".gitignore"]);
    expect(readFileSync(join(work, "rollback-ignore/.gitignore"), "utf8")).toBe(".env\n");
  });

  test("a .gitignore that is a folder is in the way", async () => {
    mkdirSync(join(work, "odd/.gitignore"), { recursive: true });
    const result = await init("odd");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("hangar init: would overwrite a file (nothing was written):\n  odd/.gitignore\n");
  });

  test.each([
    ["Web App", "must start with a lowercase letter or a number"],
    ["", "it is empty"],
  ])("--name %j is refused: %s", async (name, reason) => {
    const result = await init("bad-name", "--name", name);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `hangar init: --name '${name}' is not a valid pipeline name: ${reason}\n(run \`hangar init --help\` for usage)\n`,
    );
    expect(existsSync(join(work, "bad-name"))).toBe(false);
  });

  test("a name given with an escape sequence is shown escaped, not sent to the terminal", async () => {
    const result = await init("bad-name", "--name", "a\u001b[2Jb");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "hangar init: --name 'a\\x1b[2Jb' is not a valid pipeline name: illegal character '\\x1b'\n(run `hangar init --help` for usage)\n",
    );
  });

  test.each([
    ["", "''", "it is empty"],
    ["my ci", "'my ci'", "it contains white space"],
  ])("-t %j is refused: %s", async (target, quoted, reason) => {
    const result = await init("bad-target", "-t", target);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `hangar init: -t ${quoted} is not a valid fly target: ${reason}\n(run \`hangar init --help\` for usage)\n`,
    });
    expect(existsSync(join(work, "bad-target"))).toBe(false);
  });

  test("the package name comes from the folder", async () => {
    expect((await init("My Pipelines!")).code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "My Pipelines!/package.json"), "utf8")).name).toBe("my-pipelines");
  });
});
