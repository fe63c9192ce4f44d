import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeEach, expect, test } from "vitest";
import { bin, renderIn, repo, workFolderEach } from "./helpers/built-cli.ts";

// `hangar render` keeps compiled TypeScript modules (src/cli/compile-cache.ts): what the module's compile depends on
// decides whether the next render compiles again. Needs the built CLI (`node scripts/build.mjs`).

const folder = workFolderEach("compile-cache");
let work: string;
beforeEach(() => {
  work = folder();
});

const render = (...args: string[]) => renderIn(work, ...args);

test("a change in a config the module's tsconfig extends (a package's, through another) compiles the module again", () => {
  for (const branch of ["main", "release"]) {
    mkdirSync(join(work, branch));
    writeFileSync(join(work, `${branch}/branch.js`), `export const BRANCH = "${branch}";\n`);
  }
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'import { BRANCH } from "@branch";',
      'const source = { name: "source", type: "git", source: { uri: "https://git.example.com/app.git", branch: BRANCH } };',
      'export default { resources: [source], jobs: [{ name: "build", plan: [{ get: "source", trigger: true }] }] };',
      "",
    ].join("\n"),
  );
  writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: "./configs/project" }));
  mkdirSync(join(work, "configs"));
  writeFileSync(join(work, "configs/project.json"), JSON.stringify({ extends: ["@acme/tsconfig/base.json"] }));
  const base = join(work, "node_modules/@acme/tsconfig/base.json");
  mkdirSync(join(base, ".."), { recursive: true });
  const mapTo = (branch: string) =>
    writeFileSync(
      base,
      `{\n  // the team's shared settings\n  "compilerOptions": { "baseUrl": "../../..", "paths": { "@branch": ["./${branch}/branch.js"] }, },\n}\n`,
    );

  mapTo("main");
  const first = render("pipeline.ts", "--stdout", "--no-validate");
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('"branch": "main"');
  // the module was compiled and kept
  expect(readdirSync(join(work, "node_modules/.cache/hangar")).some((name) => name.endsWith(".json"))).toBe(true);

  mapTo("release");
  const second = render("pipeline.ts", "--stdout", "--no-validate");
  expect(second.status).toBe(0);
  expect(second.stdout).toContain('"branch": "release"');
  expect(second.stdout).not.toContain('"branch": "main"');
});

