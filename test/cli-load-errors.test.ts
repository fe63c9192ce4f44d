import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";

// How the built CLI reports a JavaScript pipeline module that fails to load: run as a user runs it, since Node's
// own loader (not vitest's) is what rejects the module.

const repo = resolve(import.meta.dirname, "..");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hangar-load-errors-"));
  writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const hangar = (...args: string[]) =>
  spawnSync(process.execPath, [join(repo, "bin/hangar.js"), ...args], { cwd: work, encoding: "utf8" });

test("a syntax error in a .js or .mjs module names its line and column, as in a .ts module", () => {
  writeFileSync(join(work, "pipeline.js"), 'export default {\n  name: "x",,\n};\n');
  writeFileSync(join(work, "tabbed.mjs"), 'export default {\n\tname: "x",,\n};\n');
  for (const [command, file, at] of [
    ["render", "pipeline.js", "2:13"],
    ["validate", "pipeline.js", "2:13"],
    ["render", "tabbed.mjs", "2:12"],
  ] as const) {
    const run = hangar(command, file);
    expect(run.stderr).toMatch(
      new RegExp(`^hangar: ${file.replace(".", "\\.")}:${at}: SyntaxError: Unexpected token ','$`, "m"),
    );
    expect(run.status).toBe(2);
  }
  // the error is in a module it imports: that one is not placed in the module given
  writeFileSync(join(work, "imports.mjs"), 'import bad from "./tabbed.mjs";\nexport default bad;\n');
  expect(hangar("render", "imports.mjs").stderr).toBe("hangar: imports.mjs: SyntaxError: Unexpected token ','\n");
});
