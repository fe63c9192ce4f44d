import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of an `rclone` resource.
 * @see https://github.com/mitodl/concourse-rclone-resource
 */
export interface RcloneSource extends Params {
  /** The contents of an `rclone.conf` defining the remotes. */
  config?: string;
}

/**
 * The `rclone` resource type (`mitodl/concourse-rclone-resource`), which syncs files with rclone remotes.
 * @example pipeline({ resource_types: [rclone()], resources: [{ name: "site", type: "rclone", source: { config } }], jobs })
 * @see https://github.com/mitodl/concourse-rclone-resource
 */
export const rclone = (): ResourceType<RegistryImageSource> =>
  registryImageType("rclone", "mitodl/concourse-rclone-resource");
