import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { validationEntryName } from "../src/cli/cache-dir.ts";

const repo = resolve(import.meta.dirname, "..");
const hooks = pathToFileURL(join(repo, "test/helpers/record-loads.mjs")).href;
const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)})`;
const requires = join(repo, "test/helpers/record-requires.cjs");

/** Runs `fn` with a new scratch folder named from `prefix`, removed afterwards whatever happens. */
function inScratch<T>(prefix: string, fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files Node loads as modules for `hangar ...args`: ES modules and CommonJS ones (`before` runs before each run). */
function loadedBy(args: string[], before?: () => void): { esm: string[]; cjs: string[] } {
  return inScratch("hangar-loads-", (dir) => {
    const esm = join(dir, "esm.txt");
    const cjs = join(dir, "cjs.txt");
    const run = (record: string, flags: string[]) => {
      before?.();
      const child = spawnSync(process.execPath, [...flags, join(repo, "bin/hangar.js"), ...args], {
        env: { ...process.env, RECORD_LOADS: record },
        encoding: "utf8",
      });
      expect(child.stderr).not.toMatch(/Error|Warning/);
      expect(child.status).toBe(0);
      return readFileSync(record, "utf8")
        .trim()
        .split("\n")
        .filter((url) => url !== "")
        .map((url) => fileURLToPath(url));
    };
    // (the entry, bin/hangar.js, passes through the module hooks too, CommonJS as it is)
    const entry = join(repo, "bin/hangar.js");
    return { esm: run(esm, ["--import", register]).filter((f) => f !== entry), cjs: run(cjs, ["--require", requires]) };
  });
}

/** The CLI's files: the bin, its Node 20 loader, the front and render's modules (scripts/build.mjs). */
const [bin, loader, front, run, validator] = [
  "bin/hangar.js",
  "dist/code-cache.cjs",
  "dist/cli.cjs",
  "dist/cli-run-render.cjs",
  "dist/cli-validator.cjs",
].map((file) => join(repo, file));
const CLI = [bin, loader, front, run];

test.each(["--version", "--help", "render --help", "validate --help"])(
  "hangar %s loads the CLI's front alone: no ES module, no package, not the commands' modules",
  (line) => {
    const { esm, cjs } = loadedBy(line.split(" "));
    expect(esm).toEqual([]);
    expect(cjs).toContain(bin);
    expect(cjs).toContain(front);
    expect(cjs.filter((file) => file !== bin && file !== loader && file !== front)).toEqual([]);
  },
);

test("a cached render loads no ES module: the compiled pipeline module (hangar bundled in) runs as a script; no package, no validator", () => {
  inScratch("hangar-render-loads-", (dir) => {
    const out = join(dir, "definition.json");
    const render = ["render", join(repo, "examples/docker-baseline/pipeline.ts"), "-o", out];
    loadedBy(render); // compiles into the cache and keeps the validation, if they were not there
    const { esm, cjs } = loadedBy(render);
    expect(esm).toEqual([]);
    // the commands' modules and the compiled module's script form; no esbuild (a cache hit compiles nothing), no
    // YAML reader, no validator (the diagnostics of this very output are kept)
    expect(cjs).toContain(run);
    expect(cjs.filter((file) => !CLI.includes(file))).toEqual([
      expect.stringMatching(/node_modules[\\/]\.cache[\\/]hangar[\\/][0-9a-f]{32}\.script\.js$/),
    ]);
  });
});

test.each(["render", "validate", "schema"])(
  "hangar %s loads its own run bundle, the modules it runs, not the bundle of every command's",
  (command) => {
    const args = {
      render: ["render", join(repo, "examples/docker-baseline/pipeline.ts"), "--stdout", "--no-validate"],
      validate: ["validate", join(repo, "examples/docker-baseline/pipeline.ts")],
      schema: ["schema"],
    }[command] as string[];
    const bundles = loadedBy(args).cjs.filter((file) => /[\\/]dist[\\/]cli-run/.test(file));
    expect(bundles).toEqual([join(repo, `dist/cli-run-${command}.cjs`)]);
  },
);

test("a render whose output was not validated before loads the validator, and only then", () => {
  inScratch("hangar-render-loads-", (dir) => {
    const entry = join(repo, "examples/docker-baseline/pipeline.ts");
    const render = ["render", entry, "-o", join(dir, "definition.json")];
    const kept = join(repo, "node_modules/.cache/hangar", validationEntryName(entry));
    const forget = () => rmSync(kept, { force: true });
    const loaded = loadedBy(render, forget).cjs.filter((file) => !CLI.includes(file));
    expect(loaded.filter((file) => !file.endsWith(".script.js"))).toEqual([validator]);
    expect(existsSync(kept)).toBe(true);
    expect(loadedBy(render).cjs).not.toContain(validator);
  });
});

/** What bin/hangar.js does before it loads hangar: turns Node's compile cache on where Node has one (22+). */
const NODE_START = 'require("node:module").enableCompileCache?.()';

test("a cached render writes its lines without making process.stdout or process.stderr (no stream module loaded)", () => {
  inScratch("hangar-render-builtins-", (dir) => {
    const record = join(dir, "builtins.txt");
    /** Node's own modules loaded by `hangar render <module>`, and what it printed. */
    const builtinsOf = (module: string) => {
      const args = ["--require", join(repo, "test/helpers/record-builtins.cjs"), join(repo, "bin/hangar.js"), "render"];
      const child = spawnSync(process.execPath, [...args, module, "-o", join(dir, "definition.json")], {
        env: { ...process.env, RECORD_BUILTINS: record },
        encoding: "utf8",
      });
      expect(child.status).toBe(0);
      return { loaded: readFileSync(record, "utf8").split("\n"), stdout: child.stdout, stderr: child.stderr };
    };
    // (internal/streams/utils is part of every start)
    const streams = (loaded: string[]) =>
      loaded.filter((m) => /^NativeModule (net|stream|internal\/streams\/(readable|writable|duplex))$/.test(m));
    const entry = join(repo, "examples/docker-baseline/pipeline.ts");
    builtinsOf(entry); // compiles into the cache, if it was not there
    const cached = builtinsOf(entry);
    expect(cached.stderr).toMatch(/^.*definition\.json unchanged \(2 jobs, 7 resources\)\n$/);
    expect(cached.stdout).toMatch(/^fly -t pr-inf set-pipeline -p packer-docker-baseline -c .*definition\.json\n$/);
    expect(streams(cached.loaded)).toEqual([]);
    // beyond what `node -e 0` loads (with Node's compile cache on where there is one, as bin/hangar.js turns it on),
    // only the modules of hangar's start (and internal/fs/dir, which Node 22's fs loads on a first call): no promise fs,
    // no crypto, no streams
    const bare = spawnSync(
      process.execPath,
      ["--require", join(repo, "test/helpers/record-builtins.cjs"), "-e", NODE_START],
      {
        env: { ...process.env, RECORD_BUILTINS: record },
      },
    );
    expect(bare.status).toBe(0);
    const ofNode = new Set(readFileSync(record, "utf8").split("\n"));
    const added = cached.loaded.filter((m) => m.startsWith("NativeModule ") && !ofNode.has(m)).map((m) => m.slice(13));
    expect(
      added.filter(
        (m) =>
          !["console", "module", "vm", "internal/fs/dir"].includes(m) && !m.startsWith("internal/util/parse_args/"),
      ),
    ).toEqual([]);
    // a module that logs makes process.stderr (what it logs goes there, stdout holding only the product): hangar's
    // own line then follows through the same stream, in order
    const logs = join(dir, "logs.mjs");
    writeFileSync(logs, 'console.log("from the module");\nexport default { jobs: [{ name: "build", plan: [] }] };\n');
    const logged = builtinsOf(logs);
    expect(logged.stdout).toBe(`fly -t TARGET set-pipeline -p logs -c ${join(dir, "definition.json")}\n`);
    expect(logged.stderr).toMatch(/^from the module\nwrote .*definition\.json/);
    expect(streams(logged.loaded)).not.toEqual([]);
  });
});

test("a batch render loads hangar's library once, shared by its modules, each compiled without a copy of it", () => {
  inScratch("hangar-batch-loads-", (dir) => {
    const batch = [
      "render",
      join(repo, "examples/docker-baseline/pipeline.ts"),
      join(repo, "examples/ol-infrastructure/examples__hello/pipeline.ts"),
      "--out-dir",
      join(dir, "out"),
    ];
    loadedBy(batch); // compiles into the cache, if it was not there
    const { esm } = loadedBy(batch);
    const compiled = esm.filter((f) => /node_modules[\\/]\.cache[\\/]hangar[\\/][0-9a-f]{32}\.mjs$/.test(f));
    expect(compiled).toHaveLength(2);
    expect(esm.filter((f) => f === join(repo, "dist/index.js"))).toHaveLength(1);
    for (const file of compiled) expect(readFileSync(file, "utf8")).toContain(pathToFileURL(join(repo, "dist")).href);
  });
});

test("hangar render of a module loads a YAML reader only when a var flag needs one", () => {
  inScratch("hangar-render-loads-", (dir) => {
    const out = join(dir, "definition.json");
    const render = ["render", join(repo, "examples/docker-baseline/pipeline.ts"), "-o", out];
    // js-yaml, as one CommonJS file of the CLI's (scripts/build.mjs), or as a package
    const yamlReader = (files: string[]) =>
      files.some((f) => f === join(repo, "dist/js-yaml.cjs") || f.includes(join("node_modules", "js-yaml")));
    expect(yamlReader(loadedBy(render).cjs)).toBe(false);
    // a -y value is YAML: then the reader is loaded
    expect(yamlReader(loadedBy([...render, "-y", "x=[1]"]).cjs)).toBe(true);
  });
});

test("the CLI's bundle also runs when required, as bin/hangar.js does on Node 22+ (with Node's compile cache)", () => {
  inScratch("hangar-require-", (dir) => {
    // what the bin does there, without the cache: the bundle imports the pipeline module with Node's own import()
    const entry = join(dir, "entry.cjs");
    writeFileSync(entry, `require(${JSON.stringify(front)});\n`);
    const out = join(dir, "definition.json");
    // no kept validation: the bundle requires the validator's too
    const pipeline = join(repo, "examples/docker-baseline/pipeline.ts");
    rmSync(join(repo, "node_modules/.cache/hangar", validationEntryName(pipeline)), { force: true });
    const child = spawnSync(process.execPath, [entry, "render", pipeline, "-o", out], { encoding: "utf8" });
    expect(child.stderr).toMatch(/^wrote .*definition\.json \(2 jobs, 7 resources\)\n$/);
    expect(child.status).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).jobs).toHaveLength(2);
  });
});

test("hangar validate of a YAML file loads the yaml package only for a text with an escape go-yaml reads otherwise", () => {
  inScratch("hangar-validate-loads-", (dir) => {
    const plain = join(dir, "plain.yml");
    const escaped = join(dir, "escaped.yml");
    writeFileSync(
      plain,
      'jobs:\n- name: a\n  plan:\n  - task: t\n    config: {platform: linux, run: {path: "echo\\u00e9"}}\n',
    );
    writeFileSync(
      escaped,
      'jobs:\n- name: a\n  plan:\n  - task: t\n    config: {platform: linux, run: {path: "it\\\'s"}}\n',
    );
    const yamlFiles = (file: string) =>
      loadedBy(["validate", file]).cjs.filter((f) => /[\\/]node_modules[\\/]yaml[\\/]/.test(f));
    expect(yamlFiles(plain)).toEqual([]);
    expect(yamlFiles(escaped)).not.toEqual([]);
  });
});

test("a command line that names no command runs from the front's own bundle: an unknown command gets its suggestion", () => {
  const child = spawnSync(process.execPath, [join(repo, "bin/hangar.js"), "rendr", "x.ts"], { encoding: "utf8" });
  expect(child.status).toBe(2);
  expect(child.stderr).toMatch(/^hangar: unknown command 'rendr'; did you mean 'render'\?/);
  expect(child.stdout).toBe("");
});