test("a module and a helper it bundles read the files beside them, as under node; errors in the helper name its line", () => {
  mkdirSync(join(work, "lib/tasks"), { recursive: true });
  mkdirSync(join(work, "scripts"));
  writeFileSync(join(work, "scripts/build.sh"), "make build\n");
  writeFileSync(join(work, "lib/tasks/test.yml"), "platform: linux\n");
  writeFileSync(join(work, "lib/test.sh"), "make test\n");
  writeFileSync(
    join(work, "lib/tasks.ts"),
    [
      'import { readFileSync } from "node:fs";',
      'import { join } from "node:path";',
      "export const tasks = {",
      '  config: readFileSync(join(import.meta.dirname, "tasks", "test.yml"), "utf8"),',
      '  script: readFileSync(new URL("./test.sh", import.meta.url), "utf8"),',
      '  file: import.meta.filename.endsWith("/lib/tasks.ts"),',
      "};",
      "export function fail(): never {",
      '  throw new Error("no such task");',
      "}",
      "",
    ].join("\n"),
  );
  // its first line: a package imported (an ES module) or not (a script)
  const module = (first: string) =>
    [
      first,
      'import { readFileSync } from "node:fs";',
      'import { runIfMain } from "hangar/script";',
      'import { tasks } from "./lib/tasks.ts";',
      'const build = readFileSync(new URL("./scripts/build.sh", import.meta.url), "utf8");',
      "const name = JSON.stringify({ build, ...tasks, parsed: parse('a: 1') });",
      'const definition = { name: "app", pipeline: { jobs: [{ name, plan: [] }] } };',
      "export default definition;",
      "await runIfMain(import.meta.url, definition);",
      "",
    ].join("\n");
  const fails = (first: string) => `${first}\nimport { fail } from "./lib/tasks.ts";\nexport default fail();\n`;
  const forms = {
    module: 'import { parse } from "yaml";',
    script: "const parse = (text: string) => ({ a: Number(text.slice(3)) });",
  };
  for (const [form, first] of Object.entries(forms)) {
    writeFileSync(join(work, `${form}.ts`), module(first));
    const run = render(`${form}.ts`, "--stdout", "--no-validate");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(JSON.parse(run.stdout).jobs[0].name)).toEqual({
      build: "make build\n",
      config: "platform: linux\n",
      script: "make test\n",
      file: true,
      parsed: { a: 1 },
    });
    // runIfMain, given the module's own URL, still knows the module is not the program: nothing written
    expect(readdirSync(work)).not.toContain("definition.json");
    writeFileSync(join(work, `fails-${form}.ts`), fails(first));
    const failed = render(`fails-${form}.ts`, "--stdout");
    expect(failed.stderr).toBe("hangar render: lib/tasks.ts:9:9: Error: no such task\n");
    expect(failed.status).toBe(2);
    const debug = render(`fails-${form}.ts`, "--stdout", "--debug");
    expect(debug.stderr.startsWith("hangar render: lib/tasks.ts:9:9: Error: no such task\n")).toBe(true);
    expect(debug.stderr).toMatch(/\n\s+at .*lib\/tasks\.ts:9:9\)?\n/);
  }
  // which form each ran as
  const entries = readdirSync(join(work, "node_modules/.cache/hangar"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(join(work, "node_modules/.cache/hangar", name), "utf8")));
  const entryOf = (file: string) => entries.find((entry) => entry.entry.endsWith(`/${file}`));
  expect(entryOf("module.ts")).toMatchObject({ scriptless: true });
  expect(entryOf("script.ts")).toMatchObject({ script: expect.any(String) });
});

