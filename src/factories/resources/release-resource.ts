import { checkOptions, type OptionChoices, type OptionKinds } from "../../model/arguments.ts";
import { compact } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import { type ReleaseSource, releaseResourceType } from "../resource-types/release.ts";

/** How the resource writes a changelog. */
const CHANGELOG_STYLES = ["cumulative", "per_release"] as const;

/** Options of {@link releaseResource}. */
export interface ReleaseResourceOptions {
  /** The resource's name. */
  name: string;
  /** The repository's URI (SSH or HTTPS). */
  uri: string;
  /** The branch whose commits are released. @default "main" */
  branch?: string | undefined;
  /** SSH private key for git. */
  privateKey?: string | undefined;
  /** A GitHub token; adds pull request numbers and titles to the release notes. */
  accessToken?: string | undefined;
  /** `owner/name`; needed with `accessToken`. */
  repository?: string | undefined;
  /** @default "Concourse CI" */
  gitUserName?: string | undefined;
  /** @default "concourse@example.com" */
  gitUserEmail?: string | undefined;
  /** `cumulative` or `per_release`; absent: no changelog. */
  changelogStyle?: (typeof CHANGELOG_STYLES)[number] | undefined;
  /** @default "CHANGELOG.md" */
  changelogFile?: string | undefined;
  /** @default "releases" */
  changelogDir?: string | undefined;
  /** A webhook token, so a bot can trigger checks (the resource is never polled). */
  webhookToken?: string | undefined;
}

const RELEASE_RESOURCE_OPTIONS: OptionKinds<ReleaseResourceOptions> = {
  name: "string",
  uri: "string",
  branch: "string?",
  privateKey: "string?",
  accessToken: "string?",
  repository: "string?",
  gitUserName: "string?",
  gitUserEmail: "string?",
  changelogStyle: "string?",
  changelogFile: "string?",
  changelogDir: "string?",
  webhookToken: "string?",
};

const RELEASE_RESOURCE_CHOICES: OptionChoices<ReleaseResourceOptions> = { changelogStyle: CHANGELOG_STYLES };

/**
 * A `release` resource that turns a branch's unreleased commits into dated releases, checked only
 * through its webhook. Its `type` is the {@link releaseResourceType} object.
 * @example releaseResource({ name: "app-release", uri: "git@github.com:org/app.git", webhookToken: "((release.webhook_token))" })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/release
 */
export function releaseResource(options: Readonly<ReleaseResourceOptions>): Resource<ReleaseSource> {
  const {
    name,
    uri,
    branch = "main",
    privateKey,
    accessToken,
    repository,
    gitUserName = "Concourse CI",
    gitUserEmail = "concourse@example.com",
    changelogStyle,
    changelogFile = "CHANGELOG.md",
    changelogDir = "releases",
    webhookToken,
  } = checkOptions("releaseResource", options, RELEASE_RESOURCE_OPTIONS, RELEASE_RESOURCE_CHOICES);
  return compact({
    name,
    type: releaseResourceType(),
    icon: "tag",
    check_every: "never",
    webhook_token: webhookToken,
    source: compact({
      uri,
      branch,
      git_user_name: gitUserName,
      git_user_email: gitUserEmail,
      changelog_file: changelogFile,
      changelog_dir: changelogDir,
      private_key: privateKey,
      access_token: accessToken,
      repository,
      changelog_style: changelogStyle,
    }),
  });
}
