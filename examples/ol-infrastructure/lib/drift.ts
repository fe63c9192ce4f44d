// What the drift checks share: the repository they read and propose changes to, and how they reach GitHub.
import { gitRepo, type ImageResource } from "hangar";
import { dockerhubEcrImageUri, ECR_REGION } from "./constants.ts";

/** The repository the drift pipelines check out and open pull requests against. */
export const GITHUB_REPOSITORY = "mitodl/ol-infrastructure";

/** The checkout of {@link GITHUB_REPOSITORY}. */
export const olInfrastructure = gitRepo({ name: "ol-infrastructure", uri: `https://github.com/${GITHUB_REPOSITORY}` });

/** The ol-infrastructure image, with the drift tooling's dependencies. */
export const OL_INFRASTRUCTURE_IMAGE: ImageResource = {
  type: "registry-image",
  source: { repository: dockerhubEcrImageUri("mitodl/ol-infrastructure"), tag: "latest", aws_region: ECR_REGION },
};

/** The GitHub App that pushes drift branches and opens pull requests, as task params. */
export const DRIFT_PR_APP_PARAMS = {
  GITHUB_APP_ID: "((github.drift_pr_app_id))",
  GITHUB_APP_INSTALLATION_ID: "((github.drift_pr_app_installation_id))",
  GITHUB_APP_PRIVATE_KEY: "((github.drift_pr_app_pem))",
};
