import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadModule, loadPipelineModule } from "./load-pipeline.ts";

const repo = resolve(import.meta.dirname, "../..");

/** A pipeline module importing a relative helper, in a scratch folder inside the repository (so `hangar` resolves). */
let work: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-load-"));
  cacheDir = join(work, "cache");
  mkdirSync(join(work, "lib"));
  writeFileSync(
    join(work, "lib/names.ts"),
    'export const jobName: string = "build";\nexport const resourceName: string = "src";\n',
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    [
      'import { get, pipeline } from "hangar";',
      'import { isMap } from "yaml";',
      'import { jobName, resourceName } from "./lib/names.ts";',
      "const src = { name: resourceName, type: 'git', source: { uri: 'https://example.com/x.git' } };",
      "export default pipeline({ jobs: [{ name: isMap(null) ? 'never' : jobName, plan: [get(src)] }] });",
      "",
    ].join("\n"),
  );
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const load = async (dir: string | false = cacheDir) =>
  (await loadPipelineModule("pipeline.ts", work, { cacheDir: dir })).pipeline;

const expected = (job: string, resource: string) => ({
  jobs: [{ name: job, plan: [{ get: { name: resource, type: "git", source: { uri: "https://example.com/x.git" } } }] }],
  resources: [{ name: resource, type: "git", source: { uri: "https://example.com/x.git" } }],
});

/** The one cache entry (the files it was built from) and the compiled module it names. */
function cacheEntry(): { inputs: [string, number, number, string][]; module: string; code: string } {
  const entries = readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
  expect(entries).toHaveLength(1);
  const entry = JSON.parse(readFileSync(join(cacheDir, entries[0] as string), "utf8"));
  return { ...entry, code: readFileSync(join(cacheDir, entry.module), "utf8") };
}

/**
 * Marks the cached module's code, so that a test can tell a hit (the marked code runs) from a compile.
 * The marked code goes in a file of its own, as a module imported once stays in Node's module map.
 */
function markCachedCode(): void {
  const entryFile = join(cacheDir, readdirSync(cacheDir).find((name) => name.endsWith(".json")) as string);
  const { code, ...entry } = cacheEntry();
  const module = `marked-${readdirSync(cacheDir).length}.mjs`;
  const marked = code.replace('"build"', '"cached"');
  writeFileSync(join(cacheDir, module), marked);
  writeFileSync(entryFile, JSON.stringify({ ...entry, module, sizes: { [module]: Buffer.byteLength(marked) } }));
}

/** The name the module `file` of the work folder gives (or the message of its error), as {@link underTsx} prints it. */
const loaded = (file: string, stackSourceMaps: boolean) =>
  loadModule(file, work, { cacheDir, stackSourceMaps }).then(
    (definition) => String(definition.name),
    (error: Error) => error.message,
  );

/**
 * Writes a pipeline module `file` whose name is what `found` gives (an expression, such as an import() of a pattern
 * of files), `name` a variable it may use, made at run time so that no bundler can tell it in advance.
 */
const writeModule = (file: string, name: string, found: string) =>
  writeFileSync(
    join(work, file),
    [
      `const name = [${JSON.stringify(name)}].join("");`,
      `const found = ${found};`,
      "export default { name: String(found), pipeline: { jobs: [] } };",
      "",
    ].join("\n"),
  );

/**
 * What tsx gives for the module `file` of the work folder: the name its default export gives, or `<name>: <message>` of
 * the error importing it (its code in brackets, as Node writes it). What hangar gives is compared with it.
 */
const underTsx = (file: string): string =>
  spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      [
        `await import(${JSON.stringify(`./${file}`)}).then(`,
        "  (m) => console.log(String(m.default.name)),",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the script's source
        "  (e) => console.log(`${e.name}${e.code?.startsWith('ERR_') ? ` [${e.code}]` : ''}: ${e.message}`),",
        ");",
      ].join("\n"),
    ],
    { cwd: work, encoding: "utf8" },
  ).stdout.replace(/\n$/, "");

