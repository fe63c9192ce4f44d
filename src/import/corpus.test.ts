/**
 * Imports every real-world pipeline of the shared corpus (../shared/corpus/pipelines, and the 31 JSON
 * pipelines ol-infrastructure's Python generates in ../shared/corpus/ol-infrastructure; public
 * third-party files read at test time, never copied here) and checks the three promises of `hangar import`:
 *
 * - the generated module renders to the data Concourse reads from the input: hangar's parser (YAML 1.1,
 *   merge keys, go-yaml's scalars) on the input, without the top-level keys Concourse ignores, against the
 *   parser on the module's rendered JSON. hangar's renderer writes no `null` in a field of the model (Concourse
 *   reads a null field of its structs as absent) and keeps one inside a payload (`source`, `params`: a param `~` is
 *   an empty variable); the few files with a `null` in a field of the model are compared without their nulls and
 *   listed in `NULLS`, so any other difference fails;
 * - the same holds with `--split`: by group for a pipeline with groups, else one job per module (a
 *   pipeline the split refuses is written whole, which is checked too);
 * - every module, split ones included, type-checks, in one strict `tsc` run over all of them with
 *   `hangar` mapped to src/index.ts;
 * - every module is formatted: `biome format` would change nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { stripNulls } from "../../test/helpers/strip-nulls.ts";
import { typeCheck } from "../../test/helpers/type-check.ts";
import { workFolder } from "../../test/helpers/work-folder.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { renderJson } from "../render/render.ts";
import { sameData } from "../walk/plain-data.ts";
import { importPipeline } from "./to-typescript.ts";

const repo = resolve(import.meta.dirname, "../..");
const dirs = [resolve(repo, "../shared/corpus/pipelines"), resolve(repo, "../shared/corpus/ol-infrastructure")];
const present = dirs.every((dir) => existsSync(dir));

/** Files with a `null` in a field of the model, which hangar's renderer leaves out (they are equal without nulls). */
const NULLS = new Set([
  "alphagov__paas-cf__concourse__pipelines__create-cloudfoundry.yml", // task config `inputs: ~`
  "cloud-gov__terraform-provision__ci__pipeline.yml", // task config `params: ~`
  "cloudfoundry__cf-for-k8s__ci__pipelines__cf-for-k8s-experimental.yml", // `resource_types:` with no value
  "greenplum-db__gpbackup__ci__regression__regression_pipeline.yml", // `resource: ~` in a get
  "applications__google_ads_optimization__ad_optimization_pipeline.json", // the Python writes None as null
  "infrastructure__cloud_custodian__pipeline.json",
  "infrastructure__github_drift__pipeline.json",
  "infrastructure__iam_drift__pipeline.json",
  "open_edx__tubular__tubular.json",
]);

const PIPELINE_KEYS = ["jobs", "resources", "resource_types", "prototypes", "var_sources", "groups", "display"];

/** The data Concourse reads from a corpus file: hangar's parser on it, without the top-level keys Concourse ignores. */
function concourseData(text: string): Record<string, unknown> {
  const input = parsePipeline(text).pipeline as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(input).filter(([k]) => PIPELINE_KEYS.includes(k)));
}

/** Whether a generated module (its path) renders to `expected`, nulls aside for the files in `NULLS`. */
async function rendersTo(name: string, module: string, expected: unknown): Promise<boolean> {
  const loaded = (await import(module)) as { default: Pipeline | { pipeline: Pipeline } };
  const pipeline = "pipeline" in loaded.default ? loaded.default.pipeline : loaded.default;
  const back = parsePipeline(renderJson(pipeline)).pipeline;
  return NULLS.has(name) ? sameData(stripNulls(back), stripNulls(expected)) : sameData(back, expected);
}

