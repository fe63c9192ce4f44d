import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `pypi` resource (`cfplatformeng/concourse-pypi-resource`): a package's releases.
 * @see https://github.com/cf-platform-eng/concourse-pypi-resource#source-configuration
 */
export interface PypiSource extends Params {
  /** The package's name on the index. */
  name: string;
  /** Which distributions count: `any`, `source` or `binary`. */
  packaging?: "any" | "source" | "binary";
  /** Credentials and address of the index to upload to. */
  repository?: {
    /** Upload username. */
    username?: string;
    /** Upload password or token. */
    password?: string;
    /** The upload URL, when not PyPI. */
    repository_url?: string;
    [key: string]: unknown;
  };
  /** Also accept pre-releases. */
  pre_release?: boolean;
}

/**
 * Params of a `put` to a `pypi` resource, which uploads distributions.
 * @see https://github.com/cf-platform-eng/concourse-pypi-resource#out-upload-a-new-version
 */
export interface PypiPutParams extends Params {
  /** A glob matching the files to upload, such as `dist/*.tar.gz`. */
  glob: string;
}

/**
 * The `pypi` resource type (`cfplatformeng/concourse-pypi-resource`).
 * @example pipeline({ resource_types: [pypiResource()], resources: [pypi({ name: "pkg", packageName: "my-pkg" })], jobs })
 * @see https://github.com/cf-platform-eng/concourse-pypi-resource
 */
export const pypiResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("pypi", "cfplatformeng/concourse-pypi-resource");
