import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { toConcourse } from "hangar";
import type { PipelineDefinition } from "hangar/script";
import { describe, expect, test, vi } from "vitest";
import { validateValue } from "../../src/validate/validate-text.ts";
import { stripNulls } from "../../test/helpers/strip-nulls.ts";
import adOptimizationFromCheckout, {
  adOptimizationPipeline,
} from "./applications__google_ads_optimization__ad_optimization_pipeline/pipeline.ts";
import { supersetDeployPipeline } from "./applications__ol_superset_deploy/pipeline.ts";
import { githubDriftPipeline } from "./infrastructure__github_drift__pipeline/pipeline.ts";
import { jupyterhubExtensionsPipeline } from "./infrastructure__jupyterhub__build_jupyterhub_extensions/pipeline.ts";
import { PIPELINES_DIR } from "./lib/checkout.ts";
import { tubularPipeline } from "./open_edx__tubular__tubular/pipeline.ts";

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, "..", "..", "..", "shared", "corpus", "ol-infrastructure");
const corpusPresent = existsSync(corpusDir);

const examples = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(here, entry.name, "pipeline.ts")))
  .map((entry) => entry.name)
  .sort();

/**
 * The pipeline without its empty top-level sections: Concourse reads `resource_types: []` as no
 * resource types, and `pipeline()` leaves empty sections out.
 */
function dropEmptySections(pipeline: unknown): unknown {
  if (pipeline === null || typeof pipeline !== "object" || Array.isArray(pipeline)) return pipeline;
  return Object.fromEntries(
    Object.entries(pipeline).filter(([, section]) => !(Array.isArray(section) && section.length === 0)),
  );
}

/** A rendered pipeline in the form the comparison uses. */
const normalise = (pipeline: unknown): unknown => dropEmptySections(stripNulls(pipeline));

interface CorpusPipeline {
  jobs: { name: string; plan: { task?: string; config?: { run?: { args?: string[] } } }[] }[];
}

/** The script (the last of `run.args`) of task `taskName` in job `jobName` of a corpus pipeline. */
function taskScript(corpus: unknown, jobName: string, taskName: string): string {
  const job = (corpus as CorpusPipeline).jobs.find((j) => j.name === jobName);
  const script = job?.plan.find((step) => step.task === taskName)?.config?.run?.args?.at(-1);
  if (script === undefined) throw new Error(`no script for task ${jobName}/${taskName} in the corpus file`);
  return script;
}

/**
 * The examples whose task scripts are ol-infrastructure's text: they read them from its checkout
 * (their default export is a function) and export a builder taking the scripts. Here the scripts are
 * taken from the corpus file and given to the builder; everything else of the pipeline is the port's.
 */
const scriptedExamples: Readonly<Record<string, (corpus: unknown) => PipelineDefinition>> = {
  applications__google_ads_optimization__ad_optimization_pipeline: (corpus) =>
    adOptimizationPipeline({
      run: taskScript(corpus, "ad-optimization", "ad-optimization-pipeline"),
      handleWarnings: taskScript(corpus, "ad-optimization", "ad-optimization-pipeline-emit-warnings"),
    }),
  applications__ol_superset_deploy: (corpus) =>
    supersetDeployPipeline({
      deploy: taskScript(corpus, "deploy-superset-assets-to-production", "promote-assets-to-production"),
    }),
  infrastructure__github_drift__pipeline: (corpus) =>
    githubDriftPipeline({
      reportDrift: taskScript(corpus, "check-github-estate-drift", "report-github-estate-drift"),
    }),
  infrastructure__jupyterhub__build_jupyterhub_extensions: (corpus) =>
    jupyterhubExtensionsPipeline({ build: (extension) => taskScript(corpus, `build-${extension}`, "run-build") }),
  open_edx__tubular__tubular: (corpus) =>
    tubularPipeline({
      collectRetirees: taskScript(corpus, "deploy-tubular-world", "tubular-process-retired-users-task"),
    }),
};

