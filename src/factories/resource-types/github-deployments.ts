import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `github-deployments` resource: the repository and environment deployments are recorded for.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-deployments
 */
export interface GithubDeploymentsSource extends Params {
  /** The repository, as `owner/name`. */
  repository: string;
  /** The deployment environment, such as `RC` or `Production`. */
  environment: string;
  /** A token with the `repo_deployments` scope. */
  access_token: string;
  /** The API base URL, for GitHub Enterprise. */
  gh_host?: string;
}

/**
 * Params of a `put` to a `github-deployments` resource: start a deployment, or finish one.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-deployments
 */
export interface GithubDeploymentsPutParams extends Params {
  /** `start` creates a deployment; `finish` gives an existing one its final status. */
  action: "start" | "finish";
  /** start: the ref (branch, tag or SHA) being deployed. */
  ref?: string;
  /** finish: path of the `deployment.json` fetched by a `get` of the resource. */
  deployment_file?: string;
  /** finish: the final status: `success`, `failure`, `error` or `inactive`. */
  state?: "success" | "failure" | "error" | "inactive";
  /** A description shown on GitHub. */
  description?: string;
  /** The URL of the deployed environment. */
  environment_url?: string;
  /** start: let GitHub merge the default branch into `ref` first. */
  auto_merge?: boolean;
  /** start: status checks that must pass (`[]` skips all of them). */
  required_contexts?: string[];
  /** Mark the environment's older deployments inactive. */
  auto_inactive?: boolean;
}

/**
 * The `github-deployments` resource type (`mitodl/concourse-github-deployments-resource`).
 * @example pipeline({ resource_types: [githubDeploymentsResource()], resources: [githubDeployment({ ... })], jobs })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-deployments
 */
export const githubDeploymentsResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("github-deployments", "mitodl/concourse-github-deployments-resource");