describe("loadPipelineModule: compile cache", () => {
  test("keeps the compiled module with every bundled input, and loads the same pipeline from it", async () => {
    expect(await load()).toEqual(expected("build", "src"));
    const entry = cacheEntry();
    const inputs = entry.inputs.map(([path]) => path);
    expect(inputs.filter((path) => path.startsWith(work)).sort()).toEqual([
      join(work, "lib/names.ts"),
      join(work, "pipeline.ts"),
    ]);
    // hangar, as resolved from the module's folder, is bundled in: one module to load, and a hangar rebuilt or
    // upgraded is a change like any other
    expect(inputs).toContain(join(repo, "dist/index.js"));
    expect(entry.code).not.toContain('from "hangar"');
    expect(entry.code).not.toContain(pathToFileURL(join(repo, "dist")).href);
    // other packages are resolved at compile time, so the module runs from the cache folder
    expect(entry.code).toContain(`from "${pathToFileURL(join(repo, "node_modules/yaml/dist/index.js")).href}"`);
    markCachedCode();
    expect(await load()).toEqual(expected("cached", "src"));
  });

  test("shared: hangar is imported by URL, not bundled, under an entry of its own beside the bundled one", async () => {
    const shared = async () => (await loadModule("pipeline.ts", work, { cacheDir, hangar: "shared" })).pipeline;
    expect(await shared()).toEqual(expected("build", "src"));
    expect(await load()).toEqual(expected("build", "src"));
    const entries = readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
    expect(entries).toHaveLength(2);
    const sharedEntry = entries.find((name) => name.endsWith("-shared.json")) as string;
    const entry = JSON.parse(readFileSync(join(cacheDir, sharedEntry), "utf8"));
    const code = readFileSync(join(cacheDir, entry.module), "utf8");
    // the modules of a batch import one hangar: the one resolved from the module's folder, by absolute URL
    expect(code).toContain(`from "${pathToFileURL(join(repo, "dist/index.js")).href}"`);
    expect(entry.inputs.map(([path]: [string]) => path)).not.toContain(join(repo, "dist/index.js"));
  });

  test("a file touched but unchanged is still a hit (its content is hashed only then, once)", async () => {
    await load();
    markCachedCode();
    const later = new Date(Date.now() + 60_000);
    const names = join(work, "lib/names.ts");
    utimesSync(names, later, later);
    const stamp = () => cacheEntry().inputs.find(([path]) => path === names)?.[2];
    expect(stamp()).not.toBe(statSync(names).mtimeMs);
    expect(await load()).toEqual(expected("cached", "src"));
    // the entry now holds the new time: the next run compares times only
    expect(stamp()).toBe(statSync(names).mtimeMs);
    expect(await load()).toEqual(expected("cached", "src"));
  });

  test.each([
    ["written over in place", (file: string, text: string) => writeFileSync(file, text)],
    [
      "renamed over it",
      (file: string, text: string) => {
        writeFileSync(`${file}.new`, text);
        renameSync(`${file}.new`, file);
      },
    ],
  ])(
    "another version of a bundled file, of the same size and time, %s (tar x, cp -p), compiles again",
    async (_, put) => {
      const names = join(work, "lib/names.ts");
      // as a tar or a copy keeping times gives its files: each version with the same time
      const time = new Date("2024-01-01T00:00:00Z");
      utimesSync(names, time, time);
      expect(await load()).toEqual(expected("build", "src"));
      const before = statSync(names);
      put(names, readFileSync(names, "utf8").replace('"build"', '"BUILD"'));
      utimesSync(names, time, time);
      expect([statSync(names).size, statSync(names).mtimeMs]).toEqual([before.size, before.mtimeMs]);
      expect(await load()).toEqual(expected("BUILD", "src"));
    },
  );

  test("a change to any bundled file, imported ones included, compiles again", async () => {
    await load();
    markCachedCode();
    writeFileSync(join(work, "lib/names.ts"), 'export const jobName = "deploy";\nexport const resourceName = "src";\n');
    expect(await load()).toEqual(expected("deploy", "src"));
    // same size, new content
    writeFileSync(join(work, "lib/names.ts"), 'export const jobName = "dePloy";\nexport const resourceName = "src";\n');
    expect(await load()).toEqual(expected("dePloy", "src"));
    writeFileSync(
      join(work, "pipeline.ts"),
      readFileSync(join(work, "pipeline.ts"), "utf8").replace("name: resourceName", 'name: "other"'),
    );
    expect(await load()).toEqual(expected("dePloy", "other"));
    expect(cacheEntry().code).toContain('"other"');
    // the modules no entry names any more are gone, once not written or used for a while (another run may be
    // about to run one)
    const mjs = () => readdirSync(cacheDir).filter((name) => name.endsWith(".mjs"));
    expect(mjs().length).toBeGreaterThan(1);
    const past = new Date(Date.now() - 120_000);
    for (const name of mjs()) utimesSync(join(cacheDir, name), past, past);
    writeFileSync(join(work, "lib/names.ts"), 'export const jobName = "dePlo2";\nexport const resourceName = "src";\n');
    expect(await load()).toEqual(expected("dePlo2", "other"));
    expect(mjs()).toEqual([cacheEntry().module]);
  });

  test("a corrupt entry is a miss, an unusable cache folder only costs the cache, and false turns it off", async () => {
    await load();
    const entryFile = readdirSync(cacheDir).find((name) => name.endsWith(".json")) as string;
    writeFileSync(join(cacheDir, entryFile), "{ not json");
    expect(await load()).toEqual(expected("build", "src"));
    expect(cacheEntry().code).toContain('"build"');

    const blocked = join(work, "blocked");
    writeFileSync(blocked, "a file where the cache folder would be");
    expect(await load(blocked)).toEqual(expected("build", "src"));

    rmSync(cacheDir, { recursive: true });
    expect(await load(false)).toEqual(expected("build", "src"));
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  test("a compiled file cut off (by a full disk, say) is compiled and written again, not run", async () => {
    expect(await load()).toEqual(expected("build", "src"));
    const { module, code } = cacheEntry();
    // cut where what is left still parses: running it would give no pipeline at all
    const cut = code.slice(0, code.lastIndexOf("export"));
    writeFileSync(join(cacheDir, module), cut);
    // (the module as Node first imported it runs again: what tells is the file, whole again)
    expect(await load()).toEqual(expected("build", "src"));
    expect(readFileSync(join(cacheDir, module), "utf8")).toBe(code);
  });

  test("a module that fails to compile is not cached", async () => {
    writeFileSync(join(work, "pipeline.ts"), "export default {\n");
    await expect(load()).rejects.toThrow(/pipeline\.ts:2:0|pipeline\.ts:\d+:\d+/);
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});

test("the cache keeps its 100 most recent entries", async () => {
  mkdirSync(cacheDir);
  for (let i = 0; i < 120; i++) {
    const file = join(cacheDir, `old-${i}.json`);
    writeFileSync(file, "{}");
    utimesSync(file, 1_000 + i, 1_000 + i);
  }
  await load();
  const left = readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
  expect(left).toHaveLength(100);
  // the new entry stays, with the 99 newest of the old ones
  expect(left.filter((name) => name.startsWith("old-")).sort()).toEqual(
    Array.from({ length: 99 }, (_, i) => `old-${i + 21}.json`).sort(),
  );
});

describe("loadPipelineModule: nothing in the user's folders, bounded time", () => {
  test("the module's folder is unchanged, with or without a cache, and a read-only folder loads", async () => {
    const listing = () => readdirSync(work, { recursive: true }).sort();
    rmSync(cacheDir, { recursive: true, force: true });
    const before = listing();
    expect(await load(false)).toEqual(expected("build", "src"));
    expect(listing()).toEqual(before);
    const outside = mkdtempSync(join(tmpdir(), "hangar-cache-"));
    try {
      chmodSync(work, 0o555);
      expect(await load(outside)).toEqual(expected("build", "src"));
      expect(await load(outside)).toEqual(expected("build", "src"));
    } finally {
      chmodSync(work, 0o755);
      rmSync(outside, { recursive: true, force: true });
    }
    expect(listing()).toEqual(before);
  });

  test.each([
    ['{ code: 42, message: "config missing" }', "thrown: config missing"],
    ["{ code: 42, reasons: [1, 2] }", 'thrown: {"code":42,"reasons":[1,2]}'],
    ['"a string"', "thrown: a string"],
    ["42n", "thrown: 42n"],
    // bounded as an object is
    ['"y".repeat(100_000)', `thrown: ${"y".repeat(199)}…`],
    ['{ message: "z".repeat(100_000) }', `thrown: ${"z".repeat(199)}…`],
    // what JSON cannot write: as util.inspect shows it, on one line
    [
      "(() => { const o: Record<string, unknown> = { code: 1 }; o.self = o; return o; })()",
      "thrown: <ref *1> { code: 1, self: [Circular *1] }",
    ],
    ["{ big: 10n, list: [1n] }", "thrown: { big: 10n, list: [ 1n ] }"],
    // bounded: a long cycle is cut
    [
      "(() => { const o: Record<string, unknown> = { text: 'x'.repeat(300) }; o.self = o; return o; })()",
      `thrown: <ref *1> { text: '${"x".repeat(181)}…`,
    ],
    // control characters, line separators and bidi overrides escaped: one line
    ['"bad\\x1b[31m\\nnext\\u202e"', "thrown: bad\\x1b[31m\\nnext\\u202e"],
    ['{ message: "red\\x1b[31m\\r\\u2028line" }', "thrown: red\\x1b[31m\\r\\u2028line"],
  ])("a module that throws %s, not an Error, is reported with what it threw", async (thrown, message) => {
    writeFileSync(join(work, "throws-value.ts"), `export default () => {\n  throw ${thrown};\n};\n`);
    const error = await loadPipelineModule("throws-value.ts", work, { cacheDir }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`throws-value.ts: ${message}`);
  });

  test("an error in the module names its line in the user's file, from the cache or from memory", async () => {
    writeFileSync(join(work, "lib/fail.ts"), "export function fail(): never {\n  throw new Error('no vault');\n}\n");
    writeFileSync(join(work, "throws.ts"), 'import { fail } from "./lib/fail.ts";\n\nexport default fail();\n');
    for (const dir of [cacheDir, false] as const) {
      await expect(loadPipelineModule("throws.ts", work, { cacheDir: dir })).rejects.toThrow(
        "lib/fail.ts:2:9: Error: no vault",
      );
    }
  });

  test("a module that never settles is reported as such, naming the file", async () => {
    writeFileSync(join(work, "never.ts"), "export default await new Promise(() => {});\n");
    writeFileSync(
      join(work, "slow.ts"),
      "export default async () => new Promise(() => setTimeout(() => {}, 60_000));\n",
    );
    for (const file of ["never.ts", "slow.ts"]) {
      await expect(loadPipelineModule(file, work, { cacheDir, timeoutMs: 300 })).rejects.toThrow(
        `${file}: gave no pipeline within 0.3 s (a promise that never settles, or work that takes longer: see --timeout)`,
      );
    }
  });
});

describe("the script form of a compiled module (what a render runs, stacks not mapped)", () => {
  /** Loads `file` as `hangar render` does (no stack source maps: the script form when there is one). */
  const render = async (file: string) =>
    (await loadModule(file, work, { cacheDir, stackSourceMaps: false, timeoutMs: 5_000 })).pipeline;
  const entryOf = () =>
    JSON.parse(readFileSync(join(cacheDir, readdirSync(cacheDir).find((n) => n.endsWith(".json")) as string), "utf8"));

  test("a module importing only hangar, its own files and Node's builtins runs as a script, as it would as a module", async () => {
    writeFileSync(join(work, "lib/late.ts"), 'export const late = "late";\n');
    writeFileSync(
      join(work, "script.ts"),
      [
        'import { basename } from "node:path";',
        'import { pipeline } from "hangar";',
        'import { jobName } from "./lib/names.ts";',
        'const { late } = await import("./lib/late.ts");',
        // import.meta is the module's own, not its compiled copy's in the cache folder
        `const here = import.meta.url === ${JSON.stringify(pathToFileURL(join(realpathSync(work), "script.ts")).href)} && basename(import.meta.dirname) === ${JSON.stringify(basename(work))};`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "export default async () => pipeline({ jobs: [{ name: `${jobName}-${late}-${here}`, plan: [] }] });",
        "",
      ].join("\n"),
    );
    const asScript = await render("script.ts");
    expect(asScript).toEqual({ jobs: [{ name: "build-late-true", plan: [] }] });
    // compiled once, in the form wanted
    const { script, module } = entryOf();
    expect(script).toMatch(/^[0-9a-f]{32}\.script\.js$/);
    expect(module).toBeUndefined();
    // V8's code of the script, kept once it ran (not at exit: a --watch session renders again and again)
    expect(readdirSync(cacheDir)).toContain(`${script.slice(0, 32)}.code-${process.versions.v8}.bin`);
    const listeners = process.listenerCount("exit");
    // the script is what ran: marked (and its size in the entry), it gives the marked pipeline
    const marked = readFileSync(join(cacheDir, script), "utf8").replace('"build"', '"script"');
    writeFileSync(join(cacheDir, script), marked);
    const entryFile = join(cacheDir, readdirSync(cacheDir).find((n) => n.endsWith(".json")) as string);
    writeFileSync(entryFile, JSON.stringify({ ...entryOf(), sizes: { [script]: Buffer.byteLength(marked) } }));
    expect(await render("script.ts")).toEqual({ jobs: [{ name: "script-late-true", plan: [] }] });
    expect(process.listenerCount("exit")).toBe(listeners);
    // with stacks mapped (the graph, --debug), the ES module runs: compiled then, beside the script form
    expect((await loadModule("script.ts", work, { cacheDir })).pipeline).toEqual({
      jobs: [{ name: "build-late-true", plan: [] }],
    });
    expect(entryOf()).toMatchObject({ script, module: expect.stringMatching(/^[0-9a-f]{32}\.mjs$/) });
  });

  test("a script form cut off (by a full disk, say) is compiled and written again, not run", async () => {
    writeFileSync(join(work, "cut.ts"), 'export default { jobs: [{ name: "whole", plan: [] }] };\n');
    expect(await render("cut.ts")).toEqual({ jobs: [{ name: "whole", plan: [] }] });
    const { script } = entryOf();
    const code = readFileSync(join(cacheDir, script), "utf8");
    for (const cut of [code.slice(0, code.indexOf('"whole"')), code.slice(0, code.indexOf("export"))]) {
      writeFileSync(join(cacheDir, script), cut);
      expect(await render("cut.ts")).toEqual({ jobs: [{ name: "whole", plan: [] }] });
      expect(readFileSync(join(cacheDir, script), "utf8")).toBe(code);
    }
  });

  test("the module's own names never clash with what the runner hands the script", async () => {
    const source = (more: string) =>
      [
        'import { createRequire } from "node:module";',
        "const require = createRequire(import.meta.url);",
        "const __hangarExports = 1;",
        more,
        'const sep: string = require("node:path").sep;',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "export default { jobs: [{ name: `${sep.length}-${__hangarExports}-${typeof meta}`, plan: [] }] };",
        "",
      ].join("\n");
    // `require` and the exports' hand-over are renamed by esbuild: a script
    writeFileSync(join(work, "names.ts"), source("const meta = 0;"));
    expect(await render("names.ts")).toEqual({ jobs: [{ name: "1-1-number", plan: [] }] });
    expect(entryOf().script).toBeDefined();
    // a name of the module spelled as the script's import.meta is not renamed: no script form, the ES module runs
    rmSync(cacheDir, { recursive: true });
    writeFileSync(join(work, "names.ts"), source("const __hangarImportMeta = 2;\nconst meta = __hangarImportMeta;"));
    expect(await render("names.ts")).toEqual({ jobs: [{ name: "1-1-number", plan: [] }] });
    expect(entryOf()).toMatchObject({ scriptless: true });
  });

  test.each([
    ["imports a package", "pipeline.ts", ""],
    ["reads import.meta.resolve", "resolves.ts", 'const where = import.meta.resolve("./lib/names.ts");\n'],
  ])("a module that %s has no script form, and runs as an ES module", async (_, file, extra) => {
    if (file !== "pipeline.ts") {
      writeFileSync(
        join(work, file),
        `${extra}export default { jobs: [{ name: String(where.length > 0), plan: [] }] };\n`,
      );
    }
    const loaded = await render(file);
    expect(entryOf()).toMatchObject({ module: expect.stringMatching(/\.mjs$/), scriptless: true });
    expect(entryOf().script).toBeUndefined();
    expect(loaded.jobs).toHaveLength(1);
    // the next render does not try again: the ES module, from the cache
    expect(await render(file)).toEqual(loaded);
  });

  test("a module that imports a name known only at run time has no script form, and imports it as Node does", async () => {
    writeFileSync(
      join(work, "late.ts"),
      [
        'const name = ["ya", "ml"].join("");',
        "const { isMap } = await import(name);",
        "export default { jobs: [{ name: typeof isMap, plan: [] }] };",
        "",
      ].join("\n"),
    );
    expect(await render("late.ts")).toEqual({ jobs: [{ name: "function", plan: [] }] });
    expect(entryOf()).toMatchObject({ module: expect.stringMatching(/\.mjs$/), scriptless: true });
  });

  test("an error thrown by the module is placed in the user's file, as from the ES module", async () => {
    writeFileSync(
      join(work, "throws.ts"),
      'import { pipeline } from "hangar";\nconst jobs = [];\nthrow new TypeError("no jobs");\nexport default pipeline({ jobs });\n',
    );
    await expect(render("throws.ts")).rejects.toThrow("throws.ts:3:7: TypeError: no jobs");
    expect(entryOf().script).toBeDefined();
  });
});

describe("import.meta in a compiled module: the source file's own, in the module and in a helper it bundles", () => {
  /** What a file beside each source says: which file read it, through which form of import.meta. */
  const besides = (folder: string, who: string) => {
    for (const form of ["url", "dirname", "filename"]) writeFileSync(join(folder, `${form}.txt`), `${who} ${form}`);
  };
  /** A helper in a subfolder: what it read beside itself, its import.meta, a string naming it, and a failure. */
  const helper = [
    'import { readFileSync } from "node:fs";',
    'import { dirname, join } from "node:path";',
    "export const read = [",
    '  readFileSync(new URL("./url.txt", import.meta.url), "utf8"),',
    '  readFileSync(join(import.meta.dirname, "dirname.txt"), "utf8"),',
    '  readFileSync(join(dirname(import.meta.filename), "filename.txt"), "utf8"),',
    "];",
    "export const meta = [import.meta.url, import.meta.dirname, import.meta.filename];",
    'export const literal: string = "import.meta.url";',
    "export function fail(): never {",
    '  throw new Error("helper failed");',
    "}",
    "",
  ].join("\n");
  /** The module: its first line imports a package (no script form: an ES module) or not. */
  const module = (first: string) =>
    [
      first,
      'import { readFileSync } from "node:fs";',
      'import { dirname, join } from "node:path";',
      'import * as helper from "./lib/meta.ts";',
      "const read = [",
      '  readFileSync(new URL("./url.txt", import.meta.url), "utf8"),',
      '  readFileSync(join(import.meta.dirname, "dirname.txt"), "utf8"),',
      '  readFileSync(join(dirname(import.meta.filename), "filename.txt"), "utf8"),',
      "];",
      "const meta = [import.meta.url, import.meta.dirname, import.meta.filename];",
      "const name = JSON.stringify({ read, meta, helper: { ...helper }, parse: typeof parse });",
      'export default { name, pipeline: { jobs: [{ name: "build", plan: [] }] } };',
      "",
    ].join("\n");
  /** What the module reports when its import.meta and its helper's are their own, in `folder`. */
  const own = (folder: string, parse: string) => {
    const real = realpathSync(folder);
    const metaOf = (file: string) => [pathToFileURL(file).href, dirname(file), file];
    return {
      read: ["module url", "module dirname", "module filename"],
      meta: metaOf(join(real, "meta.ts")),
      helper: {
        read: ["helper url", "helper dirname", "helper filename"],
        meta: metaOf(join(real, "lib/meta.ts")),
        literal: "import.meta.url",
      },
      parse,
    };
  };
  const entries = () => readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
  const entryOf = (folder: string) =>
    entries()
      .map((name) => JSON.parse(readFileSync(join(cacheDir, name), "utf8")))
      .find((entry) => entry.entry === join(realpathSync(folder), "meta.ts"));
  /** Loads `meta.ts` of `folder` as a render does (the script form when there is one), or with stacks mapped. */
  const loadMeta = async (folder: string, stackSourceMaps: boolean) =>
    JSON.parse(
      (await loadModule(join(folder, "meta.ts"), work, { cacheDir, stackSourceMaps, timeoutMs: 10_000 })).name ?? "",
    );
  const write = (folder: string, first: string) => {
    mkdirSync(join(folder, "lib"), { recursive: true });
    besides(folder, "module");
    besides(join(folder, "lib"), "helper");
    writeFileSync(join(folder, "lib/meta.ts"), helper);
    writeFileSync(join(folder, "meta.ts"), module(first));
  };

  test.each([
    ["as a script (it imports nothing but builtins)", "const parse = (text: string) => text;", "function", true],
    ["as an ES module (it imports a package)", 'import { parse } from "yaml";', "function", false],
  ])("%s: url, dirname and filename name the source file, and strings stay", async (_, first, parse, script) => {
    write(work, first);
    expect(await loadMeta(work, false)).toEqual(own(work, parse));
    expect(entryOf(work).script !== undefined).toBe(script);
    expect(entryOf(work).scriptless === true).toBe(!script);
    // with stacks mapped, the ES module form; and the same from the cache
    expect(await loadMeta(work, true)).toEqual(own(work, parse));
    expect(await loadMeta(work, false)).toEqual(own(work, parse));
    // the same files in another folder, through the same cache: that folder's own
    const copy = join(work, "copy");
    write(copy, first);
    expect(await loadMeta(copy, false)).toEqual(own(copy, parse));
  });

  test("a module reached through a symbolic link reads its real path, as Node gives it", async () => {
    const real = join(work, "real");
    write(real, "const parse = 0;");
    symlinkSync(real, join(work, "linked"));
    expect(await loadMeta(join(work, "linked"), false)).toEqual(own(real, "number"));
  });

  test("import.meta.resolve resolves a path from the source file (through links, as Node does), a package as before", async () => {
    mkdirSync(join(work, "lib/scripts"));
    writeFileSync(join(work, "lib/scripts/build.sh"), "echo build\n");
    symlinkSync("scripts/build.sh", join(work, "lib/link.sh"));
    writeFileSync(
      join(work, "lib/resolve.ts"),
      [
        "export const resolved = [",
        '  import.meta.resolve("./scripts/build.sh"),',
        '  import.meta.resolve("./link.sh"),',
        '  import.meta.resolve("../lib/missing.txt"),',
        '  import.meta.resolve("node:fs"),',
        '  import.meta.resolve("yaml"),',
        "];",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(work, "resolves.ts"),
      'import { resolved } from "./lib/resolve.ts";\nexport default { name: JSON.stringify(resolved), pipeline: { jobs: [] } };\n',
    );
    const { name } = await loadModule("resolves.ts", work, { cacheDir, stackSourceMaps: false });
    const lib = join(realpathSync(work), "lib");
    expect(JSON.parse(name ?? "")).toEqual([
      pathToFileURL(join(lib, "scripts/build.sh")).href,
      pathToFileURL(join(lib, "scripts/build.sh")).href,
      pathToFileURL(join(lib, "missing.txt")).href,
      "node:fs",
      pathToFileURL(realpathSync(join(repo, "node_modules/yaml/dist/index.js"))).href,
    ]);
  });

  /**
   * A helper package, `lib/pkg`, with a package installed beside it only (`meta-dep`, whose import condition Node
   * takes), and imports of its own (`#here`).
   */
  const writeHelperPackage = () => {
    const pkg = join(work, "lib/pkg");
    const dep = join(pkg, "node_modules/meta-dep");
    mkdirSync(dep, { recursive: true });
    writeFileSync(join(pkg, "package.json"), '{ "type": "module", "imports": { "#here": "./here.js" } }\n');
    writeFileSync(join(pkg, "here.js"), "export {};\n");
    writeFileSync(
      join(dep, "package.json"),
      '{ "name": "meta-dep", "exports": { "import": "./esm.js", "require": "./cjs.cjs" } }\n',
    );
    for (const file of ["esm.js", "cjs.cjs"]) writeFileSync(join(dep, file), "export {};\n");
    return { pkg, dep };
  };

  /** What Node gives `resolved` of the file of `source` in `folder`, run directly (as `name.js`). */
  const resolvedByNode = (folder: string, name: string, source: string) => {
    writeFileSync(join(folder, `${name}.js`), source);
    const url = JSON.stringify(pathToFileURL(join(folder, `${name}.js`)).href);
    const script = `import { resolved } from ${url};\nconsole.log(JSON.stringify(resolved));`;
    const node = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    return JSON.parse(node.stdout);
  };

  test("import.meta.resolve resolves a package (or #name) a helper names from the helper's folder, as Node does", async () => {
    const { pkg, dep } = writeHelperPackage();
    const names = ['"meta-dep"', '"#here"', "`meta-dep`", '"yaml"'];
    const source = `export const resolved = [${names.map((name) => `import.meta.resolve(${name})`).join(", ")}];\n`;
    writeFileSync(join(pkg, "resolve.ts"), source);
    writeFileSync(
      join(work, "resolves.ts"),
      'import { resolved } from "./lib/pkg/resolve.ts";\nexport default { name: JSON.stringify(resolved), pipeline: { jobs: [] } };\n',
    );
    const real = realpathSync(pkg);
    const expected = [
      pathToFileURL(join(real, "node_modules/meta-dep/esm.js")).href,
      pathToFileURL(join(real, "here.js")).href,
      pathToFileURL(join(real, "node_modules/meta-dep/esm.js")).href,
      pathToFileURL(realpathSync(join(repo, "node_modules/yaml/dist/index.js"))).href,
    ];
    for (const dir of [cacheDir, false] as const) {
      const { name } = await loadModule("resolves.ts", work, { cacheDir: dir, stackSourceMaps: false });
      expect(JSON.parse(name ?? "")).toEqual(expected);
    }
    // what Node gives the same file run directly
    expect(resolvedByNode(pkg, "resolve", source)).toEqual(expected);
    // the package's package.json is an input: a change to it compiles again
    writeFileSync(join(dep, "package.json"), '{ "name": "meta-dep", "exports": { "import": "./cjs.cjs" } }\n');
    const { name } = await loadModule("resolves.ts", work, { cacheDir, stackSourceMaps: false });
    expect(JSON.parse(name ?? "")[0]).toBe(pathToFileURL(join(real, "node_modules/meta-dep/cjs.cjs")).href);
  });

  test("import.meta.resolve of a name known only at run time, through import.meta read whole, or of a package not installed, is Node's, from the helper", async () => {
    const { pkg } = writeHelperPackage();
    const calls = [
      'import.meta.resolve(at("meta-dep"))',
      'import.meta.resolve(at("#here"))',
      'meta.resolve("meta-dep")',
      'meta.resolve(at("#here"))',
      'import.meta.resolve("not-installed")',
      'import.meta.resolve(at("not-installed"))',
      'import.meta.resolve("#not-there")',
      'import.meta.resolve(at("node:fs"))',
      'import.meta.resolve(at("path"))',
    ];
    const source = [
      "const at = (name) => name;",
      "const meta = import.meta;",
      "const attempt = (resolve) => {",
      "  try {",
      "    return resolve();",
      "  } catch (error) {",
      '    return error.code + ": " + error.message;',
      "  }",
      "};",
      `export const resolved = [${calls.map((call) => `attempt(() => ${call})`).join(", ")}];`,
      "",
    ].join("\n");
    writeFileSync(join(pkg, "resolve.ts"), source);
    writeFileSync(
      join(work, "resolves.ts"),
      'import { resolved } from "./lib/pkg/resolve.ts";\nexport default { name: JSON.stringify(resolved), pipeline: { jobs: [] } };\n',
    );
    // what Node gives the same file run directly, its errors naming the file as it is
    const expected = resolvedByNode(pkg, "resolve", source).map((resolved: string) =>
      resolved.replaceAll(join(pkg, "resolve.js"), join(pkg, "resolve.ts")),
    );
    const real = realpathSync(pkg);
    expect(expected.slice(0, 5)).toEqual([
      pathToFileURL(join(real, "node_modules/meta-dep/esm.js")).href,
      pathToFileURL(join(real, "here.js")).href,
      pathToFileURL(join(real, "node_modules/meta-dep/esm.js")).href,
      pathToFileURL(join(real, "here.js")).href,
      `ERR_MODULE_NOT_FOUND: Cannot find package 'not-installed' imported from ${join(pkg, "resolve.ts")}`,
    ]);
    for (const dir of [cacheDir, false] as const) {
      const { name } = await loadModule("resolves.ts", work, { cacheDir: dir, stackSourceMaps: false });
      expect(JSON.parse(name ?? "")).toEqual(expected);
    }
  });

  test.each([
    ["lib/where.cts", "export const where = { url: import.meta.url };\n", ".mts"],
    ["lib/where.cjs", "exports.where = { url: import.meta.url };\n", ".mjs"],
  ])(
    "a CommonJS helper (%s) reading import.meta is refused at its place, as Node refuses it",
    async (file, source, rename) => {
      const ext = file.slice(-4);
      writeFileSync(join(work, file), `// a CommonJS file\n${source}`);
      writeFileSync(
        join(work, "uses.ts"),
        `import { where } from "./${file}";\nexport default { name: JSON.stringify(where), pipeline: { jobs: [] } };\n`,
      );
      for (const stackSourceMaps of [false, true]) {
        await expect(loadModule("uses.ts", work, { cacheDir, stackSourceMaps })).rejects.toThrow(
          `${file}:2:${source.indexOf("import.meta") + 1}: Cannot use 'import.meta' outside a module (a ${ext} file is CommonJS, which has no import.meta: rename it to ${rename})`,
        );
      }
      // named in a string or a comment only, it is no reading of import.meta: the file loads
      writeFileSync(join(work, file), `// import.meta\n${source.replace("import.meta.url", '"import.meta.url"')}`);
      const { name } = await loadModule("uses.ts", work, { cacheDir, stackSourceMaps: false });
      expect(JSON.parse(name ?? "")).toEqual({ url: "import.meta.url" });
    },
  );

  test("an error thrown in the helper names the helper's source line (the script form)", async () => {
    write(work, "const parse = 0;");
    writeFileSync(join(work, "fails.ts"), 'import { fail } from "./lib/meta.ts";\n\nexport default fail();\n');
    // (the ES module form, which vitest's own module runner runs here with its own stack mapping, is rendered by the
    // built CLI in test/cli-compile-cache.test.ts)
    await expect(loadModule("fails.ts", work, { cacheDir, stackSourceMaps: false })).rejects.toThrow(
      "lib/meta.ts:11:9: Error: helper failed",
    );
    const [entry] = entries().map((name) => JSON.parse(readFileSync(join(cacheDir, name), "utf8")));
    expect(entry).toMatchObject({ entry: join(realpathSync(work), "fails.ts"), script: expect.any(String) });
  });
});

describe("a CommonJS helper: __filename, __dirname and require as Node gives them", () => {
  /** The module importing `where` from `file`; its first line imports a package (no script form) or not. */
  const module = (file: string, first: string) =>
    `${first}\nimport { where } from "./${file}";\nexport default { name: JSON.stringify(where), pipeline: { jobs: [] } };\n`;
  /** Loads `uses.ts` as a render does (the script form when there is one), or with stacks mapped (the ES module). */
  const loadUses = async (stackSourceMaps: boolean) =>
    JSON.parse((await loadModule("uses.ts", work, { cacheDir, stackSourceMaps })).name ?? "");
  /** Writes `source` at `file` and a package.json without "type" in its folder when `manifest`. */
  const writeHelper = (file: string, source: string, manifest: boolean) => {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    if (manifest) writeFileSync(join(dirname(join(work, file)), "package.json"), '{ "name": "helpers" }\n');
    writeFileSync(join(work, file), source);
  };
  /** What a helper reads as its own `__filename` and `__dirname`: Node's values, its real path and folder. */
  const own = (file: string) => [join(realpathSync(work), file), dirname(join(realpathSync(work), file)), "__dirname"];

  test.each([
    ["lib/where.cts", 'export const where = [__filename, __dirname, "__dirname"];\n', false],
    ["lib/where.cjs", 'exports.where = [__filename, __dirname, "__dirname"];\n', false],
    ["lib/cjs/where.js", 'exports.where = [__filename, __dirname, "__dirname"];\n', true],
    ["lib/cjs/where.ts", 'export const where: string[] = [__filename, __dirname, "__dirname"];\n', true],
  ])("%s reads its own __filename and __dirname, as a script and as an ES module", async (file, source, manifest) => {
    writeHelper(file, source, manifest);
    for (const first of ["const parse = 0;", 'import { parse } from "yaml";']) {
      writeFileSync(join(work, "uses.ts"), module(file, first));
      for (const stackSourceMaps of [false, true]) expect(await loadUses(stackSourceMaps)).toEqual(own(file));
    }
  });

  test("a .js helper of ES module syntax under a package.json with no type reads __filename as this Node loads it", async () => {
    const source = 'export const where = typeof __filename === "string" ? __filename : "none";\n';
    writeHelper("lib/esm/where.js", source, true);
    // what `node` gives a module importing it (Node 20.19, 22.7 and later: an ES module, by its syntax)
    const node = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", 'import { where } from "./lib/esm/where.js"; console.log(JSON.stringify(where));'],
      { cwd: work, encoding: "utf8" },
    );
    // (a Node that does not detect it fails to load it)
    if (node.status !== 0) return;
    // (the script form: vitest's runner, which imports the ES module here, gives any module a __filename; the ES
    // module is run by Node in test/)
    writeFileSync(join(work, "uses.ts"), module("lib/esm/where.js", "const parse = 0;"));
    expect(await loadUses(false)).toEqual(JSON.parse(node.stdout));
    // its code of CommonJS again: its own
    writeHelper("lib/esm/where.js", 'exports.where = typeof __filename === "string" ? __filename : "none";\n', true);
    expect(await loadUses(false)).toBe(join(realpathSync(work), "lib/esm/where.js"));
  });

  test("a cached compile of such a helper is not used by a Node that reads its syntax otherwise", async () => {
    writeHelper(
      "lib/esm/where.js",
      'export const where = typeof __filename === "string" ? __filename : "none";\n',
      true,
    );
    writeFileSync(join(work, "uses.ts"), module("lib/esm/where.js", "const parse = 0;"));
    const options = process.env.NODE_OPTIONS;
    const detect = (flag: string) => {
      process.env.NODE_OPTIONS = `${options ?? ""} ${flag}`;
    };
    try {
      detect("--experimental-detect-module");
      expect(await loadUses(false)).toBe("none");
      // the same files, a Node that does not detect ES module syntax: CommonJS, its own __filename
      detect("--no-experimental-detect-module");
      expect(await loadUses(false)).toBe(join(realpathSync(work), "lib/esm/where.js"));
      detect("--experimental-detect-module");
      expect(await loadUses(false)).toBe("none");
    } finally {
      if (options === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = options;
    }
  });

  test("a package.json's type decides whether a .js or .ts helper is CommonJS; a change to it compiles again", async () => {
    const file = "lib/cjs/deep/where.ts";
    writeHelper(file, 'export const where = typeof __filename === "string" ? __filename : "none";\n', false);
    writeFileSync(join(work, "uses.ts"), module(file, "const parse = 0;"));
    // under the repository's package.json, "type": "module": an ES module, which has no __filename
    expect(await loadUses(false)).toBe("none");
    // a package.json nearer the helper (not in its own folder), with no "type": CommonJS
    writeFileSync(join(work, "lib/cjs/package.json"), '{ "name": "helpers" }\n');
    expect(await loadUses(false)).toBe(join(realpathSync(work), file));
    writeFileSync(join(work, "lib/cjs/package.json"), '{ "name": "helpers", "type": "module" }\n');
    expect(await loadUses(false)).toBe("none");
  });

  /** A package installed beside the helpers only (neither the module's folder nor the cache folder sees it). */
  const installDep = () => {
    const dep = join(work, "lib/node_modules/cjs-dep");
    mkdirSync(dep, { recursive: true });
    writeFileSync(join(dep, "package.json"), '{ "name": "cjs-dep", "main": "index.js" }\n');
    writeFileSync(join(dep, "index.js"), 'exports.name = "index";\n');
    writeFileSync(join(dep, "other.js"), 'exports.name = "other";\n');
    return dep;
  };

  test("a package a helper requires is found from the helper's folder, and a change to it compiles again", async () => {
    const dep = installDep();
    writeHelper(
      "lib/req.cjs",
      [
        'const dep = require("cjs-dep");',
        'const resolved = require.resolve("cjs-dep");',
        "let missing;",
        'try { require("no-such-package"); } catch (error) { missing = error.code; }',
        'exports.where = [dep.name, require("node:path").relative(__dirname, resolved), missing];',
        "",
      ].join("\n"),
      false,
    );
    writeFileSync(join(work, "uses.ts"), module("lib/req.cjs", "const parse = 0;"));
    for (const stackSourceMaps of [false, true]) {
      expect(await loadUses(stackSourceMaps)).toEqual(["index", "node_modules/cjs-dep/index.js", "MODULE_NOT_FOUND"]);
    }
    writeFileSync(join(dep, "package.json"), '{ "name": "cjs-dep", "main": "other.js" }\n');
    // (what require.resolve says of it stays: Node keeps the package.json it read for the rest of the process)
    expect((await loadUses(false))[0]).toBe("other");
  });

  test.each([
    ["lib/dynamic.cjs", "const dep"],
    ["lib/dynamic.cts", "const dep: { name: string }"],
  ])(
    "a name %s requires known only at run time is found from its folder; a literal is still bundled",
    async (file, dep) => {
      installDep();
      // a .cts file, which Node cannot require: bundled
      writeHelper("lib/sibling.cts", 'export const sibling: string = "sibling";\n', false);
      const source = [
        'const name = ["cjs", "dep"].join("-");',
        `${dep} = require(name);`,
        'const { sibling } = require("./sibling.cts");',
        'exports.where = [dep.name, sibling, require(`node:path`).basename("/a/b")];',
        "",
      ].join("\n");
      writeHelper(file, source, false);
      for (const first of ["const parse = 0;", 'import { parse } from "yaml";']) {
        writeFileSync(join(work, "uses.ts"), module(file, first));
        for (const stackSourceMaps of [false, true])
          expect(await loadUses(stackSourceMaps)).toEqual(["index", "sibling", "b"]);
      }
    },
  );

  test("require.resolve in a helper resolves from the helper's folder, as a script and as an ES module", async () => {
    installDep();
    const source = 'exports.where = require.resolve("cjs-dep") + " " + require . resolve("node:fs");\n';
    writeHelper("lib/resolves.cjs", source, false);
    const resolved = `${join(realpathSync(work), "lib/node_modules/cjs-dep/index.js")} node:fs`;
    for (const [first, script] of [
      ["const parse = 0;", true],
      ['import { parse } from "yaml";', false],
    ] as const) {
      writeFileSync(join(work, "uses.ts"), module("lib/resolves.cjs", first));
      expect(await loadUses(false)).toBe(resolved);
      const [entry] = readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
      expect(JSON.parse(readFileSync(join(cacheDir, entry as string), "utf8")).script !== undefined).toBe(script);
      expect(await loadUses(true)).toBe(resolved);
    }
  });
});

describe("an import() or require() of a pattern of files (a template), whose folder is not there", () => {
  /** A module whose pattern imports run only when `plugins/ts/` is there, through a CommonJS helper too. */
  const writeModule = () => {
    writeFileSync(
      join(work, "lib/load.cjs"),
      'exports.load = (name) => require("./cplugins/cjs/" + name + ".cjs").value;\n',
    );
    writeFileSync(
      join(work, "plugins.ts"),
      [
        'import { existsSync } from "node:fs";',
        'import { load } from "./lib/load.cjs";',
        'const name = ["a"].join("");',
        'const here = existsSync(new URL("./plugins/ts", import.meta.url));',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "const value = here ? (await import(`./plugins/ts/${name}.ts`)).value + load(name) : 'none';",
        "export default { name: value, pipeline: { jobs: [] } };",
        "",
      ].join("\n"),
    );
  };
  const nameOf = async (file: string, stackSourceMaps = false) =>
    (await loadModule(file, work, { cacheDir, stackSourceMaps })).name;

  test("loads: the call fails only if it runs, as under Node; the files are bundled in once they are there", async () => {
    writeModule();
    mkdirSync(join(work, "plugins"));
    mkdirSync(join(work, "lib/cplugins"));
    for (const stackSourceMaps of [false, true]) expect(await nameOf("plugins.ts", stackSourceMaps)).toBe("none");
    // (from the cache, until the folders are there; `plugins` and `lib/cplugins` are, and hold no file bundled in)
    mkdirSync(join(work, "plugins/ts"));
    writeFileSync(join(work, "plugins/ts/a.ts"), 'export const value: string = "plugin";\n');
    mkdirSync(join(work, "lib/cplugins/cjs"));
    writeFileSync(join(work, "lib/cplugins/cjs/a.cjs"), 'exports.value = " cjs";\n');
    expect(await nameOf("plugins.ts")).toBe("plugin cjs");
  });
});

describe("an import() or require() of a pattern of files (a template), whose folder is there", () => {
  test("a file added to a folder it reads (one that held none it matches, or one below it), or taken out, is found as under Node", async () => {
    writeFileSync(
      join(work, "lib/load.cjs"),
      'exports.load = (name) => require("./cplugins/" + name + ".cjs").value;\n',
    );
    writeFileSync(
      join(work, "plugins.ts"),
      [
        'import { existsSync } from "node:fs";',
        'import { load } from "./lib/load.cjs";',
        "const here = (path: string) => existsSync(new URL(path, import.meta.url));",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        'const names = ["a", "sub/b"].filter((name) => here(`./plugins/${name}.ts`));',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "const values = await Promise.all(names.map(async (name) => (await import(`./plugins/${name}.ts`)).value));",
        'const cjs = here("./lib/cplugins/c.cjs") ? load("c") : "-";',
        'export default { name: [...values, cjs].join(" "), pipeline: { jobs: [] } };',
        "",
      ].join("\n"),
    );
    const names = async () => {
      const loaded = [];
      for (const stackSourceMaps of [false, true])
        loaded.push((await loadModule("plugins.ts", work, { cacheDir, stackSourceMaps })).name);
      return loaded;
    };
    // the folders are there, and hold no file the patterns match
    mkdirSync(join(work, "plugins/sub"), { recursive: true });
    mkdirSync(join(work, "lib/cplugins"));
    writeFileSync(join(work, "plugins/readme.txt"), "not matched\n");
    expect(await names()).toEqual(["-", "-"]);
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    expect(await names()).toEqual(["A -", "A -"]);
    writeFileSync(join(work, "plugins/sub/b.ts"), 'export const value: string = "B";\n');
    expect(await names()).toEqual(["A B -", "A B -"]);
    writeFileSync(join(work, "lib/cplugins/c.cjs"), 'exports.value = "C";\n');
    expect(await names()).toEqual(["A B C", "A B C"]);
    rmSync(join(work, "plugins/a.ts"));
    expect(await names()).toEqual(["B C", "B C"]);
  });
});

describe("an import() or require() of a pattern of files whose folder holds files Node does not load", () => {
  test("compiles; a file Node loads is imported as under Node, one it does not load fails only when imported", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    // of no extension: JavaScript to Node (an ES module, under the repository's "type": "module")
    writeFileSync(join(work, "plugins/tool"), 'export const value = "tool";\n');
    writeFileSync(join(work, "plugins/.gitkeep"), "");
    writeFileSync(join(work, "plugins/LICENSE"), "MIT License\n");
    writeFileSync(join(work, "plugins/readme.md"), "# plugins\n");
    writeFileSync(join(work, "plugins/notes.txt"), "notes\n");
    mkdirSync(join(work, "lib/cplugins"));
    writeFileSync(join(work, "lib/cplugins/c.cjs"), 'exports.value = "C";\n');
    writeFileSync(join(work, "lib/cplugins/readme.md"), "# plugins\n");
    writeFileSync(join(work, "lib/load.cjs"), 'exports.load = (name) => require("./cplugins/" + name).value;\n');
    /** What loading a module that imports `./plugins/<name>` (or requires `./cplugins/<name>`) gives. */
    const loaded = async (name: string, call: "import" | "require", stackSourceMaps: boolean) => {
      const file = `${call}-${name.replace(/\W/g, "_")}.ts`;
      writeFileSync(
        join(work, file),
        [
          'import { load } from "./lib/load.cjs";',
          // (a name known only at run time: the pattern is the folder's every file)
          `const name = [${JSON.stringify(name)}].join("");`,
          call === "import"
            ? 'const found = String((await import("./plugins/" + name)).value);'
            : "const found = String(load(name));",
          "export default { name: found, pipeline: { jobs: [] } };",
          "",
        ].join("\n"),
      );
      return loadModule(file, work, { cacheDir, stackSourceMaps }).then(
        (definition) => definition.name,
        (error: Error) => error.message,
      );
    };
    /** Node's own error importing `file`. */
    const nodeFails = (file: string) =>
      spawnSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `await import(${JSON.stringify(`./${file}`)}).catch((e) => console.log(\`\${e.name}: \${e.message}\`));`,
        ],
        { cwd: work, encoding: "utf8" },
      ).stdout.trim();
    const real = realpathSync(work);
    for (const stackSourceMaps of [false, true]) {
      expect(await loaded("a.ts", "import", stackSourceMaps)).toBe("A");
      expect(await loaded("tool", "import", stackSourceMaps)).toBe("tool");
      expect(await loaded(".gitkeep", "import", stackSourceMaps)).toBe("undefined");
      for (const file of ["readme.md", "notes.txt"]) {
        const node = nodeFails(`plugins/${file}`);
        expect(node).toBe(`TypeError: Unknown file extension "${extname(file)}" for ${join(real, "plugins", file)}`);
        expect(await loaded(file, "import", stackSourceMaps)).toBe(`import-${file.replace(/\W/g, "_")}.ts: ${node}`);
      }
      // (Node: "SyntaxError: Unexpected identifier 'License'"; esbuild's words, at the place)
      expect(await loaded("LICENSE", "import", stackSourceMaps)).toBe(
        'plugins/LICENSE:1:5: SyntaxError: Expected ";" but found "License"',
      );
      expect(await loaded("c.cjs", "require", stackSourceMaps)).toBe("C");
    }
    // Node's require() runs it as JavaScript, which it is not: Node's error, at the helper's call (the script form: the
    // ES module, imported by vitest's runner here, is loaded by Node in test/cli-compile-cache.test.ts)
    const required = await loaded("readme.md", "require", false);
    expect(underTsx("require-readme_md.ts")).toBe("SyntaxError: Invalid or unexpected token");
    expect(required).toBe(`lib/load.cjs:1:34: ${underTsx("require-readme_md.ts")}`);
  });
});

// a FIFO waits for a writer when read: taken in by a pattern, or named by an import, it held the compile for ever
describe.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)("a FIFO among the files of a module", () => {
  test("one a pattern of files takes in fails only when imported; one an import names fails the compile", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    expect(spawnSync("mkfifo", [join(work, "plugins/feed.ts")]).status).toBe(0);
    const real = realpathSync(work);
    const said = `${join(real, "plugins/feed.ts")} is not a regular file (a FIFO, a socket or a device): hangar does not read it, where Node would wait on it`;
    const pattern = (name: string) =>
      [
        `const name = [${JSON.stringify(name)}].join("");`,
        'const found = String((await import("./plugins/" + name + ".ts")).value);',
        "export default { name: found, pipeline: { jobs: [] } };",
        "",
      ].join("\n");
    const loaded = (file: string) =>
      loadModule(file, work, { cacheDir }).then(
        (definition) => definition.name,
        (error: Error) => error.message,
      );
    writeFileSync(join(work, "a.ts"), pattern("a"));
    expect(await loaded("a.ts")).toBe("A");
    writeFileSync(join(work, "feed.ts"), pattern("feed"));
    expect(await loaded("feed.ts")).toBe(`feed.ts: Error: ${said}`);
    writeFileSync(join(work, "direct.ts"), 'import "./plugins/feed.ts";\nexport default { jobs: [] };\n');
    expect(await loaded("direct.ts")).toBe(`direct.ts:1:8: ${said}`);
  });
});

