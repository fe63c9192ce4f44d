import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { compact, type Duration, type Params } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import { REGISTRY_IMAGE } from "../constants.ts";

/**
 * Source of a `registry-image` resource (and of custom resource types, whose image it fetches).
 * @see https://github.com/concourse/registry-image-resource#source-configuration
 */
export interface RegistryImageSource extends Params {
  /** The image repository, such as `concourse/git-resource` or `ghcr.io/org/app`. */
  repository: string;
  /** The tag to track. The resource's own default is `latest`. */
  tag?: string;
  /** Track every tag matching this regular expression instead of one tag. */
  tag_regex?: string;
  /** With `tag_regex`: order the matching tags by creation time rather than by semver. */
  created_at_sort?: boolean;
  /** Track tags carrying this variant suffix (`1.2.3-alpine` for `alpine`). */
  variant?: string;
  /** Username for a private registry. */
  username?: string;
  /** Password or token for a private registry. */
  password?: string;
  /** The AWS region of an ECR repository; credentials come from the worker when no keys are given. */
  aws_region?: string;
  /** AWS access key id for ECR. */
  aws_access_key_id?: string;
  /** AWS secret access key for ECR. */
  aws_secret_access_key?: string;
  /** A role to assume when talking to ECR. */
  aws_role_arn?: string;
}

/**
 * Params of a `put` to a `registry-image` resource.
 * @see https://github.com/concourse/registry-image-resource#out-push-an-image-up-to-the-registry-under-the-given-tags
 */
export interface RegistryImagePutParams extends Params {
  /** Path of the OCI image tarball to push, such as `image/image.tar`. */
  image: string;
  /** Path of a file listing extra tags, separated by whitespace. */
  additional_tags?: string;
  /** Path of a file whose content is a version to tag the image with. */
  version?: string;
  /** With `version`: also tag `latest` when the version is not a pre-release. */
  bump_aliases?: boolean;
}

/**
 * Params of a `get` from a `registry-image` resource.
 * @see https://github.com/concourse/registry-image-resource#in-fetch-the-images-rootfs-and-metadata
 */
export interface RegistryImageGetParams extends Params {
  /** `rootfs` (default) or `oci` (an image tarball). */
  format?: "rootfs" | "oci" | (string & {});
  /** Skip fetching the image, fetching only its metadata. */
  skip_download?: boolean;
}

/** Options of {@link registryImage}. */
export interface RegistryImageOptions {
  /** The resource's name. */
  name: string;
  /** The image repository, such as `ghcr.io/mitodl/app`. */
  imageRepository: string;
  /** The tag to track; `null` leaves it out of `source`. @default "latest" */
  imageTag?: string | null | undefined;
  /** Track tags with this variant suffix. */
  variant?: string | undefined;
  /** Track tags matching this regular expression. */
  tagRegex?: string | undefined;
  /** Order the tags matching `tagRegex` by creation time (`created_at_sort`). */
  sortByCreation?: boolean | undefined;
  /** Registry username; used only together with `password`. */
  username?: string | undefined;
  /** Registry password; used only together with `username`. */
  password?: string | undefined;
  /** How often Concourse checks for a new image. */
  checkEvery?: Duration | "never" | undefined;
  /** The AWS region of an ECR repository (`aws_region`). */
  ecrRegion?: string | undefined;
}

const REGISTRY_IMAGE_OPTIONS: OptionKinds<RegistryImageOptions> = {
  name: "string",
  imageRepository: "string",
  imageTag: "string|null?",
  variant: "string?",
  tagRegex: "string?",
  sortByCreation: "boolean?",
  username: "string?",
  password: "string?",
  checkEvery: "string?",
  ecrRegion: "string?",
};

/**
 * A `registry-image` resource tracking one tag (or a tag pattern) of a container image.
 * @example registryImage({ name: "app-image", imageRepository: "mitodl/app", imageTag: "2024.1.1" })
 * @see https://github.com/concourse/registry-image-resource
 */
export function registryImage(options: Readonly<RegistryImageOptions>): Resource<RegistryImageSource> {
  const {
    name,
    imageRepository,
    imageTag = "latest",
    variant,
    tagRegex,
    sortByCreation,
    username,
    password,
    checkEvery,
    ecrRegion,
  } = checkOptions("registryImage", options, REGISTRY_IMAGE_OPTIONS);
  const source: RegistryImageSource = compact({
    repository: imageRepository,
    tag: imageTag ?? undefined,
    ...(username && password ? { username, password } : {}),
    variant: variant || undefined,
    tag_regex: tagRegex,
    created_at_sort: sortByCreation,
    aws_region: ecrRegion,
  });
  return compact({ name, type: REGISTRY_IMAGE, check_every: checkEvery, source });
}