test("a TypeScript helper a tsconfig's paths map a name to is compiled with the module, its import.meta its own", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(join(work, "lib/job.yml"), "build\n");
  writeFileSync(
    join(work, "lib/jobs.ts"),
    [
      'import { readFileSync } from "node:fs";',
      "const named = (value: unknown, context: ClassMethodDecoratorContext) => value;",
      "class Jobs {",
      "  @named",
      '  name(): string { return readFileSync(new URL("./job.yml", import.meta.url), "utf8").trim(); }',
      "}",
      "export const name = new Jobs().name();",
      "export const dir = import.meta.dirname;",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(work, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@lib/*": ["./lib/*"] } } }),
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'import { name, dir } from "@lib/jobs";',
      'import { dir as again } from "@lib/jobs.ts";',
      "export default { jobs: [{ name, plan: [], public: dir === again && dir.endsWith('/lib') }] };",
      "",
    ].join("\n"),
  );
  const run = render("pipeline.ts", "--stdout", "--no-validate");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).jobs).toEqual([{ name: "build", plan: [], public: true }]);
});

test("a config the tsconfig extends written where it is looked for first, or a tsconfig nearer the module, compiles it again", () => {
  mkdirSync(join(work, "app/pipelines/ci"), { recursive: true });
  for (const branch of ["main", "release", "next"]) {
    writeFileSync(join(work, `app/${branch}.ts`), `export const BRANCH = "${branch}";\n`);
  }
  writeFileSync(
    join(work, "app/pipelines/ci/pipeline.ts"),
    'import { BRANCH } from "@branch";\nexport default { jobs: [{ name: BRANCH, plan: [] }] };\n',
  );
  const render = () => renderIn(work, "app/pipelines/ci/pipeline.ts", "--stdout", "--no-validate");
  writeFileSync(join(work, "app/tsconfig.json"), JSON.stringify({ extends: "../configs/base" }));
  mkdirSync(join(work, "configs"));
  const mapTo = (file: string, branch: string) =>
    writeFileSync(
      join(work, file),
      JSON.stringify({ compilerOptions: { baseUrl: "../app", paths: { "@branch": [`./${branch}.ts`] } } }),
    );
  mapTo("configs/base.json", "main");
  const main = render();
  expect(main.stderr).toBe("");
  expect(JSON.parse(main.stdout).jobs[0].name).toBe("main");
  // "../configs/base" is that file when there is one (as esbuild and tsc read it)
  mapTo("configs/base", "release");
  const release = render();
  expect(release.stderr).toBe("");
  expect(JSON.parse(release.stdout).jobs[0].name).toBe("release");
  // a tsconfig of a folder between the module's and the one it had
  writeFileSync(
    join(work, "app/pipelines/tsconfig.json"),
    JSON.stringify({ compilerOptions: { baseUrl: "..", paths: { "@branch": ["./next.ts"] } } }),
  );
  const next = render();
  expect(next.stderr).toBe("");
  expect(JSON.parse(next.stdout).jobs[0].name).toBe("next");
});

test("a tsconfig that extends a config not there is a load error naming the extends, not a module compiled without it", () => {
  writeFileSync(join(work, "pipeline.ts"), 'export default { jobs: [{ name: "build", plan: [] }] };\n');
  writeFileSync(join(work, "tsconfig.json"), '{\n  "extends": "./configs/base.json"\n}\n');
  const run = render("pipeline.ts", "--stdout");
  expect(run.stderr).toBe(
    'hangar render: tsconfig.json:2:14: Cannot find base config file "./configs/base.json" (install it, or correct the path in "extends")\n',
  );
  expect(run.stdout).toBe("");
  expect(run.status).toBe(2);
});

test("a tsconfig that extends itself through another config (a cycle) is a load error at the extends closing it", () => {
  writeFileSync(join(work, "pipeline.ts"), 'export default { jobs: [{ name: "build", plan: [] }] };\n');
  writeFileSync(join(work, "tsconfig.json"), '{\n  "extends": "./configs/base.json"\n}\n');
  mkdirSync(join(work, "configs"));
  writeFileSync(join(work, "configs/base.json"), '{\n  "compilerOptions": {},\n  "extends": "../tsconfig.json"\n}\n');
  const run = render("pipeline.ts", "--stdout");
  expect(run.stderr).toBe(
    'hangar render: configs/base.json:3:14: Base config file "../tsconfig.json" forms cycle (tsc: "Circularity detected while resolving configuration"; take one "extends" of the cycle out)\n',
  );
  expect(run.stdout).toBe("");
  expect(run.status).toBe(2);
  // a config that names itself, the same
  writeFileSync(join(work, "tsconfig.json"), '{ "extends": "./tsconfig.json" }\n');
  const itself = render("pipeline.ts", "--stdout");
  expect(itself.stderr).toMatch(
    /^hangar render: tsconfig\.json:1:14: Base config file "\.\/tsconfig\.json" forms cycle \(/,
  );
  expect(itself.status).toBe(2);
});

test("esbuild's other warnings of a tsconfig are shown on stderr at their place, from the cache too; the module loads", () => {
  writeFileSync(join(work, "app.ts"), 'export default { jobs: [{ name: "build", plan: [] }] };\n');
  writeFileSync(join(work, "other.ts"), 'export default { jobs: [{ name: "test", plan: [] }] };\n');
  // (a key given twice: esbuild's warning is not one it files as a tsconfig's, but it is placed in one)
  writeFileSync(
    join(work, "tsconfig.json"),
    '{\n  "extends": "./configs/base.json",\n  "compilerOptions": {},\n  "compilerOptions": {}\n}\n',
  );
  mkdirSync(join(work, "configs"));
  writeFileSync(
    join(work, "configs/base.json"),
    '{\n  "compilerOptions": {\n    "target": "es1",\n    "paths": { "@lib/*/*": ["./lib/*"] }\n  }\n}\n',
  );
  const warnings = [
    'warning: configs/base.json:3:15: Unrecognized target environment "es1"\n',
    'warning: configs/base.json:4:16: Invalid pattern "@lib/*/*", must have at most one "*" character\n',
    'warning: tsconfig.json:4:3: Duplicate key "compilerOptions" in object literal\n',
  ].join("");
  // compiled, then from the cache
  for (const _ of [1, 2]) {
    const run = render("app.ts", "--stdout", "--no-validate");
    expect(run.stderr).toBe(warnings);
    expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name: "build", plan: [] }] });
    expect(run.status).toBe(0);
  }
  // a batch, or validate, of modules that share the tsconfig: each warning once
  const batch = render("app.ts", "other.ts", "--out-dir", "out", "--no-validate");
  expect(batch.stderr.startsWith(warnings)).toBe(true);
  expect(batch.stderr.slice(warnings.length)).not.toContain("warning:");
  expect(batch.status).toBe(0);
  const validate = spawnSync(process.execPath, [bin, "validate", "app.ts", "other.ts"], {
    cwd: work,
    encoding: "utf8",
  });
  expect(validate.stderr).toBe(`${warnings}0 errors, 0 warnings in 2 files\n`);
  expect(validate.status).toBe(0);
});

