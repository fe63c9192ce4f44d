import { checkOptions, type OptionChoices, type OptionKinds } from "../../model/arguments.ts";
import type { Duration, Params } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";

/**
 * Source of a `github-release` resource.
 * @see https://github.com/concourse/github-release-resource#source-configuration
 */
export interface GithubReleaseSource extends Params {
  /** The repository's owner (user or organisation). */
  owner: string;
  /** The repository's name. */
  repository: string;
  /** A token, to raise the API rate limit or reach private repositories. */
  access_token?: string;
  /** Track final releases. */
  release?: boolean;
  /** Track pre-releases. */
  pre_release?: boolean;
  /** Track draft releases. */
  drafts?: boolean;
  /** Only tags matching this regular expression (its first group is the version). */
  tag_filter?: string;
  /** Order releases by `version` (semver of the tag) or by creation `time`. */
  order_by?: "version" | "time";
  /** The API base URL, for GitHub Enterprise. */
  github_api_url?: string;
}

/**
 * Params of a `get` from a `github-release` resource.
 * @see https://github.com/concourse/github-release-resource#in-fetch-a-release
 */
export interface GithubReleaseGetParams extends Params {
  /** Release asset globs to download. */
  globs?: string[];
  /** Also download the source tarball. */
  include_source_tarball?: boolean;
  /** Also download the source zip. */
  include_source_zip?: boolean;
}

/** The orders the resource lists releases in. */
const ORDER_BY = ["time", "version"] as const;

/** Options of {@link githubRelease}. */
export interface GithubReleaseOptions {
  /** The resource's name. */
  name: string;
  /** The repository's owner. */
  owner: string;
  /** The repository's name. */
  repository: string;
  /** A token for the API rate limit; `""` leaves it out. @default "((github.public_repo_access_token))" */
  githubToken?: string | undefined;
  /** Only tags matching this regular expression. */
  tagFilter?: string | undefined;
  /** Order by `time` or `version`. */
  orderBy?: (typeof ORDER_BY)[number] | undefined;
  /** How often to check (`check_every`). @default "24h" */
  checkFrequency?: Duration | "never" | undefined;
}

const GITHUB_RELEASE_OPTIONS: OptionKinds<GithubReleaseOptions> = {
  name: "string",
  owner: "string",
  repository: "string",
  githubToken: "string?",
  tagFilter: "string?",
  orderBy: "string?",
  checkFrequency: "string?",
};

const GITHUB_RELEASE_CHOICES: OptionChoices<GithubReleaseOptions> = { orderBy: ORDER_BY };

/**
 * A `github-release` resource tracking the final releases of a repository, checked daily.
 * @example githubRelease({ name: "vector-release", owner: "vectordotdev", repository: "vector", githubToken: "" })
 * @see https://github.com/concourse/github-release-resource
 */
export function githubRelease(options: Readonly<GithubReleaseOptions>): Resource<GithubReleaseSource> {
  const {
    name,
    owner,
    repository,
    githubToken = "((github.public_repo_access_token))",
    tagFilter,
    orderBy,
    checkFrequency = "24h",
  } = checkOptions("githubRelease", options, GITHUB_RELEASE_OPTIONS, GITHUB_RELEASE_CHOICES);
  return {
    name,
    type: "github-release",
    icon: "github",
    check_every: checkFrequency,
    source: {
      repository,
      owner,
      release: true,
      ...(tagFilter ? { tag_filter: tagFilter } : {}),
      ...(githubToken ? { access_token: githubToken } : {}),
      ...(orderBy ? { order_by: orderBy } : {}),
    },
  };
}
