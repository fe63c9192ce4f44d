/**
 * The package as a user gets it: `npm pack` makes the tarball, which is installed into a fresh
 * project outside the repository; that project and its siblings (which link its node_modules, so
 * the tarball is installed once) are each type-checked with their own settings, and rendered and
 * validated with `npx hangar` from their own folder. The dependencies come from npm's cache, as
 * `npm ci` left it, and from the registry only when the cache lacks them.
 *
 * Uses the dist/ that `pretest` built.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

/** The environment without what `npm test` sets for its own package (npm_config_*, npm_package_*, ...). */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== "INIT_CWD"),
);

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 240_000 });
}

/** Runs a command that must succeed, and shows its output when it does not. */
function ok(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = run(command, args, cwd);
  expect({
    command: [command, ...args].join(" "),
    status: result.status,
    output: result.status === 0 ? "" : result.stdout + result.stderr,
  }).toEqual({ command: [command, ...args].join(" "), status: 0, output: "" });
  return result;
}

/** `npx hangar ...`, never fetching a package of that name from the registry. */
const hangar = (cwd: string, ...args: string[]) => run("npx", ["--no", "hangar", ...args], cwd);

const STRICT = {
  target: "ES2022",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  skipLibCheck: false,
  noEmit: true,
};

// A pipeline with the model's types, pipeline(), a fragment and two factories.
const PIPELINE_TS = `import { type Job, fragment, get, gitRepo, pipeline, put, registryImage, task } from "hangar";

const source = gitRepo({ name: "app-source", uri: "https://git.example.com/app.git", branch: "main" });
const image = registryImage({ name: "app-image", imageRepository: "registry.example.com/app" });

const build: Job = {
  name: "build",
  plan: [
    get(source, { trigger: true }),
    task("unit", { file: "app-source/ci/unit.yml" }),
    put(image, { params: { image: "image/image.tar" } }),
  ],
};

const shared = fragment({ resources: [source, image], jobs: [build] });

export default {
  name: "app",
  target: "ci",
  pipeline: pipeline(shared),
};
`;

// A pipeline `hangar import --split group` makes three modules of, and one the others import its resources from.
const CI_YAML = `resources:
- {name: app-source, type: git, source: {uri: https://git.example.com/app.git, branch: main}}
- {name: app-image, type: registry-image, source: {repository: registry.example.com/app}}
jobs:
- {name: build, plan: [{get: app-source, trigger: true}, {put: app-image}]}
- {name: ship, plan: [{get: app-image, passed: [build]}]}
groups:
- {name: test, jobs: [build]}
- {name: release, jobs: [ship]}
`;

/** What the pipeline above renders to, in brief. */
const RENDERED = { jobs: ["build"], resources: ["app-image", "app-source"] };

const summary = (file: string) => {
  const value = JSON.parse(readFileSync(file, "utf8")) as { jobs: { name: string }[]; resources: { name: string }[] };
  return { jobs: value.jobs.map((j) => j.name), resources: value.resources.map((r) => r.name).sort() };
};

interface Project {
  readonly packageJson: Record<string, unknown>;
  readonly files: Readonly<Record<string, string>>;
}