test("a change in the tsconfig of a helper's own folder (its jsx factory) compiles the module again", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(join(work, "tsconfig.json"), "{}\n");
  writeFileSync(
    join(work, "lib/job.tsx"),
    "const plain = (tag: string) => tag;\nconst loud = (tag: string) => tag.toUpperCase();\nexport const name = <build />;\n",
  );
  const factory = (name: string) =>
    writeFileSync(
      join(work, "lib/tsconfig.json"),
      JSON.stringify({ compilerOptions: { jsx: "react", jsxFactory: name } }),
    );
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { name } from "./lib/job.tsx";\nexport default { jobs: [{ name, plan: [] }] };\n',
  );
  const name = () => {
    const run = render("pipeline.ts", "--stdout", "--no-validate");
    expect(run.stderr).toBe("");
    return JSON.parse(run.stdout).jobs[0].name;
  };
  factory("plain");
  expect(name()).toBe("build");
  factory("loud");
  expect(name()).toBe("BUILD");
});

test("a helper that reads import.meta whole (destructured, or kept in a name) has its own url, dirname and resolve", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(
    join(work, "lib/where.ts"),
    [
      "const { url, dirname } = import.meta;",
      "const meta = import.meta;",
      'export const where = { url, dirname, filename: meta.filename, resolved: meta.resolve("./task.yml") };',
      "export function fail(): never {",
      '  throw new Error("failed in " + meta.filename.slice(meta.dirname.length));',
      "}",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { where } from "./lib/where.ts";\nexport default { jobs: [{ name: JSON.stringify(where), plan: [] }] };\n',
  );
  const run = render("pipeline.ts", "--stdout", "--no-validate");
  expect(run.stderr).toBe("");
  const lib = join(realpathSync(work), "lib");
  expect(JSON.parse(JSON.parse(run.stdout).jobs[0].name)).toEqual({
    url: pathToFileURL(join(lib, "where.ts")).href,
    dirname: lib,
    filename: join(lib, "where.ts"),
    resolved: pathToFileURL(join(lib, "task.yml")).href,
  });
  // its lines are its own
  writeFileSync(join(work, "fails.ts"), 'import { fail } from "./lib/where.ts";\nexport default fail();\n');
  const failed = render("fails.ts", "--stdout");
  expect(failed.stderr).toBe("hangar render: lib/where.ts:5:9: Error: failed in /where.ts\n");
});

