// Whole-process wall time of rendering the 31 ol-infrastructure examples: one `hangar render ...
// --out-dir` call beside 31 separate `hangar render` calls, runs alternated, compile cache warm.
//
// Five examples read their task scripts from a checkout of ol-infrastructure (their default export is
// a function reading OL_INFRASTRUCTURE_DIR). As examples/ol-infrastructure/corpus.test.ts does, they are
// rendered through their builders with the scripts taken from the corpus files: a small wrapper module
// per example, written to a scratch folder inside the repository (so that `hangar` resolves) and removed
// afterwards. Both sides render the same 31 entries.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";

/** The script (the last of `run.args`) of task `taskName` in job `jobName` of a corpus pipeline. */
function taskScript(corpus, jobName, taskName) {
  const job = corpus.jobs.find((j) => j.name === jobName);
  const script = job?.plan.find((step) => step.task === taskName)?.config?.run?.args?.at(-1);
  if (script === undefined) throw new Error(`no script for task ${jobName}/${taskName} in the corpus file`);
  return script;
}

/** For each example that reads a checkout: its builder's export name and the builder's argument (as TS source). */
const scripted = {
  applications__google_ads_optimization__ad_optimization_pipeline: (c) => [
    "adOptimizationPipeline",
    JSON.stringify({
      run: taskScript(c, "ad-optimization", "ad-optimization-pipeline"),
      handleWarnings: taskScript(c, "ad-optimization", "ad-optimization-pipeline-emit-warnings"),
    }),
  ],
  applications__ol_superset_deploy: (c) => [
    "supersetDeployPipeline",
    JSON.stringify({
      deploy: taskScript(c, "deploy-superset-assets-to-production", "promote-assets-to-production"),
    }),
  ],
  infrastructure__github_drift__pipeline: (c) => [
    "githubDriftPipeline",
    JSON.stringify({ reportDrift: taskScript(c, "check-github-estate-drift", "report-github-estate-drift") }),
  ],
  infrastructure__jupyterhub__build_jupyterhub_extensions: (c) => {
    const scripts = Object.fromEntries(
      c.jobs
        .filter((job) => job.name.startsWith("build-"))
        .map((job) => [job.name.slice("build-".length), taskScript(c, job.name, "run-build")]),
    );
    return [
      "jupyterhubExtensionsPipeline",
      `{ build: (extension: string) => (${JSON.stringify(scripts)} as Record<string, string>)[extension] ?? "" }`,
    ];
  },
  open_edx__tubular__tubular: (c) => [
    "tubularPipeline",
    JSON.stringify({
      collectRetirees: taskScript(c, "deploy-tubular-world", "tubular-process-retired-users-task"),
    }),
  ],
};

function wall(args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  // exit 1 is a validation finding: the ulmo example keeps an unused resource of the original (on both sides)
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`node ${args.join(" ")} exited with ${result.status}:\n${result.stderr}`);
  return seconds;
}

/**
 * Times the batch and the separate calls, `runs` times each after one warm-up of each (which also
 * fills the compile cache). Returns undefined when the examples or the corpus are absent.
 */
export function measureBatch({ repo, runs = 3 }) {
  const examplesDir = join(repo, "examples/ol-infrastructure");
  const corpusDir = join(repo, "..", "shared", "corpus", "ol-infrastructure");
  if (!existsSync(examplesDir) || !existsSync(corpusDir)) return undefined;
  const scratch = mkdtempSync(join(repo, "test/.tmp-bench-batch-"));
  try {
    const entries = [];
    for (const name of readdirSync(examplesDir).sort()) {
      const module = join(examplesDir, name, "pipeline.ts");
      if (!existsSync(module)) continue;
      const builder = scripted[name];
      if (builder === undefined) {
        entries.push(relative(repo, module));
        continue;
      }
      const [exported, argument] = builder(JSON.parse(readFileSync(join(corpusDir, `${name}.json`), "utf8")));
      const wrapper = join(scratch, `${name}.ts`);
      const from = relative(scratch, module).replaceAll("\\", "/");
      writeFileSync(wrapper, `import { ${exported} } from "./${from}";\nexport default ${exported}(${argument});\n`);
      entries.push(relative(repo, wrapper));
    }
    const out = join(scratch, "out");
    const batchArgs = ["bin/hangar.js", "render", ...entries, "--out-dir", out];
    const single = (entry) => ["bin/hangar.js", "render", entry, "-o", join(scratch, "single.json")];
    const samples = { batch: [], separate: [] };
    for (let i = 0; i < runs + 1; i++) {
      const batch = wall(batchArgs, repo);
      const separate = entries.reduce((sum, entry) => sum + wall(single(entry), repo), 0);
      if (i > 0) {
        samples.batch.push(batch);
        samples.separate.push(separate);
      }
    }
    return { entries: entries.length, samples };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