describe("an import() or require() of a pattern of files: a name it does not match", () => {
  test("an import() gives a rejected promise of Node's error, a require() throws Node's, as under tsx", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    mkdirSync(join(work, "lib/cplugins"));
    writeFileSync(join(work, "lib/cplugins/c.cjs"), 'exports.value = "C";\n');
    writeFileSync(join(work, "lib/load.cjs"), 'exports.load = (name) => require("./cplugins/" + name).value;\n');
    const writeModule = (file: string, found: string) =>
      writeFileSync(
        join(work, file),
        [
          'import { load } from "./lib/load.cjs";',
          'const name = ["b", "ts"].join(".");',
          `const found = ${found};`,
          "export default { name: String(found), pipeline: { jobs: [] } };",
          "",
        ].join("\n"),
      );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the modules' source
    const caught = "(e) => `caught ${e.name} ${e.code}: ${e.message}`";
    writeModule("imports.ts", '(await import("./plugins/" + name)).value');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
    writeModule("template.ts", "(await import(`./plugins/${name}`)).value");
    writeModule("falls-back.ts", `await import("./plugins/" + name).then((m) => m.value, ${caught})`);
    writeModule(
      "at-call.ts",
      'await (() => { try { return import("./plugins/" + name); } catch { return "sync"; } })()',
    );
    writeModule("requires.ts", "load(name)");
    writeModule("requires-caught.ts", `(() => { try { return load(name); } catch (e) { return (${caught})(e); } })()`);
    const real = realpathSync(work);
    const missing = join(real, "plugins/b.ts");
    // (the script form, as a render runs it: the ES module, imported by vitest's runner here, is loaded by Node in
    // test/cli-compile-cache.test.ts)
    const hangar = (file: string) => loaded(file, false);
    const notFound = `Cannot find module '${missing}' imported from ${join(real, "falls-back.ts")}`;
    expect(underTsx("falls-back.ts")).toBe(`caught Error ERR_MODULE_NOT_FOUND: ${notFound}`);
    expect(await hangar("falls-back.ts")).toBe(underTsx("falls-back.ts"));
    // (not "sync": the call gave a promise, which the module awaited)
    expect(await hangar("at-call.ts")).toBe(
      `at-call.ts:3:50: ${underTsx("at-call.ts").replace(/^Error \[\w+\]/, "Error")}`,
    );
    for (const file of ["imports.ts", "template.ts"]) {
      expect(underTsx(file)).toBe(
        `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${missing}' imported from ${join(real, file)}`,
      );
      expect(await hangar(file)).toBe(`${file}:3:29: ${underTsx(file).replace(/^Error \[\w+\]/, "Error")}`);
    }
    const requireStack = `Require stack:\n- ${join(real, "lib/load.cjs")}`;
    expect(underTsx("requires-caught.ts")).toBe(
      `caught Error MODULE_NOT_FOUND: Cannot find module './cplugins/b.ts'\n${requireStack}`,
    );
    expect(await hangar("requires-caught.ts")).toBe(underTsx("requires-caught.ts"));
    expect(await hangar("requires.ts")).toBe(`lib/load.cjs:1:34: ${underTsx("requires.ts").replaceAll("\n", "\\n")}`);
  });
});

