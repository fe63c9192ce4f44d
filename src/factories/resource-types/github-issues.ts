import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `github-issues` resource: which issues of a repository it watches, and how it authenticates.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-issues
 */
export interface GithubIssuesSource extends Params {
  /** The repository, as `owner/name`. */
  repository: string;
  /** `token` (with `access_token`) or `app` (with the three GitHub App fields). */
  auth_method?: "token" | "app";
  /** A token allowed to read and write the repository's issues. */
  access_token?: string;
  /** The GitHub App's id. */
  app_id?: string;
  /** The installation id of the GitHub App in the repository's organisation. */
  app_installation_id?: string;
  /** The GitHub App's private key. */
  private_ssh_key?: string;
  /** The API base URL, for GitHub Enterprise. */
  gh_host?: string;
  /** Only issues whose title starts with this text are versions. */
  issue_prefix?: string;
  /** Track `open` or `closed` issues. */
  issue_state?: "open" | "closed";
  /** Only issues with these labels (and labels given to issues it creates). */
  labels?: string[];
  /** Users assigned to the issues it creates. */
  assignees?: string[];
  /** The title of created issues; build metadata such as `{BUILD_JOB_NAME}` is substituted. */
  issue_title_template?: string;
  /** The Markdown body of created issues, with the same substitutions. */
  issue_body_template?: string;
  /** Ignore issues carrying any of these labels. */
  skip_if_labeled?: string[];
}

/**
 * Params of a `put` to a `github-issues` resource, which opens an issue.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-issues
 */
export interface GithubIssuesPutParams extends Params {
  /** Labels to put on the new issue. */
  labels?: string[];
  /** Users to assign to the new issue. */
  assignees?: string[];
  /** A file whose content becomes the issue's body, replacing the template. */
  body_file?: string;
}

/**
 * The `github-issues` resource type (`mitodl/concourse-github-issues-resource`).
 * @example pipeline({ resource_types: [githubIssuesResource()], resources: [githubIssues({ ... })], jobs })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-issues
 */
export const githubIssuesResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("github-issues", "mitodl/concourse-github-issues-resource");