test("a folder the module imports through a symbolic link, repointed, compiles the module again", () => {
  for (const version of ["v1", "v2"]) {
    mkdirSync(join(work, version));
    writeFileSync(
      join(work, `${version}/job.ts`),
      `export const name = "${version}:" + import.meta.dirname.slice(-2);\n`,
    );
  }
  symlinkSync("v1", join(work, "lib"));
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { name } from "./lib/job.ts";\nexport default { jobs: [{ name, plan: [] }] };\n',
  );
  const name = () => {
    const run = render("pipeline.ts", "--stdout", "--no-validate");
    expect(run.stderr).toBe("");
    return JSON.parse(run.stdout).jobs[0].name;
  };
  expect(name()).toBe("v1:v1");
  // as `ln -sfn v2 lib` does: a new link renamed over the old one
  symlinkSync("v2", join(work, "lib.new"));
  renameSync(join(work, "lib.new"), join(work, "lib"));
  expect(name()).toBe("v2:v2");
});

test("a tsconfig paths target not relative without a baseUrl is a load error at it, not 'cannot find package'", () => {
  writeFileSync(join(work, "job.ts"), 'export const name = "build";\n');
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { name } from "@job";\nexport default { jobs: [{ name, plan: [] }] };\n',
  );
  writeFileSync(join(work, "tsconfig.json"), '{ "compilerOptions": { "paths": { "@job": ["job.ts"] } } }\n');
  const run = render("pipeline.ts", "--stdout");
  expect(run.stderr).toBe(
    'hangar render: tsconfig.json:1:44: Non-relative path "job.ts" is not allowed when "baseUrl" is not set (did you forget a leading "./"?)\n',
  );
  expect(run.status).toBe(2);
});

test("a config the tsconfig extends through a symbolic link, repointed, compiles the module again", () => {
  for (const [folder, branch] of [
    ["main-configs", "main"],
    ["release-configs", "release"],
  ] as const) {
    mkdirSync(join(work, folder));
    writeFileSync(join(work, `${branch}.ts`), `export const BRANCH = "${branch}";\n`);
    writeFileSync(
      join(work, `${folder}/base.json`),
      JSON.stringify({ compilerOptions: { baseUrl: "..", paths: { "@branch": [`./${branch}.ts`] } } }),
    );
  }
  symlinkSync("main-configs", join(work, "configs"));
  writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: "./configs/base.json" }));
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { BRANCH } from "@branch";\nexport default { jobs: [{ name: BRANCH, plan: [] }] };\n',
  );
  const name = () => {
    const run = render("pipeline.ts", "--stdout", "--no-validate");
    expect(run.stderr).toBe("");
    return JSON.parse(run.stdout).jobs[0].name;
  };
  expect(name()).toBe("main");
  symlinkSync("release-configs", join(work, "configs.new"));
  renameSync(join(work, "configs.new"), join(work, "configs"));
  expect(name()).toBe("release");
});

test("a CommonJS helper requires a builtin and a package (from its own folder) as an ES module and as a script", () => {
  // installed beside the helper only: neither the module's folder nor the cache folder sees it
  const dep = join(work, "lib/node_modules/cjs-dep");
  mkdirSync(dep, { recursive: true });
  writeFileSync(join(dep, "package.json"), '{ "name": "cjs-dep", "main": "index.js" }\n');
  writeFileSync(join(dep, "index.js"), 'exports.name = "dep";\n');
  writeFileSync(join(work, "lib/builtin.cjs"), 'exports.name = require("node:path").posix.join("a", "b");\n');
  writeFileSync(join(work, "lib/package.cjs"), 'exports.name = require("cjs-dep").name;\n');
  const module = (first: string, helper: string) =>
    `${first}\nimport { name } from "./lib/${helper}.cjs";\nexport default { jobs: [{ name, plan: [] }] };\n`;
  // an ES module (it imports a package: no script form), or a script (it imports nothing but builtins)
  writeFileSync(join(work, "es-builtin.ts"), module('import "yaml";', "builtin"));
  writeFileSync(join(work, "es-package.ts"), module('import "yaml";', "package"));
  writeFileSync(join(work, "script-builtin.ts"), module('import "node:fs";', "builtin"));
  for (const [file, name] of [
    ["es-builtin.ts", "a/b"],
    ["es-package.ts", "dep"],
    ["script-builtin.ts", "a/b"],
  ] as const) {
    // compiled, then from the cache
    for (const _ of [1, 2]) {
      const run = render(file, "--stdout", "--no-validate");
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name, plan: [] }] });
    }
  }
  // the script form is the one module's that imports no package
  const cache = join(work, "node_modules/.cache/hangar");
  expect(readdirSync(cache).filter((name) => name.endsWith(".script.js"))).toHaveLength(1);
});