describe.skipIf(!present)(
  present
    ? "hangar import over the corpus"
    : "hangar import over the corpus (skipped: ../shared/corpus/pipelines or ol-infrastructure is absent)",
  () => {
    const work = workFolder("import-corpus");
    const files = present
      ? dirs.flatMap((dir) =>
          readdirSync(dir)
            .filter((f) => /\.(ya?ml|json)$/.test(f))
            .sort()
            .map((f) => ({ name: f, path: join(dir, f) })),
        )
      : [];
    const modules: { name: string; module: string; text: string }[] = [];
    /** The modules written by `--split`, every pipeline's in a folder of its own. */
    const splitModules: string[] = [];
    const stem = (name: string) => name.replace(/\.[a-z]+$/, "").replace(/[^A-Za-z0-9_]/g, "_");

    test("every file imports, with every comment carried over but those inside keys Concourse ignores", () => {
      const failed: string[] = [];
      for (const { name, path } of files) {
        const text = readFileSync(path, "utf8");
        const result = importPipeline(text, { file: name });
        if (!result.ok) {
          failed.push(`${name}: ${result.diagnostics[0]?.message}`);
          continue;
        }
        expect(result.stats.commentsLost, name).toBe(0);
        const module = join(work(), `${stem(name)}.ts`);
        writeFileSync(module, result.modules[0]?.code ?? "");
        modules.push({ name, module, text });
      }
      expect(failed).toEqual([]);
      expect(modules.length).toBe(files.length);
    }, 120_000);

    test("every module renders to the data Concourse reads from its input", async () => {
      const differ: string[] = [];
      for (const { name, module, text } of modules) {
        if (!(await rendersTo(name, module, concourseData(text)))) differ.push(name);
      }
      expect(differ).toEqual([]);
      expect(modules.length).toBeGreaterThan(0);
    }, 120_000);

    test("with --split (by group, else one job per module), every pipeline renders to the same data", async () => {
      const differ: string[] = [];
      const unsplit: string[] = [];
      let split = 0;
      for (const { name, text } of modules) {
        const data = concourseData(text);
        const byGroup = Array.isArray(data.groups) && data.groups.length > 0;
        const result = importPipeline(text, { file: name, split: byGroup ? { by: "group" } : { jobsPerModule: 1 } });
        if (!result.ok) {
          differ.push(`${name}: ${result.diagnostics[0]?.message}`);
          continue;
        }
        expect(result.stats.commentsLost, name).toBe(0);
        const dir = join(work(), "split", stem(name));
        mkdirSync(dir, { recursive: true });
        for (const m of result.modules) {
          writeFileSync(join(dir, m.file), m.code);
          splitModules.push(join(dir, m.file));
        }
        if (result.modules.length > 1) split++;
        else {
          // written whole: said so, and with one job per module only when pipeline() would not give it back
          const why = result.notes.find((n) => n.startsWith("not split: "));
          expect(why, name).toBeDefined();
          const jobs = Array.isArray(data.jobs) ? data.jobs.length : 0;
          if (!byGroup && jobs > 1) unsplit.push(`${name}: ${why}`);
        }
        if (!(await rendersTo(name, join(dir, "pipeline.ts"), data))) differ.push(name);
      }
      expect(differ).toEqual([]);
      expect(unsplit.filter((line) => !line.includes("not split: pipeline() would not give it back"))).toEqual([]);
      expect(split).toBeGreaterThan(modules.length / 2);
    }, 240_000);

    test("every module type-checks (one strict tsc run) and is formatted (biome format changes nothing)", () => {
      const tsc = typeCheck(work(), ["*.ts", "split/**/*.ts"]);
      expect(tsc.output).toBe("");
      expect(tsc.status).toBe(0);
      const biome = spawnSync(
        join(repo, "node_modules/.bin/biome"),
        ["format", "--vcs-use-ignore-file=false", ...modules.map((m) => m.module), ...splitModules],
        { encoding: "utf8", cwd: repo },
      );
      expect(biome.status, biome.stdout + biome.stderr).toBe(0);
    }, 120_000);
  },
);
