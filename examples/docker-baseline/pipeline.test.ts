import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { toConcourse } from "../../src/index.ts";
import { stripNulls } from "../../test/helpers/strip-nulls.ts";
import definition from "./pipeline.ts";

const repo = resolve(import.meta.dirname, "../..");
const corpusFile = resolve(repo, "../shared/corpus/ol-infrastructure/infrastructure__docker_baseline__pipeline.json");
const hasCorpus = existsSync(corpusFile);

describe("docker-baseline example", () => {
  test("names its pipeline and target like the original script", () => {
    expect(definition.name).toBe("packer-docker-baseline");
    expect(definition.target).toBe("pr-inf");
  });

  if (!hasCorpus) console.warn(`skipped: corpus comparison (${corpusFile} not found)`);

  test.skipIf(!hasCorpus)("renders equal to the Python original's definition.json", () => {
    const expected = stripNulls(JSON.parse(readFileSync(corpusFile, "utf8")));
    expect(toConcourse(definition.pipeline)).toEqual(expected);
  });

  test.skipIf(!hasCorpus)("`hangar render` writes it and prints the fly command last", () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-docker-baseline-"));
    const out = join(dir, "definition.json");
    const run = spawnSync(
      process.execPath,
      [join(repo, "bin/hangar.js"), "render", "examples/docker-baseline/pipeline.ts", "-o", out],
      { cwd: repo, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      `fly -t pr-inf set-pipeline -p packer-docker-baseline -c ${out}`,
    );
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(stripNulls(JSON.parse(readFileSync(corpusFile, "utf8"))));
  });

  test("run as a script, it writes definition.json in the working directory and prints the fly command", () => {
    const dir = mkdtempSync(join(tmpdir(), "hangar-docker-baseline-script-"));
    const run = spawnSync(join(repo, "node_modules/.bin/tsx"), [join(repo, "examples/docker-baseline/pipeline.ts")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("fly -t pr-inf set-pipeline -p packer-docker-baseline -c definition.json\n");
    expect(JSON.parse(readFileSync(join(dir, "definition.json"), "utf8"))).toEqual(toConcourse(definition.pipeline));
  });
});
