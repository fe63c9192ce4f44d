import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `semver` resource (the fields of its `git` driver, plus the common ones).
 * @see https://github.com/concourse/semver-resource#source-configuration
 */
export interface SemverSource extends Params {
  /** The version to start from when the file does not exist yet. */
  initial_version?: string;
  /** Where the version lives: `git`, `s3`, `swift` or `gcs`. */
  driver: "git" | "s3" | "swift" | "gcs" | (string & {});
  /** git driver: the repository's URI. */
  uri?: string;
  /** git driver: the branch holding the version file. */
  branch?: string;
  /** git driver: the path of the version file in the repository. */
  file?: string;
  /** git driver: SSH private key for the repository. */
  private_key?: string;
  /** git driver: username for HTTP(S) access. */
  username?: string;
  /** git driver: password or token for HTTP(S) access. */
  password?: string;
  /** git driver: the committer identity, such as `Bot <bot@example.com>`. */
  git_user?: string;
  /** git driver: clone depth. */
  depth?: number;
  /** git driver: skip TLS verification. */
  skip_ssl_verification?: boolean;
  /** git driver: the message of version-bump commits (`%version%` and `%file%` are replaced). */
  commit_message?: string;
  /** s3/gcs drivers: the bucket. */
  bucket?: string;
  /** s3/gcs drivers: the object key of the version file. */
  key?: string;
}

/**
 * Params of a `put` to (or `get` from) a `semver` resource.
 * @see https://github.com/concourse/semver-resource#behavior
 */
export interface SemverParams extends Params {
  /** Path of a file holding the version to set. */
  file?: string;
  /** Bump this part: `major`, `minor`, `patch` or `final`. */
  bump?: "major" | "minor" | "patch" | "final";
  /** Make it a pre-release of this kind, such as `rc`. */
  pre?: string;
}

/**
 * The `semver` resource type from the `concourse/semver-resource` image (overrides the bundled one).
 * @example pipeline({ resource_types: [semverResource()], jobs })
 * @see https://github.com/concourse/semver-resource
 */
export const semverResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("semver", "concourse/semver-resource");