describe("an import() of a pattern of files whose folder holds a file that does not compile", () => {
  test("compiles; the file fails only when imported, with its error at its place, as under tsx", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    writeFileSync(join(work, "plugins/broken.ts"), "export const value: string = ;\n");
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: template literals of the modules' source
    writeModule("good.ts", "a", "(await import(`./plugins/${name}.ts`)).value");
    writeModule("broken.ts", "broken", "(await import(`./plugins/${name}.ts`)).value");
    writeModule("caught.ts", "broken", "await import(`./plugins/${name}.ts`).then(() => 'loaded', () => 'caught')");
    writeModule(
      "message.ts",
      "broken",
      "await import(`./plugins/${name}.ts`).then(() => 'loaded', (e) => `${e.name}: ${e.message}`)",
    );
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: template literals of the modules' source
    const real = realpathSync(work);
    expect(underTsx("good.ts")).toBe("A");
    expect(underTsx("caught.ts")).toBe("caught");
    const failure = `Transform failed with 1 error:\n${join(real, "plugins/broken.ts")}:1:29: ERROR: Unexpected ";"`;
    expect(underTsx("broken.ts")).toBe(`TransformError: ${failure}`);
    expect(underTsx("message.ts")).toBe(`TransformError: ${failure}`);
    for (const stackSourceMaps of [false, true]) {
      rmSync(cacheDir, { recursive: true, force: true });
      expect(await loaded("good.ts", stackSourceMaps)).toBe("A");
      expect(await loaded("caught.ts", stackSourceMaps)).toBe("caught");
      // tsx's error, caught; not caught, a load error at its place, as the compile's errors are
      expect(await loaded("message.ts", stackSourceMaps)).toBe(underTsx("message.ts"));
      expect(await loaded("broken.ts", stackSourceMaps)).toBe('plugins/broken.ts:1:30: TransformError: Unexpected ";"');
    }
    // the file fixed: compiled again
    writeFileSync(join(work, "plugins/broken.ts"), 'export const value: string = "fixed";\n');
    expect(await loaded("broken.ts", false)).toBe("fixed");
  });

  test("a file an import names itself still fails the compile, as tsx fails the module", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/broken.ts"), "export const value: string = ;\n");
    writeFileSync(
      join(work, "named.ts"),
      [
        'import { value } from "./plugins/broken.ts";',
        'const name = ["a"].join("");',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "const found = await import(`./plugins/${name}.ts`).catch(() => value);",
        "export default { name: String(found), pipeline: { jobs: [] } };",
        "",
      ].join("\n"),
    );
    await expect(loadModule("named.ts", work, { cacheDir })).rejects.toThrow('plugins/broken.ts:1:30: Unexpected ";"');
  });
});

