import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { compact } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import type { SemverSource } from "../resource-types/semver.ts";

/** Options of {@link gitSemver}. */
export interface GitSemverOptions {
  /** The resource's name. */
  name: string;
  /** The repository's URI. */
  uri: string;
  /** The branch holding the version file. */
  branch: string;
  /** The version file's path in the repository. */
  file: string;
  /** SSH private key. */
  privateKey?: string | undefined;
  /** Username for HTTP(S). */
  username?: string | undefined;
  /** Password or token for HTTP(S). */
  password?: string | undefined;
  /** The committer identity, such as `Bot <bot@example.com>`. */
  gitUser?: string | undefined;
  /** Clone depth. */
  depth?: number | undefined;
  /** @default false */
  skipSslVerification?: boolean | undefined;
  /** The message of version-bump commits. */
  commitMessage?: string | undefined;
  /** @default "0.0.0" */
  initialVersion?: string | undefined;
}

const GIT_SEMVER_OPTIONS: OptionKinds<GitSemverOptions> = {
  name: "string",
  uri: "string",
  branch: "string",
  file: "string",
  privateKey: "string?",
  username: "string?",
  password: "string?",
  gitUser: "string?",
  depth: "number?",
  skipSslVerification: "boolean?",
  commitMessage: "string?",
  initialVersion: "string?",
};

/**
 * A `semver` resource keeping a version number in a file of a git repository (the `git` driver).
 * @example gitSemver({ name: "version", uri: "git@github.com:org/app.git", branch: "version", file: "version" })
 * @see https://github.com/concourse/semver-resource#git-driver
 */
export function gitSemver(options: Readonly<GitSemverOptions>): Resource<SemverSource> {
  const {
    name,
    uri,
    branch,
    file,
    privateKey,
    username,
    password,
    gitUser,
    depth,
    skipSslVerification = false,
    commitMessage,
    initialVersion = "0.0.0",
  } = checkOptions("gitSemver", options, GIT_SEMVER_OPTIONS);
  return {
    name,
    type: "semver",
    icon: "version",
    source: compact({
      initial_version: initialVersion,
      driver: "git",
      uri,
      branch,
      file,
      private_key: privateKey,
      username,
      password,
      git_user: gitUser,
      depth,
      skip_ssl_verification: skipSslVerification,
      commit_message: commitMessage,
    }),
  };
}
