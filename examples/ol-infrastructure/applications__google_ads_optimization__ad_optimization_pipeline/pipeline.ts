// The Google Ads optimisation pipeline, one instance per course.
//
// Its two task scripts (run_optimization_pipeline.sh and handle_warnings.sh) are ol-infrastructure's:
// they are read from its checkout, named by the environment variable OL_INFRASTRUCTURE_DIR, and are
// not stored here.
//   OL_INFRASTRUCTURE_DIR=../ol-infrastructure npx hangar render <this file>
import { get, notification, pipeline, schedule, slackNotification, type TaskStep, task } from "hangar";
import { type PipelineDefinition, runIfMain } from "hangar/script";
import { isMainModule, PIPELINES_DIR, readCheckoutFile } from "../lib/checkout.ts";
import { dockerhubCachedImage } from "../lib/constants.ts";

/** The courses whose ads are optimised; each is one instance of the pipeline (`--instance-var course_name=<course>`). */
export const COURSES = ["ml", "gen_ai", "sys_think", "sys_eng"];

/** The pipeline's task scripts. */
export interface AdOptimizationScripts {
  /** Runs the optimisation for `COURSE_NAME`, writing its results and warnings to `optimization_pipeline_output`. */
  readonly run: string;
  /** Fails when the run left warnings in its output. */
  readonly handleWarnings: string;
}

const slack = slackNotification({ name: "slack-notification", url: "((google_ads_optimization.slack_url))" });
const daily = schedule({ name: "optimization-schedule", interval: "24h" });

/** A Slack alert about this course's run. */
const alert = (title: string, happened: string, alertType: "errored" | "failed" | "aborted") =>
  notification({
    resource: slack,
    title,
    body: `Google Ads Optimization Pipeline ${happened} for ((course_name)). Check the pipeline logs for details.`,
    alertType,
  });

const vault = (key: string) => `((google_ads_optimization.${key}))`;

const optimise = (script: string): TaskStep =>
  task("ad-optimization-pipeline", {
    attempts: 3,
    config: {
      platform: "linux",
      image_resource: dockerhubCachedImage("mitodl/ad-opt"),
      params: {
        WLSACCESSID: vault("gurobi_wls_access_id"),
        WLSSECRET: vault("gurobi_wls_secret"),
        LICENSEID: vault("gurobi_wls_license_id"),
        GOOGLE_DEVELOPER_TOKEN: vault("google_developer_token"),
        GOOGLE_MANAGER_ACCOUNT: vault("google_manager_account"),
        GOOGLE_ADS_JSON: vault("google_ads_json"),
        CUSTOMER_ID_FOR_COURSES: vault("customer_id_for_courses"),
        COURSE_NAME: "((course_name))",
        SEMRUSH_API_KEY: vault("semrush_api_key"),
        GRAFANA_USERNAME: "((grafana.metrics_write_user))",
        GRAFANA_TOKEN: "((grafana.metrics_write_token))",
        GRAFANA_URL: "((grafana.metrics_url))",
      },
      run: { path: "bash", args: ["-c", script] },
      outputs: [{ name: "optimization_pipeline_output" }],
    },
    on_error: alert("Google Ads Optimization Pipeline Error", "errored", "errored"),
    on_failure: alert("Google Ads Optimization Pipeline Failure", "failed", "failed"),
    on_abort: alert("Google Ads Optimization Pipeline Abort", "aborted", "aborted"),
  });

/** Fails (and alerts) when the optimisation run left warnings in its output. */
const emitWarnings = (script: string): TaskStep =>
  task("ad-optimization-pipeline-emit-warnings", {
    config: {
      inputs: [{ name: "optimization_pipeline_output" }],
      platform: "linux",
      image_resource: dockerhubCachedImage("debian", "12-slim"),
      run: { path: "bash", args: ["-c", script] },
    },
    on_failure: alert("Google Ads Optimization Warnings detected", "emitted warnings", "failed"),
  });

/** The pipeline, running `scripts`. */
export function adOptimizationPipeline(scripts: AdOptimizationScripts): PipelineDefinition {
  return {
    name: "google-ads-optimization",
    pipeline: pipeline({
      resources: [slack, daily],
      jobs: [
        {
          name: "ad-optimization",
          plan: [get(daily, { trigger: true }), optimise(scripts.run), emitWarnings(scripts.handleWarnings)],
        },
      ],
    }),
  };
}

const SCRIPTS = `${PIPELINES_DIR}/applications/google_ads_optimization`;

/** The pipeline with the scripts of the ol-infrastructure checkout named by `OL_INFRASTRUCTURE_DIR`. */
export default function definition(): PipelineDefinition {
  return adOptimizationPipeline({
    run: readCheckoutFile(`${SCRIPTS}/run_optimization_pipeline.sh`),
    handleWarnings: readCheckoutFile(`${SCRIPTS}/handle_warnings.sh`),
  });
}

if (isMainModule(import.meta.url)) await runIfMain(import.meta.url, definition());