describe("an import statement of a file Node does not load", () => {
  test("fails the compile at the import, naming the file, as tsx fails the module", async () => {
    writeFileSync(join(work, "lib/styles.css"), "body { color: red; }\n");
    writeFileSync(join(work, "lib/notes.txt"), "notes\n");
    writeFileSync(join(work, "lib/styled.ts"), 'import "./styles.css";\nexport const name: string = "styled";\n');
    const writeModule = (file: string, first: string) =>
      writeFileSync(
        join(work, file),
        [first, 'export default { name: "loaded", pipeline: { jobs: [] } };', ""].join("\n"),
      );
    writeModule("css.ts", 'import "./lib/styles.css";');
    writeModule("text.ts", 'import notes from "./lib/notes.txt";\nconsole.log(notes);');
    writeModule("helper.ts", 'export { name } from "./lib/styled.ts";');
    writeModule("no-extension.ts", 'import "./lib/styles";');
    const real = realpathSync(work);
    const unknown = (ext: string, file: string) =>
      `Unknown file extension "${ext}" for ${join(real, file)} (Node and tsx import no such file: read it with readFileSync)`;
    for (const [file, at, ext, imported] of [
      ["css.ts", "css.ts:1:8", ".css", "lib/styles.css"],
      ["text.ts", "text.ts:1:19", ".txt", "lib/notes.txt"],
      ["helper.ts", "lib/styled.ts:1:8", ".css", "lib/styles.css"],
    ] as const) {
      expect(underTsx(file)).toBe(`TypeError [ERR_UNKNOWN_FILE_EXTENSION]: ${unknown(ext, imported).split(" (")[0]}`);
      expect(await loaded(file, false)).toBe(`${at}: ${unknown(ext, imported)}`);
    }
    // a path of no extension that esbuild would complete to one (tsx does not)
    const notFound = `Cannot find module '${join(real, "lib/styles")}' imported from ${join(real, "no-extension.ts")}`;
    expect(underTsx("no-extension.ts")).toBe(`Error [ERR_MODULE_NOT_FOUND]: ${notFound}`);
    expect(await loaded("no-extension.ts", false)).toBe(`no-extension.ts:1:8: ${notFound}`);
  });
});