const PROJECTS = {
  // (a) ESM, node16 resolution, every strict flag, declarations checked too
  node16: {
    packageJson: { name: "consumer-node16", private: true, type: "module" },
    files: {
      "tsconfig.json": JSON.stringify({
        compilerOptions: { ...STRICT, module: "node16", moduleResolution: "node16" },
        include: ["pipelines"],
      }),
      "pipelines/app/pipeline.ts": `${PIPELINE_TS}
// the validator's entry point, type-checked with the rest
import { validate } from "hangar/validate";
export const findings: number = validate(pipeline(shared)).length;
`,
      // an option given as a possibly undefined value, one of each family, which exactOptionalPropertyTypes must allow
      "pipelines/app/explicit-undefined.ts": `import { type Job, flyCommand, fragment, get, gitRepo, inParallel, mergeFragments, metaPipeline, notification, pipeline, put, renderYaml, task, withModifiers } from "hangar";
import type { LoadOptions, PipelineDefinition } from "hangar/script";
import { formatResults, parsePipeline, validate, validateText } from "hangar/validate";

declare const maybe: { text?: string; flag?: boolean; count?: number };
const source = gitRepo({ name: "app-source", uri: "https://git.example.com/app.git", branch: maybe.text });
const steps = [
  get(source, { trigger: maybe.flag, passed: undefined, timeout: maybe.text }),
  task("unit", { file: "app-source/ci/unit.yml", privileged: maybe.flag }),
  inParallel({ steps: [put(source, { noGet: maybe.flag, attempts: maybe.count })], limit: maybe.count }),
  withModifiers(notification({ resource: "slack", title: "t", body: "b", alertType: undefined }), { timeout: maybe.text }),
];
const build: Job = { name: "build", plan: steps };
const meta = metaPipeline({ definitions: source, pipelines: [{ name: "app", script: "ci/app.ts", team: maybe.text }] });
const built = pipeline(mergeFragments(fragment({ resources: [source], jobs: [build], resource_types: undefined }), meta), {
  groups: undefined,
});
export const yaml: string = renderYaml(built, { header: maybe.text });
export const command: string = flyCommand({ target: "ci", pipeline: "app", team: maybe.text });
export const findings: number = validate(built, { rules: undefined, registry: undefined }).length;
export const parsed = parsePipeline("jobs: []", { file: maybe.text, format: undefined, vars: undefined, maxBytes: maybe.count });
export const checked = validateText("jobs: []", { file: maybe.text, strict: maybe.flag, vars: undefined });
export const shown: string = formatResults([checked], "text", { color: maybe.flag });
export const loadOptions: LoadOptions = { cacheDir: undefined, timeoutMs: maybe.count };
export const definition: PipelineDefinition = {
  name: maybe.text,
  target: maybe.text,
  team: undefined,
  instanceVars: undefined,
  pipeline: built,
};
`,
      // a misspelt option, which the declarations must reject
      "mistake/pipeline.ts": `import { gitRepo } from "hangar";
export const source = gitRepo({ name: "src", uri: "https://git.example.com/app.git", brnach: "main" });
`,
      "tsconfig.mistake.json": JSON.stringify({
        compilerOptions: { ...STRICT, module: "node16", moduleResolution: "node16" },
        include: ["mistake"],
      }),
    },
  },
  // (b) ESM, bundler resolution, with hangar/script
  bundler: {
    packageJson: { name: "consumer-bundler", private: true, type: "module" },
    files: {
      "tsconfig.json": JSON.stringify({
        compilerOptions: { ...STRICT, module: "esnext", moduleResolution: "bundler" },
        include: ["pipelines"],
      }),
      "pipelines/app/pipeline.ts": `${PIPELINE_TS}
import { runIfMain } from "hangar/script";
export const ran: Promise<boolean> = runIfMain(import.meta.url, { name: "app", pipeline: pipeline(shared) });
`,
    },
  },
  // (c) plain JavaScript, ESM
  javascript: {
    packageJson: { name: "consumer-js", private: true, type: "module" },
    files: {
      "pipeline.js": `import { fragment, get, gitRepo, pipeline, registryImage, task, put } from "hangar";
import { runIfMain } from "hangar/script";

const source = gitRepo({ name: "app-source", uri: "https://git.example.com/app.git", branch: "main" });
const image = registryImage({ name: "app-image", imageRepository: "registry.example.com/app" });
const build = {
  name: "build",
  plan: [get(source, { trigger: true }), task("unit", { file: "app-source/ci/unit.yml" }), put(image, { params: { image: "image/image.tar" } })],
};
const definition = { name: "app", target: "ci", pipeline: pipeline(fragment({ resources: [source, image], jobs: [build] })) };
export default definition;
await runIfMain(import.meta.url, definition);
`,
    },
  },
  // (d) CommonJS, as `npm init -y` makes it, with a pipeline written from the README
  commonjs: {
    packageJson: { name: "consumer-cjs", version: "1.0.0", main: "index.js", license: "ISC" },
    files: { "pipeline.ts": PIPELINE_TS },
  },
} satisfies Record<string, Project>;

let work: string;
/** The tarball's files, as `npm pack --json` lists them. */
let packedFiles: string[];
/** The tarball's path. */
let tarball: string;
const dir = (name: keyof typeof PROJECTS) => join(work, name);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "hangar-consumer-"));
  const packed = ok("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], root);
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  packedFiles = files.map((file) => file.path);
  tarball = join(work, filename);
  for (const [name, project] of Object.entries(PROJECTS)) {
    mkdirSync(join(work, name));
    writeFileSync(join(work, name, "package.json"), `${JSON.stringify(project.packageJson, null, 2)}\n`);
    for (const [file, text] of Object.entries(project.files)) {
      mkdirSync(dirname(join(work, name, file)), { recursive: true });
      writeFileSync(join(work, name, file), text);
    }
  }
  ok(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(work, filename)],
    dir("node16"),
  );
  for (const name of Object.keys(PROJECTS).filter((n) => n !== "node16")) {
    symlinkSync(join(dir("node16"), "node_modules"), join(work, name, "node_modules"), "dir");
  }
}, 300_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
}, 300_000);

