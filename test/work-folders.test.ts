/**
 * Test files that write to a work folder (in test/, so that modules resolve `hangar`, or in the system's temporary
 * folder) make it only when one of their tests runs, and remove it after: a run in which none runs (the corpus absent,
 * Chromium absent, every test left out by `-t`) leaves nothing behind. Checked by running vitest on them with every
 * folder made by `mkdtempSync` recorded (test/helpers/record-mkdtemp.cjs).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { workFolder } from "./helpers/work-folder.ts";

const repo = resolve(import.meta.dirname, "..");
const record = workFolder("record-mkdtemp", { tmp: true });

const FILES = [
  "src/import/corpus.test.ts",
  "src/import/to-typescript.test.ts",
  "src/import/factories-match.test.ts",
  "test/run-if-main.test.ts",
  "test/cli-validation-cache.test.ts",
  "test/factory-arguments-cli.test.ts",
  "src/cli/commands/schema.test.ts",
  "src/cli/commands/graph.test.ts",
  "src/graph/html.browser.test.ts",
  "examples/ol-infrastructure/lib/checkout.test.ts",
  "test/work-folders.test.ts",
];

let runs = 0;
/** The folders a vitest run of `args` made, and those of them still there once it is over. */
function folders(args: readonly string[]): { made: string[]; left: string[] } {
  const file = join(record(), `run-${runs++}`);
  const recorder = JSON.stringify(join(repo, "test/helpers/record-mkdtemp.cjs"));
  const run = spawnSync(process.execPath, [join(repo, "node_modules/vitest/vitest.mjs"), "run", ...args], {
    cwd: repo,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${recorder}`,
      RECORD_MKDTEMP: file,
    },
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const made = existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line !== "")
    : [];
  return { made, left: made.filter((dir) => existsSync(dir)) };
}

test("with every test left out (as when the corpus is absent), no work folder is made", () => {
  expect(folders([...FILES, "-t", "no test has this name"]).made).toEqual([]);
}, 60_000);

test("a test that runs has its file's work folder made, and removed after it", () => {
  const { made, left } = folders(["src/import/to-typescript.test.ts", "-t", "identifiers: camelCase"]);
  expect(made.map((dir) => dir.slice(repo.length).replace(/-[^-]*$/, ""))).toEqual(["/test/.tmp-import-unit"]);
  expect(left).toEqual([]);
}, 60_000);

test("one in the system's temporary folder (workFolder's `tmp`) too", () => {
  const { made, left } = folders(["src/cli/commands/schema.test.ts", "-t", "prints the package's schema.json"]);
  expect(made.map((dir) => dir.slice(tmpdir().length).replace(/-[^-]*$/, ""))).toEqual(["/hangar-schema"]);
  expect(left).toEqual([]);
}, 60_000);
