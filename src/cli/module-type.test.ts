import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commonJsAdvice, commonJsNote, isCommonJsLoadError } from "./module-type.ts";
import { detectsModuleSyntax } from "./node-features.ts";

// Folders outside the repository, whose package.json says type: module.
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "hangar-module-type-"));
  for (const [dir, manifest] of [
    ["esm", { type: "module" }],
    ["cjs", { name: "x" }],
    ["commonjs", { type: "commonjs" }],
    ["broken", undefined],
  ] as const) {
    mkdirSync(join(work, dir, "pipelines"), { recursive: true });
    writeFileSync(join(work, dir, "package.json"), manifest === undefined ? "{ not json" : JSON.stringify(manifest));
  }
  mkdirSync(join(work, "bare"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Whether a package.json above the system's temporary folder decides for the files in it. */
const packageJsonAboveTmp = (): boolean => {
  for (let dir = tmpdir(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return true;
    if (dirname(dir) === dir) return false;
  }
};

describe("commonJsAdvice", () => {
  test.each(["pipelines/p.ts", "pipelines/p.js", "p.mts", "p.mjs"])("esm/%s is an ES module", (file) => {
    expect(commonJsAdvice(file, join(work, "esm"))).toBeUndefined();
  });

  test.each(["p.mjs", "p.mts"])("%s is an ES module whatever package.json says", (file) => {
    expect(commonJsAdvice(file, join(work, "cjs"))).toBeUndefined();
  });

  test.each([
    ["cjs", "pipelines/p.ts"],
    ["commonjs", "pipelines/p.js"],
    ["broken", "p.ts"],
  ])("%s/%s: add type module to the nearest package.json", (dir, file) => {
    expect(commonJsAdvice(file, join(work, dir))).toBe(
      `package.json has no "type": "module", so Node loads ${file} as CommonJS, but hangar pipelines are ES modules: add "type": "module" to it`,
    );
  });

  test("the package.json is named relative to the working directory", () => {
    expect(commonJsAdvice("cjs/pipelines/p.ts", work)).toMatch(/^cjs\/package\.json has no "type": "module"/);
  });

  test.each([
    ["p.cjs", ".mjs"],
    ["p.cts", ".mts"],
  ])("%s: rename it to %s", (file, ext) => {
    expect(commonJsAdvice(file, join(work, "esm"))).toBe(
      `${file} is a CommonJS module, but hangar pipelines are ES modules: rename it to ${ext} and use import instead of require()`,
    );
  });

  test.skipIf(packageJsonAboveTmp())("no package.json at all", () => {
    expect(commonJsAdvice("p.ts", join(work, "bare"))).toBe(
      'p.ts has no package.json above it, so Node loads it as CommonJS, but hangar pipelines are ES modules: add a package.json with "type": "module"',
    );
  });
});

describe("commonJsNote", () => {
  test("none for a .cjs module that loaded: Node runs it as it is", () => {
    expect(commonJsNote("p.cjs", join(work, "esm"))).toBeUndefined();
  });

  test.each([
    ["esm", "p.cts"],
    ["cjs", "pipelines/p.ts"],
  ])("%s/%s: the advice", (dir, file) => {
    expect(commonJsNote(file, join(work, dir))).toBe(commonJsAdvice(file, join(work, dir)));
    expect(commonJsNote(file, join(work, dir))).toMatch(/hangar pipelines are ES modules/);
  });
});

describe("commonJsNote of a .js module that Node loads itself: what this Node does with it", () => {
  /** How `node` (this one) runs the file: as an ES module or as CommonJS (or it fails to), and whether it warns. */
  const nodeRuns = (path: string) => {
    const run = spawnSync(process.execPath, [path], { encoding: "utf8" });
    const as = run.status === 0 ? run.stdout.trim() : "fails";
    return { as, warns: run.stderr.includes("MODULE_TYPELESS_PACKAGE_JSON") };
  };
  const says = 'console.log(typeof module === "undefined" ? "esm" : "cjs");\n';

  test.each([
    ["cjs", "pipelines/esm-syntax.js", `export default { jobs: [] };\n${says}`],
    ["cjs", "pipelines/cjs-syntax.js", `module.exports = { jobs: [] };\n${says}`],
    ["bare", "esm-syntax.js", `export default { jobs: [] };\n${says}`],
    ["bare", "tla.js", `await Promise.resolve();\n${says}`],
  ])("%s/%s", (dir, file, source) => {
    if (dir === "bare" && packageJsonAboveTmp()) return;
    writeFileSync(join(work, dir, file), source);
    const node = nodeRuns(join(work, dir, file));
    // (a module Node fails to load, hangar fails to load too: no note)
    if (node.as === "fails") return;
    const note = commonJsNote(file, join(work, dir));
    if (node.as === "cjs") {
      expect(note).toBe(commonJsAdvice(file, join(work, dir)));
      expect(note).toMatch(/Node loads .* as CommonJS/);
      return;
    }
    expect(node.as).toBe("esm");
    expect(note).toBe(
      dir === "bare"
        ? `${file} has no package.json above it, so Node parses it as CommonJS first and, finding ES module syntax, again as an ES module: add a package.json with "type": "module"`
        : `package.json has no "type", so Node parses ${file} as CommonJS first and, finding ES module syntax, again as an ES module (with a warning): add "type": "module" to it`,
    );
    expect(node.warns).toBe(dir !== "bare");
  });
});

describe("detectsModuleSyntax", () => {
  test.each([
    ["20.18.3", [], false],
    ["20.18.3", ["--experimental-detect-module"], true],
    ["20.19.0", [], true],
    ["21.7.3", [], false],
    ["22.6.0", [], false],
    ["22.7.0", [], true],
    ["24.1.0", [], true],
    ["22.12.0", ["--no-experimental-detect-module"], false],
    ["22.12.0", ["--no-experimental-detect-module", "--experimental-detect-module"], true],
  ] as const)("Node %s %j: %s", (version, options, detects) => {
    expect(detectsModuleSyntax(version, options)).toBe(detects);
  });

  test("this Node, as it runs a .js file of ES module syntax under a package.json with no type", () => {
    writeFileSync(join(work, "cjs/detect.js"), 'export const x = 1;\nconsole.log(typeof module === "undefined");\n');
    const run = spawnSync(process.execPath, [join(work, "cjs/detect.js")], { encoding: "utf8" });
    expect(detectsModuleSyntax()).toBe(run.status === 0 && run.stdout.trim() === "true");
  });
});

describe("isCommonJsLoadError", () => {
  const requireEsm = Object.assign(new Error("require() of ES Module x not supported"), { code: "ERR_REQUIRE_ESM" });
  test.each([
    ["require() of an ES module", requireEsm, true],
    ["import in CommonJS", new SyntaxError("Cannot use import statement outside a module"), true],
    ["export in CommonJS", new SyntaxError("Unexpected token 'export'"), true],
    ["another syntax error", new SyntaxError("Unexpected token ')'"), false],
    ["another error", new TypeError("x is not a function"), false],
    ["not an error", "Cannot use import statement outside a module", false],
  ])("%s: %s", (_name, error, expected) => {
    expect(isCommonJsLoadError(error)).toBe(expected);
  });
});
