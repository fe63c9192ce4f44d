import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Resource } from "../../model/resource.ts";
import { type GithubDeploymentsSource, githubDeploymentsResource } from "../resource-types/github-deployments.ts";

/** Options of {@link githubDeployment}. */
export interface GithubDeploymentOptions {
  /** The resource's name. */
  name: string;
  /** The repository, as `owner/name`. */
  repository: string;
  /** The deployment environment, such as `RC` or `Production`. */
  environment: string;
  /** A token with the `repo_deployments` scope. @default "((github.access_token))" */
  accessToken?: string | undefined;
  /** The API base URL, for GitHub Enterprise. */
  ghHost?: string | null | undefined;
}

const GITHUB_DEPLOYMENT_OPTIONS: OptionKinds<GithubDeploymentOptions> = {
  name: "string",
  repository: "string",
  environment: "string",
  accessToken: "string?",
  ghHost: "string|null?",
};

/**
 * A put-only `github-deployments` resource (never checked) recording deployments to one environment.
 * Its `type` is the {@link githubDeploymentsResource} object.
 * @example githubDeployment({ name: "rc-deployment", repository: "org/app", environment: "RC" })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-deployments
 */
export function githubDeployment(options: Readonly<GithubDeploymentOptions>): Resource<GithubDeploymentsSource> {
  const {
    name,
    repository,
    environment,
    accessToken = "((github.access_token))",
    ghHost,
  } = checkOptions("githubDeployment", options, GITHUB_DEPLOYMENT_OPTIONS);
  return {
    name,
    type: githubDeploymentsResource(),
    icon: "rocket-launch",
    check_every: "never",
    source: { repository, environment, access_token: accessToken, ...(ghHost ? { gh_host: ghHost } : {}) },
  };
}
