import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `release` resource: the repository whose unreleased commits become dated releases.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/release
 */
export interface ReleaseSource extends Params {
  /** The repository's URI (SSH or HTTPS). */
  uri: string;
  /** The branch whose commits are released. */
  branch?: string;
  /** SSH private key for cloning and pushing. */
  private_key?: string;
  /** A GitHub token; lets the resource add pull request numbers and titles. */
  access_token?: string;
  /** The repository as `owner/name`; needed with `access_token`. */
  repository?: string;
  /** The committer name of release commits. */
  git_user_name?: string;
  /** The committer e-mail of release commits. */
  git_user_email?: string;
  /** `cumulative` (one changelog file) or `per_release` (a file per version); absent: no changelog. */
  changelog_style?: "cumulative" | "per_release";
  /** The changelog file of the `cumulative` style. */
  changelog_file?: string;
  /** The directory of the `per_release` style. */
  changelog_dir?: string;
}

/**
 * The `release` resource type (`mitodl/concourse-release-resource`).
 * @example pipeline({ resource_types: [releaseResourceType()], resources: [releaseResource({ ... })], jobs })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/release
 */
export const releaseResourceType = (): ResourceType<RegistryImageSource> =>
  registryImageType("release", "mitodl/concourse-release-resource");