test("esbuild's warnings of the user's files are shown on stderr at their place, once, from the cache too", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(join(work, "lib/names.ts"), 'export const names = { build: "build", test: "test", build: "check" };\n');
  for (const [file, job] of [
    ["app.ts", "build"],
    ["other.ts", "test"],
  ] as const) {
    writeFileSync(
      join(work, file),
      `import { names } from "./lib/names.ts";\nexport default { jobs: [{ name: names.${job}, plan: [] }] };\n`,
    );
  }
  const warning = 'warning: lib/names.ts:1:54: Duplicate key "build" in object literal\n';
  // compiled, then from the cache
  for (const _ of [1, 2]) {
    const run = render("app.ts", "--stdout", "--no-validate");
    expect(run.stderr).toBe(warning);
    expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name: "check", plan: [] }] });
    expect(run.status).toBe(0);
  }
  // a batch, or validate, of modules that share the helper: the warning once
  const batch = render("app.ts", "other.ts", "--out-dir", "out", "--no-validate");
  expect(batch.stderr.startsWith(warning)).toBe(true);
  expect(batch.stderr.slice(warning.length)).not.toContain("warning:");
  expect(batch.status).toBe(0);
  const validate = spawnSync(process.execPath, [bin, "validate", "app.ts", "other.ts"], {
    cwd: work,
    encoding: "utf8",
  });
  expect(validate.stderr).toBe(`${warning}0 errors, 0 warnings in 2 files\n`);
  expect(validate.status).toBe(0);
});

test("an import() of a pattern of files whose folder is not there fails, as under Node, only when it runs", () => {
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'const name = ["a"].join("");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
      "if (process.env.PLUGIN) await import(`./plugins/${name}.ts`);",
      'export default { jobs: [{ name: "build", plan: [] }] };',
      "",
    ].join("\n"),
  );
  expect(render("pipeline.ts", "--stdout", "--no-validate").status).toBe(0);
  // as a render runs it (the script form, when the module has one), and with --debug (the ES module)
  for (const debug of [[], ["--debug"]]) {
    const run = spawnSync(process.execPath, [bin, "render", "pipeline.ts", "--stdout", ...debug], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, PLUGIN: "1" },
    });
    // the user's file, as Node names it, and the call's place in it
    const real = realpathSync(work);
    expect(run.stderr.split("\n")[0]).toBe(
      `hangar render: pipeline.ts:2:31: Error: Cannot find module '${join(real, "plugins/a.ts")}' imported from ${join(real, "pipeline.ts")}`,
    );
    expect(run.status).toBe(2);
  }
});

/** The `names` the work folder's pipeline.ts exports when tsx runs it: what hangar's render must give too. */
function namesUnderTsx(): unknown {
  const tsx = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      'console.log(JSON.stringify((await import("./pipeline.ts")).names));',
    ],
    { cwd: work, encoding: "utf8" },
  );
  return JSON.parse(tsx.stdout);
}

