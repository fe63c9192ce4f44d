import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commonJsAdvice, commonJsNote, isCommonJsLoadError } from "./module-type.ts";

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

  // a package.json above the system's temporary folder would decide otherwise
  const packageJsonAboveTmp = (() => {
    for (let dir = tmpdir(); ; dir = dirname(dir)) {
      if (existsSync(join(dir, "package.json"))) return true;
      if (dirname(dir) === dir) return false;
    }
  })();
  test.skipIf(packageJsonAboveTmp)("no package.json at all", () => {
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