// Generous: each step spawns npm, tsc or hangar, and a busy 2-core machine makes that slow.
describe("the package in a user's project", { timeout: 180_000 }, () => {
  test("installs hangar and nothing for types", () => {
    const installed = JSON.parse(readFileSync(join(dir("node16"), "node_modules/hangar/package.json"), "utf8"));
    expect(installed.name).toBe("hangar");
    expect(existsSync(join(dir("node16"), "node_modules/@types/node"))).toBe(false);
  });

  test.each(["node16", "bundler"] as const)("%s: tsc --noEmit passes with every strict flag", (name) => {
    ok(process.execPath, [tsc, "-p", "."], dir(name));
  });

  // The oldest TypeScript the README claims, from npm's cache only (no network in the tests): skipped, saying so,
  // when the cache lacks it. The declarations are emitted by the TypeScript of this repository, which is newer.
  test.for(["node16", "bundler"] as const)("%s: the oldest TypeScript the README claims passes too", (name, ctx) => {
    const claimed = /they need TypeScript (\d+\.\d+) or later/.exec(readFileSync(join(root, "README.md"), "utf8"));
    expect(claimed?.[1]).toMatch(/^\d+\.\d+$/);
    const version = claimed?.[1] ?? "";
    const oldest = join(work, `typescript-${version}`);
    if (!existsSync(oldest)) {
      mkdirSync(oldest);
      writeFileSync(join(oldest, "package.json"), '{ "private": true }\n');
      const install = ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", `typescript@${version}`];
      if (run("npm", install, oldest).status !== 0) rmSync(oldest, { recursive: true });
    }
    const oldTsc = join(oldest, "node_modules/typescript/bin/tsc");
    ctx.skip(
      !existsSync(oldTsc),
      `typescript@${version} is not in npm's cache (\`npm cache add typescript@${version}\`)`,
    );
    expect(ok(process.execPath, [oldTsc, "--version"], dir(name)).stdout).toMatch(new RegExp(`^Version ${version}\\.`));
    ok(process.execPath, [oldTsc, "-p", "."], dir(name));
  });

  // tsc refuses an import of a .ts name without allowImportingTsExtensions (TS5097): the modules import each other by
  // their .js names, which a strict project's own settings take as they are
  test.each([
    ["node16", "node16"],
    ["nodenext", "nodenext"],
    ["esnext", "bundler"],
  ] as const)(
    "%s modules, %s resolution: the modules `hangar import --split` writes type-check with tsc and render to the YAML's pipeline",
    (module, moduleResolution) => {
      const project = dir("node16");
      writeFileSync(join(project, "ci.yml"), CI_YAML);
      const out = `split-${moduleResolution}`;
      const imported = hangar(project, "import", "ci.yml", "--split", "group", "--out-dir", out);
      expect({ status: imported.status, stderr: imported.stderr }).toEqual({ status: 0, stderr: "wrote 4 modules\n" });
      const compilerOptions = { ...STRICT, module, moduleResolution };
      expect(compilerOptions).not.toHaveProperty("allowImportingTsExtensions");
      writeFileSync(join(project, `tsconfig.${out}.json`), JSON.stringify({ compilerOptions, include: [out] }));
      ok(process.execPath, [tsc, "-p", `tsconfig.${out}.json`], project);
      const rendered = ok("npx", ["--no", "hangar", "render", `${out}/ci/pipeline.ts`, "--stdout"], project);
      const pipeline = JSON.parse(rendered.stdout) as { jobs: { name: string }[]; resources: { name: string }[] };
      expect(pipeline.jobs.map((job) => job.name)).toEqual(["build", "ship"]);
      expect(pipeline.resources.map((resource) => resource.name)).toEqual(["app-source", "app-image"]);
    },
  );

  test("node16: a misspelt factory option is a type error", () => {
    const result = run(process.execPath, [tsc, "-p", "tsconfig.mistake.json"], dir("node16"));
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/mistake\/pipeline\.ts\(2,\d+\): error TS\d+: .*'brnach'/);
  });

  test.each([
    ["node16", "pipelines/app/pipeline.ts"],
    ["bundler", "pipelines/app/pipeline.ts"],
    ["javascript", "pipeline.js"],
  ] as const)("%s: npx hangar render and validate %s", (name, entry) => {
    const rendered = ok("npx", ["--no", "hangar", "render", entry], dir(name));
    expect(rendered.stdout).toBe("fly -t ci set-pipeline -p app -c definition.json\n");
    expect(rendered.stderr).toBe("wrote definition.json (1 job, 2 resources)\n");
    expect(summary(join(dir(name), "definition.json"))).toEqual(RENDERED);
    const validated = hangar(dir(name), "validate", entry);
    expect({ status: validated.status, stdout: validated.stdout }).toEqual({ status: 0, stdout: "" });
    expect(validated.stderr).toBe("0 errors, 0 warnings in 1 file\n");
  });

  test("javascript: node runs the pipeline as a script (hangar/script)", () => {
    rmSync(join(dir("javascript"), "definition.json"), { force: true });
    const result = ok(process.execPath, ["pipeline.js"], dir("javascript"));
    expect(result.stdout).toBe("fly -t ci set-pipeline -p app -c definition.json\n");
    expect(summary(join(dir("javascript"), "definition.json"))).toEqual(RENDERED);
  });

  test("commonjs: one sentence says what to change, and no stack trace", () => {
    const result = hangar(dir("commonjs"), "render", "pipeline.ts");
    const advice =
      'note: package.json has no "type": "module", so Node loads pipeline.ts as CommonJS, but hangar pipelines are ES modules: add "type": "module" to it';
    // The module still renders: hangar compiles TypeScript to an ES module whatever package.json says.
    expect(result.status).toBe(0);
    expect(result.stderr.split("\n")).toContain(advice);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    // TypeScript says the same in its words
    const typed = run(
      process.execPath,
      [tsc, "--noEmit", "--module", "node16", "--strict", "pipeline.ts"],
      dir("commonjs"),
    );
    expect(typed.status).not.toBe(0);
    expect(typed.stdout).toMatch(/"type": "module"/);
  });
});