test("an import() or require() of a pattern of files whose folder is not there fails with Node's error, caught as under tsx", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(join(work, "lib/load.cjs"), 'exports.load = (name) => require("./cplugins/" + name + ".cjs");\n');
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'import { load } from "./lib/load.cjs";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
      "const caught = (e: any) => `caught ${e.name} ${e.code}: ${e.message}`;",
      'const name = ["a"].join("");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
      "const imported = await import(`./plugins/${name}.ts`).then(() => 'loaded', caught);",
      "const required = (() => { try { return load(name); } catch (e) { return caught(e); } })();",
      "export const names = [imported, required];",
      "export default { jobs: names.map((name) => ({ name, plan: [] })) };",
      "",
    ].join("\n"),
  );
  const names = namesUnderTsx();
  const real = realpathSync(work);
  expect(names).toEqual([
    `caught Error ERR_MODULE_NOT_FOUND: Cannot find module '${join(real, "plugins/a.ts")}' imported from ${join(real, "pipeline.ts")}`,
    `caught Error MODULE_NOT_FOUND: Cannot find module './cplugins/a.cjs'\nRequire stack:\n- ${join(real, "lib/load.cjs")}`,
  ]);
  // as a render runs it, from a compile and from the cache (the script form), and with --debug (the ES module)
  for (const debug of [[], [], ["--debug"]]) {
    const run = render("pipeline.ts", "--stdout", "--no-validate", ...debug);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).jobs.map((job: { name: string }) => job.name)).toEqual(names);
  }
});

test("an import() of a pattern of files that reaches a JavaScript file the pattern did not match is Node's import of it, as under tsx", () => {
  mkdirSync(join(work, "plugins"));
  writeFileSync(join(work, "plugins/a.js"), 'export const value = "A";\n');
  writeFileSync(join(work, "outside.js"), 'export const value = "outside";\n');
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'const name = ["..", "outside"].join("/");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
      "export const names = [(await import(`./plugins/${name}.js`)).value];",
      "export default { jobs: names.map((name) => ({ name, plan: [] })) };",
      "",
    ].join("\n"),
  );
  expect(namesUnderTsx()).toEqual(["outside"]);
  for (const debug of [[], [], ["--debug"]]) {
    const run = render("pipeline.ts", "--stdout", "--no-validate", ...debug);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).jobs.map((job: { name: string }) => job.name)).toEqual(["outside"]);
  }
});

test("a name an import() of a pattern of files does not match fails at the call with Node's error, with a cache folder beside the module too", () => {
  mkdirSync(join(work, "plugins"));
  writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'const name = ["b", "ts"].join(".");',
      'const found = (await import("./plugins/" + name)).value;',
      "export default { jobs: [{ name: found, plan: [] }] };",
      "",
    ].join("\n"),
  );
  // the ES module, run by Node (stacks mapped), through hangar/script's loader with a cache folder not in node_modules
  // and a helper's require() of a file of the pattern that Node's require() runs as JavaScript, which it is not
  mkdirSync(join(work, "lib/cplugins"), { recursive: true });
  writeFileSync(join(work, "lib/cplugins/readme.md"), "# plugins\n");
  writeFileSync(join(work, "lib/load.cjs"), 'exports.load = (name) => require("./cplugins/" + name);\n');
  writeFileSync(
    join(work, "requires.ts"),
    'import { load } from "./lib/load.cjs";\nexport default load(["readme", "md"].join("."));\n',
  );
  const load = (file: string) =>
    [
      `import { loadPipelineModule } from ${JSON.stringify(pathToFileURL(join(repo, "dist/script.js")).href)};`,
      `await loadPipelineModule(${JSON.stringify(file)}, process.cwd(), { cacheDir: "cache" }).catch((error) => console.log(error.message));`,
    ].join("\n");
  const run = (file: string) =>
    spawnSync(process.execPath, ["--input-type=module", "-e", load(file)], { cwd: work, encoding: "utf8" }).stdout;
  const real = realpathSync(work);
  expect(run("pipeline.ts")).toBe(
    `pipeline.ts:2:29: Error: Cannot find module '${join(real, "plugins/b.ts")}' imported from ${join(real, "pipeline.ts")}\n`,
  );
  expect(run("requires.ts")).toBe("lib/load.cjs:1:34: SyntaxError: Invalid or unexpected token\n");
  expect(readdirSync(join(work, "cache")).some((name) => name.endsWith(".mjs"))).toBe(true);
});

