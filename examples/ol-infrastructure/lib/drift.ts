// What the drift checks share: the repository they read and propose changes to, and how they reach GitHub.
import { get, gitRepo, type Job, type Params, type Resource, task } from "hangar";
import { OL_INFRASTRUCTURE_IMAGE } from "./ol-infrastructure-image.ts";

/** The repository the drift pipelines check out and open pull requests against. */
export const GITHUB_REPOSITORY = "mitodl/ol-infrastructure";

/** The checkout of {@link GITHUB_REPOSITORY}. */
export const olInfrastructure = gitRepo({ name: "ol-infrastructure", uri: `https://github.com/${GITHUB_REPOSITORY}` });

/** The GitHub App that pushes drift branches and opens pull requests, as task params. */
export const DRIFT_PR_APP_PARAMS = {
  GITHUB_APP_ID: "((github.drift_pr_app_id))",
  GITHUB_APP_INSTALLATION_ID: "((github.drift_pr_app_installation_id))",
  GITHUB_APP_PRIVATE_KEY: "((github.drift_pr_app_pem))",
};

/** Options of {@link driftJob}. */
export interface DriftJobOptions {
  /** The job's name. */
  name: string;
  /** The schedule that triggers the check. */
  schedule: Resource;
  /** The task's name. */
  taskName: string;
  /** The shell script, run as root in the ol-infrastructure image, next to the checkout. */
  script: string;
  /** Task params besides the GitHub App's ({@link DRIFT_PR_APP_PARAMS}), which come last. @default {} */
  params?: Params;
}

/**
 * A drift check: on `schedule`, run `script` over the ol-infrastructure checkout with the GitHub App
 * that proposes the changes it finds as a pull request.
 * @example driftJob({ name: "check-drift", schedule: nightly, taskName: "report-drift", script: "make drift" })
 */
export function driftJob({ name, schedule, taskName, script, params = {} }: Readonly<DriftJobOptions>): Job {
  return {
    name,
    plan: [
      get(schedule, { trigger: true }),
      get(olInfrastructure, { trigger: false }),
      task(taskName, {
        config: {
          platform: "linux",
          image_resource: OL_INFRASTRUCTURE_IMAGE,
          inputs: [{ name: olInfrastructure.name }],
          params: { ...params, ...DRIFT_PR_APP_PARAMS },
          run: { user: "root", path: "sh", args: ["-exc", script] },
        },
      }),
    ],
  };
}
