// What the drift checks share: the repository they read and propose changes to, and how they reach GitHub.
import { gitRepo } from "hangar";

export { OL_INFRASTRUCTURE_IMAGE } from "./ol-infrastructure-image.ts";

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
