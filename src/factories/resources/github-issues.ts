import { checkOptions, type OptionChoices, type OptionKinds } from "../../model/arguments.ts";
import { compact, type Duration } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import { type GithubIssuesSource, githubIssuesResource } from "../resource-types/github-issues.ts";

/** The ways the resource signs in to GitHub. */
const AUTH_METHODS = ["token", "app"] as const;

/** The issues a check tracks. */
const ISSUE_STATES = ["open", "closed"] as const;

/** Options of {@link githubIssues}. */
export interface GithubIssuesOptions {
  /** The resource's name. */
  name: string;
  /** The repository, as `owner/name`. */
  repository: string;
  /** Only issues whose title starts with this text. */
  issuePrefix: string;
  /** `token` uses `accessToken`; `app` uses the three GitHub App options. @default "token" */
  authMethod?: (typeof AUTH_METHODS)[number] | undefined;
  /** The API base URL; `null` or `""` leaves it out (github.com). @default "https://github.mit.edu/api/v3" */
  ghHost?: string | null | undefined;
  /** The token, with `authMethod: "token"`. @default "((github.issues_resource_access_token))" */
  accessToken?: string | undefined;
  /** The GitHub App's id, with `authMethod: "app"`. */
  appId?: string | undefined;
  /** The GitHub App's installation id, with `authMethod: "app"`. */
  appInstallationId?: string | undefined;
  /** The GitHub App's private key, with `authMethod: "app"`. */
  privateSshKey?: string | undefined;
  /** Track `open` or `closed` issues. @default "closed" */
  issueState?: (typeof ISSUE_STATES)[number] | undefined;
  /** Only issues with these labels. */
  labels?: readonly string[] | undefined;
  /** Users assigned to created issues. */
  assignees?: readonly string[] | undefined;
  /** The title of created issues. */
  issueTitleTemplate?: string | undefined;
  /** The body of created issues. */
  issueBodyTemplate?: string | undefined;
  /** Skip issues carrying any of these labels (closing an issue with one abandons a release). */
  skipIfLabeled?: readonly string[] | undefined;
  /** How often to check (`check_every`). @default "60m" */
  pollFrequency?: Duration | undefined;
}

const GITHUB_ISSUES_OPTIONS: OptionKinds<GithubIssuesOptions> = {
  name: "string",
  repository: "string",
  issuePrefix: "string",
  authMethod: "string?",
  ghHost: "string|null?",
  accessToken: "string?",
  appId: "string?",
  appInstallationId: "string?",
  privateSshKey: "string?",
  issueState: "string?",
  labels: "string[]?",
  assignees: "string[]?",
  issueTitleTemplate: "string?",
  issueBodyTemplate: "string?",
  skipIfLabeled: "string[]?",
  pollFrequency: "string?",
};

const GITHUB_ISSUES_CHOICES: OptionChoices<GithubIssuesOptions> = {
  authMethod: AUTH_METHODS,
  issueState: ISSUE_STATES,
};

/**
 * A `github-issues` resource: issues of a repository as versions, or a way to open one from a build.
 * Its `type` is the {@link githubIssuesResource} object; builds may read who started them.
 * @example githubIssues({ name: "deploy-gate", repository: "org/workflow", issuePrefix: "[bot] Deploy" })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-issues
 */
export function githubIssues(options: Readonly<GithubIssuesOptions>): Resource<GithubIssuesSource> {
  const {
    name,
    repository,
    issuePrefix,
    authMethod = "token",
    ghHost = "https://github.mit.edu/api/v3",
    accessToken = "((github.issues_resource_access_token))",
    appId,
    appInstallationId,
    privateSshKey,
    issueState = "closed",
    labels,
    assignees,
    issueTitleTemplate,
    issueBodyTemplate,
    skipIfLabeled,
    pollFrequency = "60m",
  } = checkOptions("githubIssues", options, GITHUB_ISSUES_OPTIONS, GITHUB_ISSUES_CHOICES);
  const source: GithubIssuesSource = compact({
    auth_method: authMethod,
    assignees: assignees && [...assignees],
    issue_body_template: issueBodyTemplate,
    issue_prefix: issuePrefix,
    issue_state: issueState,
    issue_title_template: issueTitleTemplate,
    labels: labels && [...labels],
    repository,
    skip_if_labeled: skipIfLabeled && [...skipIfLabeled],
    gh_host: ghHost || undefined,
    ...(authMethod === "token"
      ? { access_token: accessToken }
      : { app_id: appId, app_installation_id: appInstallationId, private_ssh_key: privateSshKey }),
  });
  return {
    name,
    type: githubIssuesResource(),
    icon: "github",
    check_every: pollFrequency,
    expose_build_created_by: true,
    source,
  };
}
