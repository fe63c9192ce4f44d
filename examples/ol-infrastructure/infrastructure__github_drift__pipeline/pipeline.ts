// The nightly GitHub estate drift check: compares the committed repository data of ol-infrastructure
// with live GitHub and proposes the report as a pull request when it changed.
//
// The task's shell script is ol-infrastructure's: it is read from its checkout (the two commands
// defined in src/ol_concourse/pipelines/infrastructure/github_drift/pipeline.py), named by the
// environment variable OL_INFRASTRUCTURE_DIR, and is not stored here.
//   OL_INFRASTRUCTURE_DIR=../ol-infrastructure npx hangar render <this file>
import { pipeline, schedule } from "hangar";
import { type PipelineDefinition, runIfMain } from "hangar/script";
import { isMainModule, PIPELINES_DIR, pythonStringAfter, readCheckoutFile } from "../lib/checkout.ts";
import { driftJob, GITHUB_REPOSITORY, olInfrastructure } from "../lib/drift.ts";

const REPORT_DIR = "docs/generated";
const REPORT = `${REPORT_DIR}/github-drift-report.md`;
const BRANCH = "github-estate-drift";

/** The pipeline's task script. */
export interface GithubDriftScripts {
  /**
   * Run in the parent directory of the ol-infrastructure checkout: writes the drift report, then
   * opens or updates the pull request on the drift branch when the report changed.
   */
  readonly reportDrift: string;
}

const nightly = schedule({ name: "nightly-schedule", interval: "24h", start: "02:00", stop: "03:00" });

/** The pipeline, running `scripts`. */
export function githubDriftPipeline(scripts: GithubDriftScripts): PipelineDefinition {
  const check = driftJob({
    name: "check-github-estate-drift",
    schedule: nightly,
    taskName: "report-github-estate-drift",
    script: scripts.reportDrift,
  });
  return {
    name: "github-estate-drift",
    target: "pr-inf",
    pipeline: pipeline({ resources: [nightly, olInfrastructure], jobs: [check] }),
  };
}

const SOURCE = `${PIPELINES_DIR}/infrastructure/github_drift/pipeline.py`;

/** The pipeline with the script of the ol-infrastructure checkout named by `OL_INFRASTRUCTURE_DIR`. */
export default function definition(): PipelineDefinition {
  const source = readCheckoutFile(SOURCE);
  // The commands' f-string fields, filled in with this pipeline's values.
  const values = {
    "REPORT_PATH.rsplit('/', 1)[0]": REPORT_DIR,
    REPORT_PATH: REPORT,
    DRIFT_BRANCH: BRANCH,
    GITHUB_REPOSITORY,
  };
  const command = (name: string) => pythonStringAfter(source, `${name} =`, { values, file: SOURCE });
  return githubDriftPipeline({ reportDrift: command("DRIFT_REPORT_COMMAND") + command("OPEN_PR_COMMAND") });
}

if (isMainModule(import.meta.url)) await runIfMain(import.meta.url, definition());