describe("hangar init", { timeout: 300_000 }, () => {
  test("npm install && npm run render work in the new folder with no edits; so do test, check and tsc", () => {
    const project = join(work, "scaffolded");
    // no --hangar-spec: the new project depends on the tarball the project init runs from installed hangar from
    const made = ok("npx", ["--no", "hangar", "init", project], dir("node16"));
    expect(made.stderr).not.toContain("note:");
    const spec: string = JSON.parse(readFileSync(join(project, "package.json"), "utf8")).dependencies.hangar;
    expect(resolve(project, spec.replace(/^file:/, ""))).toBe(tarball);
    ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], project);
    const rendered = ok("npm", ["run", "--silent", "render"], project);
    expect(rendered.stdout).toBe("fly -t ci set-pipeline -p app -c pipelines/app/pipeline.yml\n");
    ok("npm", ["test"], project);
    ok("npm", ["run", "check"], project);
    ok(process.execPath, [tsc, "-p", "."], project);
  });

  test("from a global install, which keeps no record of its tarball: the registry's range, and a note saying so", () => {
    const prefix = join(work, "global");
    ok(
      "npm",
      ["install", "--global", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", tarball],
      work,
    );
    const made = ok(join(prefix, "bin", "hangar"), ["init", "from-global"], work);
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(JSON.parse(readFileSync(join(work, "from-global/package.json"), "utf8")).dependencies.hangar).toBe(
      `^${version}`,
    );
    expect(made.stderr).toContain(
      `note: package.json installs hangar ^${version} from the npm registry; if this hangar came from a tarball or a folder, run init again with --hangar-spec <it>`,
    );
  });
});

describe("the tarball", () => {
  test("holds no tests, fixtures, benchmarks or examples", () => {
    expect(packedFiles.filter((file) => /\.test\.|(^|\/)(test|fixtures|bench|examples)\//.test(file))).toEqual([]);
  });

  test("holds the licence, the README, the build and the declarations of every entry point", () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "bin/hangar.js",
        "bin/package.json",
        "dist/cli.cjs",
        "dist/cli-run.cjs",
        "dist/cli-run-render.cjs",
        "dist/cli-validator.cjs",
        "dist/code-cache.cjs",
        "dist/js-yaml.cjs",
        "dist/types/index.d.ts",
        "dist/types/validate/index.d.ts",
        "dist/types/cli/script.d.ts",
      ]),
    );
  });

  test("every relative link of the README points at a file in the tarball", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, target]) => (target ?? "").replace(/#.*$/, ""))
      .filter((target) => target !== "" && !/^[a-z]+:/i.test(target));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !packedFiles.includes(link.replace(/^\.\//, "")))).toEqual([]);
  });
});