/** The checkout file each scripted example reads first, named in its error when OL_INFRASTRUCTURE_DIR is unset. */
const firstCheckoutFile: Readonly<Record<string, string>> = {
  applications__google_ads_optimization__ad_optimization_pipeline:
    "applications/google_ads_optimization/run_optimization_pipeline.sh",
  applications__ol_superset_deploy: "applications/ol_superset_deploy.py",
  infrastructure__github_drift__pipeline: "infrastructure/github_drift/pipeline.py",
  infrastructure__jupyterhub__build_jupyterhub_extensions: "infrastructure/jupyterhub/build_jupyterhub_extensions.py",
  open_edx__tubular__tubular: "open_edx/tubular/tubular.py",
};

type ExampleModule = { default: PipelineDefinition | (() => PipelineDefinition) };
const importExample = async (name: string) =>
  (await import(pathToFileURL(join(here, name, "pipeline.ts")).href)) as ExampleModule;
const readCorpus = (name: string) => JSON.parse(readFileSync(join(corpusDir, `${name}.json`), "utf8")) as unknown;

describe.skipIf(!corpusPresent)(
  corpusPresent
    ? "ol-infrastructure examples render like their corpus files"
    : "ol-infrastructure examples (skipped: ../shared/corpus/ol-infrastructure is absent)",
  () => {
    test("every corpus file has an example", () => {
      const corpusNames = readdirSync(corpusDir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.slice(0, -".json".length))
        .sort();
      expect(examples).toEqual(corpusNames);
    });

    test.each(examples)("%s", async (name) => {
      const module = await importExample(name);
      const expected = readCorpus(name);
      const fromCorpusScripts = scriptedExamples[name];
      if (fromCorpusScripts === undefined) {
        expect(typeof module.default).toBe("object");
        expect(normalise(toConcourse((module.default as PipelineDefinition).pipeline))).toEqual(normalise(expected));
      } else {
        expect(typeof module.default).toBe("function");
        expect(normalise(toConcourse(fromCorpusScripts(expected).pipeline))).toEqual(normalise(expected));
      }
    });

    test.each(examples)("%s passes the validator (ulmo: only Concourse's unused-resource error)", async (name) => {
      const module = await importExample(name);
      const fromCorpusScripts = scriptedExamples[name];
      const definition =
        fromCorpusScripts === undefined ? (module.default as PipelineDefinition) : fromCorpusScripts(readCorpus(name));
      const errors = validateValue(toConcourse(definition.pipeline), { file: name })
        .diagnostics.filter((d) => d.severity === "error")
        .map((d) => `${d.ruleId}: ${d.message}`);
      expect(errors).toEqual(
        name === "open_edx__xqwatcher__pipeline_ulmo"
          ? ["resource-unused: resource 'ol-infrastructure-deploy' is not used"]
          : [],
      );
    });

    test("the Google Ads example reads its scripts from the checkout named by OL_INFRASTRUCTURE_DIR", () => {
      const name = "applications__google_ads_optimization__ad_optimization_pipeline";
      const expected = readCorpus(name);
      const checkout = mkdtempSync(join(tmpdir(), "hangar-ol-infrastructure-"));
      const scripts = join(checkout, PIPELINES_DIR, "applications", "google_ads_optimization");
      mkdirSync(scripts, { recursive: true });
      writeFileSync(
        join(scripts, "run_optimization_pipeline.sh"),
        taskScript(expected, "ad-optimization", "ad-optimization-pipeline"),
      );
      writeFileSync(
        join(scripts, "handle_warnings.sh"),
        taskScript(expected, "ad-optimization", "ad-optimization-pipeline-emit-warnings"),
      );
      vi.stubEnv("OL_INFRASTRUCTURE_DIR", checkout);
      try {
        expect(normalise(toConcourse(adOptimizationFromCheckout().pipeline))).toEqual(normalise(expected));
      } finally {
        vi.unstubAllEnvs();
      }
    });
  },
);

test.each(Object.keys(scriptedExamples))(
  "%s, without OL_INFRASTRUCTURE_DIR, fails naming the variable and the file it needs",
  async (name) => {
    const module = await importExample(name);
    vi.stubEnv("OL_INFRASTRUCTURE_DIR", undefined);
    try {
      expect(module.default).toThrow(
        new Error(
          "OL_INFRASTRUCTURE_DIR is not set: set it to a checkout of https://github.com/mitodl/ol-infrastructure, " +
            `whose ${PIPELINES_DIR}/${firstCheckoutFile[name]} holds this pipeline's task scripts`,
        ),
      );
    } finally {
      vi.unstubAllEnvs();
    }
  },
);
