import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { compact, type Duration, type Params } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import { posixPath } from "./posix-path.ts";

/**
 * Source of a `git` resource.
 * @see https://github.com/concourse/git-resource#source-configuration
 */
export interface GitSource extends Params {
  /** The repository's URI (HTTPS or SSH). */
  uri: string;
  /** The branch to track. */
  branch?: string;
  /** Only commits touching these paths (globs) are new versions. */
  paths?: string[];
  /** Commits touching only these paths are not new versions. */
  ignore_paths?: string[];
  /** SSH private key for an SSH `uri`. */
  private_key?: string;
  /** Username for an HTTPS `uri`. */
  username?: string;
  /** Password or token for an HTTPS `uri`. */
  password?: string;
  /** Fetch the repository's tags too. */
  fetch_tags?: boolean;
  /** Only commits with a tag matching this glob are new versions. */
  tag_filter?: string;
  /** Only commits with a tag matching this regular expression are new versions. */
  tag_regex?: string;
  /** How many versions (commits) a check returns at most. */
  version_depth?: number;
  /** Skip TLS verification of an HTTPS `uri`. */
  skip_ssl_verification?: boolean;
  /** Name of the committer for commits the resource makes. */
  git_user?: string;
  /** Only commits whose message matches one of these regular expressions are new versions. */
  commit_filter?: { include?: string[]; exclude?: string[] };
}

/**
 * Params of a `get` from a `git` resource.
 * @see https://github.com/concourse/git-resource#in-clone-the-repository-at-the-given-ref
 */
export interface GitGetParams extends Params {
  /** Clone depth (shallow clone). */
  depth?: number;
  /** Initialise submodules: `all`, `none`, or a list of paths. */
  submodules?: "all" | "none" | string[];
  /** Skip `git lfs` downloads. */
  disable_git_lfs?: boolean;
  /** Also fetch tags. */
  fetch_tags?: boolean;
}

/**
 * Params of a `put` to a `git` resource.
 * @see https://github.com/concourse/git-resource#out-push-to-a-repository
 */
export interface GitPutParams extends Params {
  /** The directory of the repository to push. */
  repository: string;
  /** Rebase on the remote branch when the push is rejected. */
  rebase?: boolean;
  /** Merge the remote branch when the push is rejected. */
  merge?: boolean;
  /** A file whose content is a tag to create. */
  tag?: string;
  /** A prefix for the tag. */
  tag_prefix?: string;
  /** Force push. */
  force?: boolean;
}

/** Options of {@link gitRepo}. */
export interface GitRepoOptions {
  /** The resource's name. */
  name: string;
  /** The repository's URI. */
  uri: string;
  /** @default "main" */
  branch?: string | undefined;
  /** @default "60s" */
  checkEvery?: Duration | "never" | undefined;
  /** Only changes to these paths trigger (written in normal form: `src/app/` becomes `src/app`). */
  paths?: readonly string[] | undefined;
  /** How many commits a check returns at most (`version_depth`). */
  depth?: number | undefined;
  /** @default false */
  fetchTags?: boolean | undefined;
  /** Only tags matching this regular expression (with `fetchTags`). */
  tagRegex?: string | undefined;
  /** More resource fields (`webhook_token`, `tags`, ...), merged last (Python's `**kwargs`). */
  overrides?: Partial<Resource<GitSource>> | undefined;
}

const GIT_REPO_OPTIONS: OptionKinds<GitRepoOptions> = {
  name: "string",
  uri: "string",
  branch: "string?",
  checkEvery: "string?",
  paths: "string[]?",
  depth: "number?",
  fetchTags: "boolean?",
  tagRegex: "string?",
  overrides: "object?",
};

/**
 * A `git` resource tracking a branch of a repository, checked every minute.
 * @example gitRepo({ name: "app-code", uri: "https://github.com/org/app", paths: ["src/"] })
 * @see https://github.com/concourse/git-resource
 */
export function gitRepo(options: Readonly<GitRepoOptions>): Resource<GitSource> {
  const {
    name,
    uri,
    branch = "main",
    checkEvery = "60s",
    paths,
    depth,
    fetchTags = false,
    tagRegex,
    overrides,
  } = checkOptions("gitRepo", options, GIT_REPO_OPTIONS);
  return {
    name,
    type: "git",
    icon: "git",
    check_every: checkEvery,
    source: compact({
      uri,
      branch,
      paths: paths?.map(posixPath),
      fetch_tags: fetchTags,
      tag_regex: tagRegex,
      version_depth: depth,
    }),
    ...overrides,
  };
}

/** Options of {@link sshGitRepo}. */
export interface SshGitRepoOptions {
  /** The resource's name. */
  name: string;
  /** The repository's SSH URI. */
  uri: string;
  /** The SSH private key (usually a `((var))`). */
  privateKey: string;
  /** @default "main" */
  branch?: string | undefined;
  /** Only changes to these paths trigger (written in normal form). */
  paths?: readonly string[] | undefined;
}

const SSH_GIT_REPO_OPTIONS: OptionKinds<SshGitRepoOptions> = {
  name: "string",
  uri: "string",
  privateKey: "string",
  branch: "string?",
  paths: "string[]?",
};

/**
 * A `git` resource for a repository reached over SSH with a private key.
 * @example sshGitRepo({ name: "course", uri: "git@github.com:org/course.git", privateKey: "((github.key))" })
 * @see https://github.com/concourse/git-resource
 */
export function sshGitRepo(options: Readonly<SshGitRepoOptions>): Resource<GitSource> {
  const { name, uri, privateKey, branch = "main", paths } = checkOptions("sshGitRepo", options, SSH_GIT_REPO_OPTIONS);
  return {
    name,
    type: "git",
    icon: "git",
    source: compact({ uri, branch, paths: paths?.map(posixPath), private_key: privateKey, fetch_tags: false }),
  };
}
