import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

/** What runs right after each esbuild build has read the files, before the cache keeps anything. */
const afterBuild = vi.hoisted(() => ({ run: undefined as (() => unknown) | undefined }));

vi.mock("esbuild", async (importOriginal) => {
  const esbuild = await importOriginal<typeof import("esbuild")>();
  const build = async (options: Parameters<typeof esbuild.build>[0]) => {
    const result = await esbuild.build(options);
    const run = afterBuild.run;
    afterBuild.run = undefined;
    await run?.();
    return result;
  };
  return { ...esbuild, build, default: { ...esbuild, build } };
});

/**
 * A file system clock that does not move for the files in `paths`: their stat gives `tick` as both their
 * modification and change times, as a coarse clock gives every change within one of its ticks.
 */
const coarse = vi.hoisted(() => ({
  paths: new Set<string>(),
  tick: 0,
  of<S extends { mtimeMs: number; ctimeMs: number }>(path: unknown, stats: S): S {
    return coarse.paths.has(String(path))
      ? Object.assign(stats, { mtimeMs: coarse.tick, ctimeMs: coarse.tick })
      : stats;
  },
}));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const statSync = ((path: string, options?: object) =>
    coarse.of(path, fs.statSync(path, options))) as typeof fs.statSync;
  return { ...fs, statSync, default: { ...fs, statSync } };
});

vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const open = async (path: string, ...rest: []) => {
    const handle = await fs.open(path, ...rest);
    const stat = handle.stat.bind(handle);
    return Object.assign(handle, { stat: async () => coarse.of(path, await stat()) });
  };
  return { ...fs, open, default: { ...fs, open } };
});

const { compileModule } = await import("./compile-cache.ts");

const repo = resolve(import.meta.dirname, "../..");
let work: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-compile-"));
  cacheDir = join(work, "cache");
  writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "v1";\n');
  writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "./lib.ts";\nexport default { branch: BRANCH };\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The code the cache gives for app.ts, in the form asked for. */
async function compiled(wanted: "module" | "script"): Promise<string> {
  const { url, script } = await compileModule(join(work, "app.ts"), "app.ts", work, cacheDir, "bundled", wanted);
  return script !== undefined ? readFileSync(script, "utf8") : readFileSync(new URL(url), "utf8");
}

test.each(["module", "script"] as const)(
  "a file saved while the %s compiles is compiled again by the next run, not taken as current",
  async (wanted) => {
    // the save lands after esbuild has read lib.ts (the old code is compiled) and before the entry is kept
    afterBuild.run = () => writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "v2-x";\n');
    expect(await compiled(wanted)).toContain('"v1"');
    expect(readFileSync(join(work, "lib.ts"), "utf8")).toContain("v2-x");
    const next = await compiled(wanted);
    expect(next).toContain('"v2-x"');
    expect(next).not.toContain('"v1"');
    // and that is kept: a third run is a hit with the new code
    expect(await compiled(wanted)).toContain('"v2-x"');
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".json"))).toHaveLength(1);
  },
);