describe("an import() of a pattern of files one of whose files has an import statement Node refuses", () => {
  test("compiles; only an import of that file fails, with Node's error, as under tsx", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    writeFileSync(join(work, "notes.md"), "# notes\n");
    writeFileSync(join(work, "plugins/md.ts"), 'import "../notes.md";\nexport const value: string = "md";\n');
    writeFileSync(join(work, "lib/styles.css"), "body { color: red; }\n");
    // a path of no extension esbuild would complete to styles.css (Node does not)
    writeFileSync(join(work, "plugins/bare.ts"), 'import "../lib/styles";\nexport const value: string = "bare";\n');
    // through a helper only such a plugin imports
    writeFileSync(join(work, "lib/styled.ts"), 'import "./styles.css";\nexport const value: string = "styled";\n');
    writeFileSync(join(work, "plugins/styled.ts"), 'export { value } from "../lib/styled.ts";\n');
    const writeModule = (file: string, name: string, catches: boolean) =>
      writeFileSync(
        join(work, file),
        [
          `const name = [${JSON.stringify(name)}].join("");`,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
          "const imported = import(`./plugins/${name}.ts`);",
          catches
            ? // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
              "const found = await imported.then((m) => m.value, (e) => `caught ${e.name} ${e.code}: ${e.message}`);"
            : "const found = (await imported).value;",
          "export default { name: String(found), pipeline: { jobs: [] } };",
          "",
        ].join("\n"),
      );
    const real = realpathSync(work);
    const names = ["a", "md", "bare", "styled"];
    for (const name of names) writeModule(`caught-${name}.ts`, name, true);
    writeModule("md.ts", "md", false);
    // not caught: Node's error, which names no place
    const uncaught = underTsx("md.ts").replace(" [ERR_UNKNOWN_FILE_EXTENSION]", "");
    const caught = names.map((name) => underTsx(`caught-${name}.ts`));
    expect(caught).toEqual([
      "A",
      `caught TypeError ERR_UNKNOWN_FILE_EXTENSION: Unknown file extension ".md" for ${join(real, "notes.md")}`,
      `caught Error ERR_MODULE_NOT_FOUND: Cannot find module '${join(real, "lib/styles")}' imported from ${join(real, "plugins/bare.ts")}`,
      `caught TypeError ERR_UNKNOWN_FILE_EXTENSION: Unknown file extension ".css" for ${join(real, "lib/styles.css")}`,
    ]);
    // as a render runs it (the script form) and as the graph does (the ES module)
    for (const stackSourceMaps of [false, true]) {
      for (const [i, name] of names.entries())
        expect(await loaded(`caught-${name}.ts`, stackSourceMaps)).toBe(caught[i]);
      expect(await loaded("md.ts", stackSourceMaps)).toBe(`md.ts: ${uncaught}`);
    }
  });
});

