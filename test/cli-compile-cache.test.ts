import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";

// `hangar render` keeps compiled TypeScript modules (src/cli/compile-cache.ts): what the module's compile depends on
// decides whether the next render compiles again. Needs the built CLI (`node scripts/build.mjs`).

const repo = resolve(import.meta.dirname, "..");
const bin = join(repo, "bin/hangar.js");
let work: string;
beforeEach(() => {
  // with a node_modules of its own, so the cache folder is its own
  work = mkdtempSync(join(repo, "test/.tmp-compile-cache-"));
  mkdirSync(join(work, "node_modules"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const render = (...args: string[]) =>
  spawnSync(process.execPath, [bin, "render", ...args], { cwd: work, encoding: "utf8" });

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