describe("a file system clock that moves in ticks", () => {
  /** lib.ts's stamp in the entry: its change time as kept. */
  const keptChangeTime = () => {
    const [entry] = readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
    const { inputs } = JSON.parse(readFileSync(join(cacheDir, entry as string), "utf8")) as { inputs: unknown[][] };
    return inputs.find(([path]) => path === join(work, "lib.ts"))?.[4];
  };
  /** The run `after` ms after the tick of lib.ts's last change, the clock not moving meanwhile. */
  const runAt = (tick: number, after: number) => {
    coarse.paths.add(join(work, "lib.ts"));
    coarse.tick = tick;
    vi.useFakeTimers({ toFake: ["Date"], now: tick + after });
  };
  afterEach(() => {
    coarse.paths.clear();
    vi.useRealTimers();
  });
  const fine = 1_700_000_000_123.456;
  const seconds = 1_700_000_000_000;

  test.each([
    ["of fine ticks", fine, 1],
    ["of whole seconds", seconds, 1_500],
  ])(
    "a file written again in place, to the same size, in the tick its build read it (a clock %s), compiles again",
    async (_, tick, after) => {
      runAt(tick, after);
      // the same size, the same times (the clock has not moved), the same inode: only its content tells
      afterBuild.run = () => writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "v2";\n');
      expect(await compiled("module")).toContain('"v1"');
      expect(keptChangeTime()).toBe(-1);
      const next = await compiled("module");
      expect(next).toContain('"v2"');
      expect(next).not.toContain('"v1"');
    },
  );

  test.each([
    ["of fine ticks", fine, 60],
    ["of whole seconds", seconds, 2_000],
  ])(
    "a file last changed a tick before its build (a clock %s) keeps its change time: the next run only stats it",
    async (_, tick, after) => {
      runAt(tick, after);
      expect(await compiled("module")).toContain('"v1"');
      expect(keptChangeTime()).toBe(tick);
    },
  );
});

describe("two runs of one module at once", () => {
  test("the form one compiles while the other compiles the other form stays, named by the entry", async () => {
    const app = join(work, "app.ts");
    let other: Awaited<ReturnType<typeof compileModule>> | undefined;
    // the script form's run has read no entry and built; meanwhile another run compiles and keeps the ES module
    afterBuild.run = async () => {
      other = await compileModule(app, "app.ts", work, cacheDir, "bundled", "module");
    };
    const script = await compileModule(app, "app.ts", work, cacheDir, "bundled", "script");
    expect(script.script).toBeDefined();
    expect(other?.cached).toBe(false);
    // the ES module the other run is about to import is still there, and both forms are now hits
    expect(existsSync(new URL(other?.url as string))).toBe(true);
    expect(existsSync(script.script as string)).toBe(true);
    expect((await compileModule(app, "app.ts", work, cacheDir, "bundled", "module")).cached).toBe(true);
    expect((await compileModule(app, "app.ts", work, cacheDir, "bundled", "script")).cached).toBe(true);
  });

  test("a compiled file just found by one run is not removed by another that compiled a newer version", async () => {
    const app = join(work, "app.ts");
    await compileModule(app, "app.ts", work, cacheDir, "bundled", "module");
    // written long ago, and found again by a run that is about to import it
    const past = new Date(Date.now() - 3_600_000);
    for (const name of readdirSync(cacheDir)) utimesSync(join(cacheDir, name), past, past);
    const found = await compileModule(app, "app.ts", work, cacheDir, "bundled", "module");
    expect(found.cached).toBe(true);
    // another run, after a save, compiles the new version and cleans up
    writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "v3";\n');
    const newer = await compileModule(app, "app.ts", work, cacheDir, "bundled", "module");
    expect(newer.cached).toBe(false);
    expect(readFileSync(new URL(found.url), "utf8")).toContain('"v1"');
  });
});