describe("an import() of a pattern of files one of whose files imports a file that does not compile", () => {
  /** The name the module `file` gives (or its error's message) and the warnings its load gives, through the cache. */
  const loadedWarned = async (file: string, stackSourceMaps: boolean) => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const name = await loadModule(file, work, { cacheDir, stackSourceMaps, warn }).then(
      (definition) => String(definition.name),
      (error: Error) => error.message,
    );
    return { name, warnings };
  };
  /** Writes the module `file`, which gives as its name what it finds importing `plugins/<name>.ts` (`found`). */
  const writeModule = (file: string, name: string, found: string, imports: string[] = []) =>
    writeFileSync(
      join(work, file),
      [
        ...imports,
        `const name = [${JSON.stringify(name)}].join("");`,
        `const found = ${found};`,
        "export default { name: String(found), pipeline: { jobs: [] } };",
        "",
      ].join("\n"),
    );
  // biome-ignore-start lint/suspicious/noTemplateCurlyInString: template literals of the modules' source
  const imported = "(await import(`./plugins/${name}.ts`)).value";
  const caught = "await import(`./plugins/${name}.ts`).then((m) => m.value, (e) => `caught ${e.name}`)";
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: template literals of the modules' source
  beforeEach(() => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    writeFileSync(join(work, "plugins/b.ts"), 'import { value } from "../helper.ts";\nexport { value };\n');
    writeFileSync(join(work, "helper.ts"), "export const value: string = ;\n");
  });

  test("compiles; only an import of a file that imports it fails, with its error at its place, as under tsx", async () => {
    writeModule("good.ts", "a", imported);
    writeModule("broken.ts", "b", imported);
    writeModule("caught.ts", "b", caught);
    const real = realpathSync(work);
    expect(underTsx("good.ts")).toBe("A");
    expect(underTsx("caught.ts")).toBe("caught TransformError");
    expect(underTsx("broken.ts")).toContain(`${join(real, "helper.ts")}:1:29: ERROR: Unexpected ";"`);
    for (const stackSourceMaps of [false, true]) {
      rmSync(cacheDir, { recursive: true, force: true });
      // (no warning that the name imported from the file that stands for helper.ts is always undefined)
      expect(await loadedWarned("good.ts", stackSourceMaps)).toEqual({ name: "A", warnings: [] });
      expect(await loadedWarned("caught.ts", stackSourceMaps)).toEqual({ name: underTsx("caught.ts"), warnings: [] });
      expect((await loadedWarned("broken.ts", stackSourceMaps)).name).toBe(
        'helper.ts:1:30: TransformError: Unexpected ";"',
      );
    }
    // the file fixed: compiled again
    writeFileSync(join(work, "helper.ts"), 'export const value: string = "fixed";\n');
    expect(await loaded("broken.ts", false)).toBe("fixed");
  });

  test("through files that import each other (a cycle), as under tsx", async () => {
    writeFileSync(join(work, "helper.ts"), 'import "./lib/util.ts";\nexport const value: string = "B";\n');
    writeFileSync(join(work, "lib/util.ts"), 'import "../helper.ts";\nexport const other: number = ;\n');
    writeModule("caught.ts", "b", caught);
    writeModule("good.ts", "a", imported);
    expect(underTsx("caught.ts")).toBe("caught TransformError");
    expect(underTsx("good.ts")).toBe("A");
    expect(await loaded("caught.ts", false)).toBe(underTsx("caught.ts"));
    expect(await loaded("good.ts", false)).toBe("A");
  });

  test("a file the module imports, itself or through other files, still fails the compile, as tsx fails the module", async () => {
    writeFileSync(join(work, "lib/mid.ts"), 'export { value } from "../helper.ts";\n');
    writeModule("direct.ts", "a", imported, ['import "./helper.ts";']);
    writeModule("through.ts", "a", imported, ['import "./lib/mid.ts";']);
    // through a cycle of files, one of which the module imports
    writeFileSync(join(work, "lib/util.ts"), 'import "../helper.ts";\nexport const other = 1;\n');
    writeFileSync(join(work, "helper.ts"), 'import "./lib/util.ts";\nexport const value: string = ;\n');
    writeModule("cycle.ts", "a", imported, ['import "./lib/util.ts";']);
    for (const file of ["direct.ts", "through.ts", "cycle.ts"]) {
      expect(underTsx(file)).toContain('ERROR: Unexpected ";"');
      await expect(loadModule(file, work, { cacheDir })).rejects.toThrow('helper.ts:2:30: Unexpected ";"');
    }
  });

  test("an import that names the file without its extension, as .js, or as its folder still fails the compile", async () => {
    writeFileSync(join(work, "lib/mid.ts"), 'export { value } from "../helper.ts";\n');
    writeFileSync(join(work, "lib/index.ts"), "export const value: string = ;\n");
    writeModule("no-extension.ts", "a", imported, ['import "./helper";']);
    writeModule("js.ts", "a", imported, ['import "./helper.js";']);
    writeModule("through.ts", "a", imported, ['import "./lib/mid";']);
    writeModule("folder.ts", "a", imported, ['import "./lib";']);
    for (const [file, broken] of [
      ["no-extension.ts", "helper.ts"],
      ["js.ts", "helper.ts"],
      ["through.ts", "helper.ts"],
      ["folder.ts", "lib/index.ts"],
    ] as const) {
      expect(underTsx(file)).toContain(`${join(realpathSync(work), broken)}:1:29: ERROR: Unexpected ";"`);
      // (not the code that stands for the file, which fails the module when it runs, after the files imported before)
      await expect(loadModule(file, work, { cacheDir })).rejects.toThrow(`${broken}:1:30: Unexpected ";"`);
    }
  });

  test("an import by absolute path, or a require() of a folder its package.json's main leads to the file, still fails the compile", async () => {
    writeModule("absolute.ts", "a", imported, [`import ${JSON.stringify(join(work, "helper.ts"))};`]);
    mkdirSync(join(work, "lib/dep"));
    writeFileSync(join(work, "lib/dep/package.json"), '{ "main": "main.ts" }\n');
    writeFileSync(join(work, "lib/dep/main.ts"), "export const value: string = ;\n");
    writeFileSync(join(work, "lib/load.cjs"), 'module.exports = require("./dep");\n');
    writeModule("folder.ts", "a", imported, ['import "./lib/load.cjs";']);
    for (const [file, broken] of [
      ["absolute.ts", "helper.ts"],
      ["folder.ts", "lib/dep/main.ts"],
    ] as const) {
      expect(underTsx(file)).toContain(`${join(realpathSync(work), broken)}:1:29: ERROR: Unexpected ";"`);
      await expect(loadModule(file, work, { cacheDir })).rejects.toThrow(`${broken}:1:30: Unexpected ";"`);
    }
  });
});

describe("an import of a path found nowhere that may never run", () => {
  test("a file only a pattern of files takes in that imports one compiles, and fails only when imported, as under tsx", async () => {
    mkdirSync(join(work, "plugins"));
    writeFileSync(join(work, "plugins/a.ts"), 'export const value: string = "A";\n');
    writeFileSync(join(work, "plugins/b.ts"), 'import { x } from "../missing.ts";\nexport const value: string = x;\n');
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: template literals of the modules' source
    writeModule("good.ts", "a", "(await import(`./plugins/${name}.ts`)).value");
    writeModule("broken.ts", "b", "(await import(`./plugins/${name}.ts`)).value");
    writeModule(
      "caught.ts",
      "b",
      "await import(`./plugins/${name}.ts`).then(() => 'loaded', (e) => `caught ${e.name} ${e.code}: ${e.message}`)",
    );
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: template literals of the modules' source
    const real = realpathSync(work);
    const notFound = `Cannot find module '${join(real, "missing.ts")}' imported from ${join(real, "plugins/b.ts")}`;
    expect(underTsx("good.ts")).toBe("A");
    expect(underTsx("caught.ts")).toBe(`caught Error ERR_MODULE_NOT_FOUND: ${notFound}`);
    expect(underTsx("broken.ts")).toBe(`Error [ERR_MODULE_NOT_FOUND]: ${notFound}`);
    for (const stackSourceMaps of [false, true]) {
      rmSync(cacheDir, { recursive: true, force: true });
      expect(await loaded("good.ts", stackSourceMaps)).toBe("A");
      expect(await loaded("caught.ts", stackSourceMaps)).toBe(underTsx("caught.ts"));
      expect(await loaded("broken.ts", stackSourceMaps)).toBe(`broken.ts: Error: ${notFound}`);
    }
    // the file written: compiled again, from the cache too
    writeFileSync(join(work, "missing.ts"), 'export const x: string = "B";\n');
    expect(await loaded("broken.ts", false)).toBe("B");
  });

  test("an import() or require() of one compiles, and fails only when it runs, with Node's error naming the file", async () => {
    mkdirSync(join(work, "lib/later"));
    writeFileSync(
      join(work, "lib/load.cjs"),
      [
        "exports.load = () => require('./later/gone.cjs').value;",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the helper's source
        "exports.caught = () => { try { return require('./later/gone.cjs').value; } catch (e) { return `caught ${e.code}: ${e.message}`; } };",
        "",
      ].join("\n"),
    );
    const writeModule = (file: string, found: string) =>
      writeFileSync(
        join(work, file),
        [
          'import { load, caught } from "./lib/load.cjs";',
          "const run = process.env.HANGAR_TEST_NEVER === 'run';",
          `const found = ${found};`,
          "export default { name: String(found), pipeline: { jobs: [] } };",
          "",
        ].join("\n"),
      );
    writeModule("never.ts", 'run ? (await import("./lib/later/gone.ts")).value + load() : "never run"');
    writeModule("imports.ts", '(await import("./lib/later/gone.ts")).value');
    writeModule(
      "import-caught.ts",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
      'await import("./lib/later/gone.ts").then(() => "loaded", (e) => `caught ${e.code}: ${e.message}`)',
    );
    writeModule("requires.ts", "load()");
    writeModule("require-caught.ts", "caught()");
    const real = realpathSync(work);
    const notFound = (file: string) =>
      `Cannot find module '${join(real, "lib/later/gone.ts")}' imported from ${join(real, file)}`;
    const required = `Cannot find module './later/gone.cjs'\nRequire stack:\n- ${join(real, "lib/load.cjs")}`;
    expect(underTsx("never.ts")).toBe("never run");
    expect(underTsx("import-caught.ts")).toBe(`caught ERR_MODULE_NOT_FOUND: ${notFound("import-caught.ts")}`);
    expect(underTsx("imports.ts")).toBe(`Error [ERR_MODULE_NOT_FOUND]: ${notFound("imports.ts")}`);
    expect(underTsx("require-caught.ts")).toBe(`caught MODULE_NOT_FOUND: ${required}`);
    for (const stackSourceMaps of [false, true]) {
      rmSync(cacheDir, { recursive: true, force: true });
      expect(await loaded("never.ts", stackSourceMaps)).toBe("never run");
      expect(await loaded("import-caught.ts", stackSourceMaps)).toBe(underTsx("import-caught.ts"));
      expect(await loaded("imports.ts", stackSourceMaps)).toBe(`imports.ts: Error: ${notFound("imports.ts")}`);
      expect(await loaded("require-caught.ts", stackSourceMaps)).toBe(underTsx("require-caught.ts"));
    }
    // not caught: Node's error at the helper's call (the script form: the ES module, imported by vitest's runner here,
    // is loaded by Node in test/cli-compile-cache.test.ts)
    expect(await loaded("requires.ts", false)).toBe(`lib/load.cjs:1:22: Error: ${required.replaceAll("\n", "\\n")}`);
    // the files written: compiled again, from the cache too
    writeFileSync(join(work, "lib/later/gone.ts"), 'export const value: string = "here";\n');
    expect(await loaded("imports.ts", false)).toBe("here");
  });
});