test("a require() of a path found nowhere fails at the helper's call with Node's error, in both forms", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(join(work, "lib/load.cjs"), "exports.load = () => require('./later/gone.cjs').value;\n");
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { load } from "./lib/load.cjs";\nexport default { jobs: [{ name: String(load()), plan: [] }] };\n',
  );
  const stack = `Require stack:\\n- ${join(realpathSync(work), "lib/load.cjs")}`;
  // as a render runs it (the script form), and with --debug (the ES module, which Node runs, its stack mapped)
  for (const debug of [[], ["--debug"]]) {
    const run = render("pipeline.ts", "--stdout", "--no-validate", ...debug);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      `hangar render: lib/load.cjs:1:22: Error: Cannot find module './later/gone.cjs'\\n${stack}`,
    );
  }
});

test("a .js helper of ES module syntax under a package.json with no type is the ES module this Node loads, in both forms", () => {
  mkdirSync(join(work, "lib/esm"), { recursive: true });
  writeFileSync(join(work, "lib/esm/package.json"), '{ "name": "helpers" }\n');
  writeFileSync(
    join(work, "lib/esm/where.js"),
    'export const where = typeof __filename === "string" ? "has-filename" : "no-filename";\n',
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    'import { where } from "./lib/esm/where.js";\nexport default { jobs: [{ name: where, plan: [] }] };\n',
  );
  const node = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", 'import { where } from "./lib/esm/where.js"; console.log(where);'],
    { cwd: work, encoding: "utf8" },
  );
  // (a Node that does not detect it fails to load it)
  if (node.status !== 0) return;
  // as a render runs it (the script form), and with --debug (the ES module, which Node runs)
  for (const debug of [[], ["--debug"]]) {
    const run = render("pipeline.ts", "--stdout", "--no-validate", ...debug);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).jobs[0].name).toBe(node.stdout.trim());
  }
});

test("an import() or require() of a literal path to a file Node does not load as a module is Node's when it runs, as under tsx", () => {
  mkdirSync(join(work, "lib"));
  writeFileSync(join(work, "lib/notes.txt"), "some notes\n");
  writeFileSync(join(work, "lib/value.txt"), 'module.exports = "run as JavaScript";\n');
  writeFileSync(
    join(work, "lib/read.cjs"),
    'exports.read = (name) => (name === "notes" ? require("./notes.txt") : require("./value.txt"));\n',
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'import { read } from "./lib/read.cjs";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
      "const caught = (e: any) => `caught ${e.name} ${e.code}: ${e.message}`;",
      'const imported = await import("./lib/notes.txt").then(() => "loaded", caught);',
      'const required = (() => { try { return read("notes"); } catch (e) { return caught(e); } })();',
      'export const names = [imported, required, read("value")];',
      "export default { jobs: names.map((name) => ({ name, plan: [] })) };",
      "",
    ].join("\n"),
  );
  const names = namesUnderTsx();
  expect(names).toEqual([
    `caught TypeError ERR_UNKNOWN_FILE_EXTENSION: Unknown file extension ".txt" for ${join(realpathSync(work), "lib/notes.txt")}`,
    "caught SyntaxError undefined: Unexpected identifier 'notes'",
    "run as JavaScript",
  ]);
  // as a render runs it, from a compile and from the cache, and with --debug (the ES module)
  for (const debug of [[], [], ["--debug"]]) {
    const run = render("pipeline.ts", "--stdout", "--no-validate", ...debug);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).jobs.map((job: { name: string }) => job.name)).toEqual(names);
  }
});