describe("what decides how an import resolves is part of the entry", () => {
  /** What app.ts gives through the cache: its default export's `branch`. */
  const branch = async (module = "app.ts") => {
    const { url } = await compileModule(join(work, module), module, work, cacheDir, "bundled", "module");
    // each compile is a file of its own (its content's hash): a fresh import
    return ((await import(url)) as { default: { branch: string } }).default.branch;
  };

  test("a module beside the one an import without extension found, that now wins, is compiled in", async () => {
    rmSync(join(work, "lib.ts"));
    writeFileSync(join(work, "lib.js"), 'export const BRANCH = "from-js";\n');
    writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "./lib";\nexport default { branch: BRANCH };\n');
    expect(await branch()).toBe("from-js");
    writeFileSync(join(work, "lib.ts"), 'export const BRANCH = "from-ts";\n');
    expect(await branch()).toBe("from-ts");
  });

  test("a symbolic link to the module, repointed, gives the module it now points to", async () => {
    mkdirSync(join(work, "envs"));
    for (const env of ["prod", "staging"]) {
      writeFileSync(join(work, `envs/${env}.ts`), `export default { branch: "${env}" };\n`);
    }
    symlinkSync("envs/prod.ts", join(work, "current.ts"));
    expect(await branch("current.ts")).toBe("prod");
    rmSync(join(work, "current.ts"));
    symlinkSync("envs/staging.ts", join(work, "current.ts"));
    expect(await branch("current.ts")).toBe("staging");
  });

  test("a tsconfig whose paths now map an import elsewhere", async () => {
    mkdirSync(join(work, "a"));
    mkdirSync(join(work, "b"));
    writeFileSync(join(work, "a/v.js"), 'export const BRANCH = "A";\n');
    writeFileSync(join(work, "b/v.js"), 'export const BRANCH = "B";\n');
    writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "@v";\nexport default { branch: BRANCH };\n');
    const tsconfig = (to: string) =>
      writeFileSync(
        join(work, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@v": [to] } } }),
      );
    tsconfig("a/v.js");
    expect(await branch()).toBe("A");
    tsconfig("b/v.js");
    expect(await branch()).toBe("B");
  });

  describe("a config the module's tsconfig extends, changed alone", () => {
    /** app.ts imports `@v`, which `paths` in the config at `file` maps to a/v.js or b/v.js. */
    beforeEach(() => {
      mkdirSync(join(work, "a"));
      mkdirSync(join(work, "b"));
      writeFileSync(join(work, "a/v.js"), 'export const BRANCH = "A";\n');
      writeFileSync(join(work, "b/v.js"), 'export const BRANCH = "B";\n');
      writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "@v";\nexport default { branch: BRANCH };\n');
    });
    const mapTo = (file: string, to: string) => {
      mkdirSync(join(file, ".."), { recursive: true });
      // baseUrl is the work folder: paths in a base config are relative to the base config's own folder
      const baseUrl = relative(join(file, ".."), work) || ".";
      writeFileSync(
        file,
        `// the base\n{ "compilerOptions": { "baseUrl": "${baseUrl}", "paths": { "@v": ["${to}"] }, }, }\n`,
      );
    };

    test.each([
      // tsconfig.json -> configs/middle.json -> configs/base.json
      ["through a chain of relative paths, .json left out", "./configs/middle", "configs/base.json"],
      ["a package's config in node_modules", "@acme/tsconfig/node.json", "node_modules/@acme/tsconfig/node.json"],
      ["a package named alone: its tsconfig.json", "@acme/tsconfig", "node_modules/@acme/tsconfig/tsconfig.json"],
    ])("%s", async (_, extendsName, base) => {
      writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: extendsName }));
      if (extendsName === "./configs/middle") {
        mkdirSync(join(work, "configs"));
        writeFileSync(join(work, "configs/middle.json"), JSON.stringify({ extends: "./base" }));
      }
      mapTo(join(work, base), "a/v.js");
      expect(await branch()).toBe("A");
      mapTo(join(work, base), "b/v.js");
      expect(await branch()).toBe("B");
    });

    test("a package's config found through its exports, in a list of configs (TypeScript 5)", async () => {
      const pkg = join(work, "node_modules/@acme/configs");
      mkdirSync(join(pkg, "dist"), { recursive: true });
      writeFileSync(
        join(pkg, "package.json"),
        JSON.stringify({ name: "@acme/configs", exports: { "./*.json": { require: "./dist/*.json" } } }),
      );
      writeFileSync(join(work, "other.json"), JSON.stringify({ compilerOptions: { jsx: "react" } }));
      writeFileSync(
        join(work, "tsconfig.json"),
        JSON.stringify({ extends: ["./other.json", "@acme/configs/node.json"] }),
      );
      mapTo(join(pkg, "dist/node.json"), "a/v.js");
      expect(await branch()).toBe("A");
      mapTo(join(pkg, "dist/node.json"), "b/v.js");
      expect(await branch()).toBe("B");
    });

    test("a cycle of configs is a load error, and the module compiles once it is broken", async () => {
      writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: "./one.json" }));
      writeFileSync(join(work, "one.json"), JSON.stringify({ extends: "./two.json" }));
      const two = (bases: string[], to: string) =>
        writeFileSync(
          join(work, "two.json"),
          JSON.stringify({ extends: bases, compilerOptions: { baseUrl: ".", paths: { "@v": [to] } } }),
        );
      two(["./one.json", "./tsconfig.json"], "a/v.js");
      await expect(branch()).rejects.toThrow('two.json:1:13: Base config file "./one.json" forms cycle');
      two([], "b/v.js");
      expect(await branch()).toBe("B");
    });

    test("how a class compiles: useDefineForClassFields in a base config", async () => {
      writeFileSync(
        join(work, "app.ts"),
        [
          "class Base { set branch(value: string) { seen.push(value); } }",
          'class Job extends Base { branch = "field"; }',
          "const seen: string[] = [];",
          "new Job();",
          'export default { branch: seen.length === 1 ? "setter" : "defined" };',
          "",
        ].join("\n"),
      );
      writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: "./base.json" }));
      const base = (define: boolean) =>
        writeFileSync(
          join(work, "base.json"),
          JSON.stringify({ compilerOptions: { useDefineForClassFields: define } }),
        );
      base(true);
      expect(await branch()).toBe("defined");
      base(false);
      expect(await branch()).toBe("setter");
    });
  });

  test("a package upgraded: its package.json names another main file", async () => {
    const dep = join(work, "node_modules/dep");
    mkdirSync(dep, { recursive: true });
    writeFileSync(join(dep, "v1.js"), 'export const BRANCH = "dep-1";\n');
    writeFileSync(join(dep, "v2.js"), 'export const BRANCH = "dep-2";\n');
    const manifest = (version: number) =>
      writeFileSync(
        join(dep, "package.json"),
        JSON.stringify({ name: "dep", version: `${version}.0.0`, type: "module", main: `v${version}.js` }),
      );
    writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "dep";\nexport default { branch: BRANCH };\n');
    manifest(1);
    expect(await branch()).toBe("dep-1");
    manifest(2);
    expect(await branch()).toBe("dep-2");
  });

  test("a folder a helper requires: its package.json names another main file", async () => {
    mkdirSync(join(work, "dep"));
    writeFileSync(join(work, "dep/v1.cjs"), 'exports.BRANCH = "main-1";\n');
    writeFileSync(join(work, "dep/v2.cjs"), 'exports.BRANCH = "main-2";\n');
    // (written in place, of the same size: the folder lists the same names)
    const manifest = (version: number) =>
      writeFileSync(join(work, "dep/package.json"), JSON.stringify({ main: `v${version}.cjs` }));
    writeFileSync(join(work, "load.cjs"), 'module.exports = require("./dep");\n');
    writeFileSync(join(work, "app.ts"), 'import { BRANCH } from "./load.cjs";\nexport default { branch: BRANCH };\n');
    manifest(1);
    expect(await branch()).toBe("main-1");
    manifest(2);
    expect(await branch()).toBe("main-2");
  });

  test("a render written beside the module (an output file replaced) is still a hit", async () => {
    writeFileSync(join(work, "definition.json"), "{}");
    await branch();
    writeFileSync(join(work, ".definition.json.x1.tmp"), "{");
    rmSync(join(work, "definition.json"));
    renameSync(join(work, ".definition.json.x1.tmp"), join(work, "definition.json"));
    expect((await compileModule(join(work, "app.ts"), "app.ts", work, cacheDir, "bundled", "module")).cached).toBe(
      true,
    );
  });
});