describe("an import of a folder whose package.json names a main file, beside an index.ts", () => {
  /**
   * What tsx's own command (`tsx -e`) gives for the module `file`, as {@link underTsx} prints it: on Node 20 the import
   * of `tsx` that {@link underTsx} runs fails an ES module's import() of such a folder with a require() cycle.
   */
  const underTsxCommand = (file: string): string =>
    spawnSync(
      process.execPath,
      [
        join(repo, "node_modules/tsx/dist/cli.mjs"),
        "-e",
        [
          `import(${JSON.stringify(`./${file}`)}).then(`,
          "  (m) => console.log(String(m.default.name)),",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the script's source
          "  (e) => console.log(`${e.name}${e.code?.startsWith('ERR_') ? ` [${e.code}]` : ''}: ${e.message}`),",
          ");",
        ].join("\n"),
      ],
      { cwd: work, encoding: "utf8" },
    ).stdout.replace(/\n$/, "");
  beforeEach(() => {
    mkdirSync(join(work, "dep"));
    writeFileSync(
      join(work, "esm.ts"),
      'import { which } from "./dep";\nexport default { name: which, pipeline: { jobs: [] } };\n',
    );
    writeFileSync(
      join(work, "dynamic.ts"),
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        'const found = await import("./dep").then((m) => m.which, (e) => `caught ${e.code}`);',
        "export default { name: found, pipeline: { jobs: [] } };",
        "",
      ].join("\n"),
    );
    // a CommonJS file's import statement is a require(), as tsx compiles it
    writeFileSync(join(work, "helper.cts"), 'import { which } from "./dep";\nexport const found = which;\n');
    writeFileSync(join(work, "load.cjs"), 'exports.found = require("./dep").which;\n');
    writeFileSync(
      join(work, "cjs.ts"),
      [
        'import { found } from "./helper.cts";',
        'import { found as required } from "./load.cjs";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "export default { name: `${found} ${required}`, pipeline: { jobs: [] } };",
        "",
      ].join("\n"),
    );
  });
  const index = () => writeFileSync(join(work, "dep/index.ts"), 'export const which: string = "index";\n');
  const main = () => {
    writeFileSync(join(work, "dep/main.cjs"), 'exports.which = "main";\n');
    writeFileSync(join(work, "dep/package.json"), '{ "main": "main.cjs" }\n');
  };

  /** What hangar gives for each of `files`: as a render runs it (the script form), and as the graph does. */
  const hangarGives = async (files: readonly string[]) => {
    const results: Record<string, string[]> = {};
    for (const file of files) results[file] = [await loaded(file, false), await loaded(file, true)];
    return results;
  };
  const twice = (text: string) => [text, text];

  test("an ES module's import takes the index, a require() the main, as under tsx: the index first, then the main", async () => {
    index();
    expect([underTsxCommand("esm.ts"), underTsxCommand("dynamic.ts")]).toEqual(["index", "index"]);
    expect(await hangarGives(["esm.ts", "dynamic.ts"])).toEqual({
      "esm.ts": twice("index"),
      "dynamic.ts": twice("index"),
    });
    // the package.json written: compiled again, from the cache too
    main();
    expect([underTsxCommand("esm.ts"), underTsxCommand("cjs.ts")]).toEqual(["index", "main main"]);
    expect(await hangarGives(["esm.ts", "dynamic.ts", "cjs.ts"])).toEqual({
      "esm.ts": twice("index"),
      "dynamic.ts": twice("index"),
      "cjs.ts": twice("main main"),
    });
  });

  test("the main first: an ES module's import fails with Node's error until an index is there, a require() takes the main", async () => {
    main();
    const real = realpathSync(work);
    const unsupported = `Directory import '${join(real, "dep")}' is not supported resolving ES modules imported from ${join(real, "esm.ts")}`;
    const hint = 'Did you mean to import "./dep/main.cjs"?';
    expect([underTsxCommand("esm.ts"), underTsxCommand("dynamic.ts")]).toEqual([
      `Error [ERR_UNSUPPORTED_DIR_IMPORT]: ${unsupported}\n${hint}`,
      "caught ERR_UNSUPPORTED_DIR_IMPORT",
    ]);
    expect(await hangarGives(["esm.ts", "dynamic.ts"])).toEqual({
      // an import statement: the compile fails at the import, with Node's error on one line
      "esm.ts": twice(`esm.ts:1:23: ${unsupported} (an ES module's import reads no package.json "main"): ${hint}`),
      "dynamic.ts": twice("caught ERR_UNSUPPORTED_DIR_IMPORT"),
    });
    // the index written (tsx: see the test before): compiled again, from the cache too
    index();
    expect(await hangarGives(["esm.ts", "dynamic.ts", "cjs.ts"])).toEqual({
      "esm.ts": twice("index"),
      "dynamic.ts": twice("index"),
      "cjs.ts": twice("main main"),
    });
  });
});

describe("esbuild's warnings of the user's files", () => {
  /** The warnings loading `file` gives, through the cache (or none: `false`), as a render (or the graph) loads it. */
  const warningsOf = async (file: string, dir: string | false, stackSourceMaps: boolean) => {
    const warnings: string[] = [];
    await loadModule(file, work, { cacheDir: dir, stackSourceMaps, warn: (message) => warnings.push(message) });
    return warnings;
  };

  test("are given at their places, in a file compiled on its own too, from the cache and from memory", async () => {
    writeFileSync(join(work, "lib/names.ts"), "export const other = 1;\nexport type Missing = number;\n");
    writeFileSync(
      join(work, "lib/checks.ts"),
      [
        'import * as names from "./names.ts";',
        "const x: number = Number(names.other);",
        "export const nan = x === NaN;",
        "export const keys = { a: 1, b: 2, a: 3 };",
        "export const missing = names.Missing;",
        "",
      ].join("\n"),
    );
    // the same, read with import.meta: compiled on its own first (its types taken out, its lines printed anew)
    writeFileSync(
      join(work, "lib/meta.ts"),
      [
        'import * as names from "./names.ts";',
        "type Shape = {",
        "  a: number;",
        "};",
        "const x: number = Number(names.other) as number;",
        "export const nan = x === NaN || import.meta.url === '';",
        "export const keys: Shape = { a: 1, b: 2, a: 3 } as Shape;",
        "export const missing = names.Missing;",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(work, "warns.ts"),
      [
        'import * as checks from "./lib/checks.ts";',
        'import * as meta from "./lib/meta.ts";',
        "switch (checks.keys.a) {",
        "  case 1: break;",
        "  case 1: break;",
        "}",
        "export default { jobs: [{ name: String([checks.nan, meta.nan]), plan: [] }] };",
        "",
      ].join("\n"),
    );
    const expected = [
      'lib/checks.ts:3:22: Comparison with NaN using the "===" operator here is always false',
      'lib/checks.ts:4:35: Duplicate key "a" in object literal',
      'lib/checks.ts:5:30: Import "Missing" will always be undefined because there is no matching export in "lib/names.ts"',
      'lib/meta.ts:6:22: Comparison with NaN using the "===" operator here is always false',
      'lib/meta.ts:7:42: Duplicate key "a" in object literal',
      'lib/meta.ts:8:30: Import "Missing" will always be undefined because there is no matching export in "lib/names.ts"',
      "warns.ts:5:3: This case clause will never be evaluated because it duplicates an earlier case clause",
    ];
    // compiled (as a script, then as an ES module), then from the cache; and from memory
    for (const stackSourceMaps of [false, true, false]) {
      expect(await warningsOf("warns.ts", cacheDir, stackSourceMaps)).toEqual(expected);
    }
    expect(await warningsOf("warns.ts", false, true)).toEqual(expected);
  });

  test("what is no mistake in the user's code is not shown", async () => {
    mkdirSync(join(work, "generated"));
    writeFileSync(
      join(work, "quiet.ts"),
      [
        // direct eval (esbuild: "not recommended"), an import() of files not there yet (esbuild: "did not match")
        "export const evaluated = (text: string) => eval(text);",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the module's source
        "export const later = (name: string) => import(`./generated/${name}.ts`);",
        'export default { jobs: [{ name: "quiet", plan: [] }] };',
        "",
      ].join("\n"),
    );
    expect(await warningsOf("quiet.ts", cacheDir, false)).toEqual([]);
  });
});

describe("a package the module imports is not installed", () => {
  const missing =
    "cannot find package 'no-such-package': install it in the module's project (npm install no-such-package)";
  const source = 'import { jobs } from "no-such-package";\nexport default { jobs };\n';

  test("in a project: named for the module, not for its compiled copy in the cache", async () => {
    writeFileSync(join(work, "pipeline.ts"), source);
    await expect(loadPipelineModule("pipeline.ts", work, { cacheDir })).rejects.toThrow(`pipeline.ts: ${missing}`);
  });

  test("outside any project (compiled to a data: URL): hangar itself is such a package", async () => {
    const outside = mkdtempSync(join(tmpdir(), "hangar-outside-"));
    try {
      writeFileSync(join(outside, "p.ts"), 'import { pipeline } from "hangar";\nexport default pipeline({});\n');
      writeFileSync(join(outside, "q.mjs"), source);
      const error = await loadPipelineModule("p.ts", outside, { cacheDir: false }).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        "p.ts: cannot find package 'hangar': install it in the module's project (npm install hangar)",
      );
      await expect(loadPipelineModule("q.mjs", outside)).rejects.toThrow(`q.mjs: ${missing}`);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("loadPipelineModule: what the default export is", () => {
  /** A module building `built` with pipeline(): a job getting `src`, whose type is the object `custom`. */
  const write = (srcType: string, exported: string[]) =>
    writeFileSync(
      join(work, "pipeline.ts"),
      [
        'import { get, pipeline } from "hangar";',
        "const custom = { name: 'custom', type: 'registry-image', source: { repository: 'example/custom' } };",
        `const src = { name: 'src', type: ${srcType}, source: {} };`,
        "const built = pipeline({ jobs: [{ name: 'build', plan: [get(src)] }] });",
        ...exported,
        "",
      ].join("\n"),
    );

  test("a pipeline() result is taken as it is, not built again", async () => {
    write("custom", ["(globalThis as Record<string, unknown>).hangarLoadTestBuilt = built;", "export default built;"]);
    const loaded = await load();
    expect(loaded.resource_types?.map((t) => t.name)).toEqual(["custom"]);
    expect(loaded).toBe((globalThis as Record<string, unknown>).hangarLoadTestBuilt);
  });

  test("a fragment, or a copy of a pipeline() result (which may have changed), is built: its resource types collected", async () => {
    write("'git'", [
      "const own = { name: 'own', type: custom, source: {} };",
      "export default { ...built, resources: [...(built.resources ?? []), own], resource_types: [] };",
    ]);
    const loaded = await load();
    expect(loaded.resource_types?.map((t) => t.name)).toEqual(["custom"]);
    expect(loaded.resources?.map((r) => r.name)).toEqual(["src", "own"]);
  });
});
