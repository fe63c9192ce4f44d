import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of an `s3-sync` resource.
 * @see https://github.com/mitodl/concourse-s3-sync-resource
 */
export interface S3SyncSource extends Params {
  /** The bucket to sync with. */
  bucket?: string;
  /** A prefix inside the bucket. */
  path?: string;
}

/**
 * The `s3-sync` resource type (`mitodl/concourse-s3-sync-resource`), which syncs a directory with a bucket.
 * @example pipeline({ resource_types: [s3Sync()], resources: [{ name: "assets", type: "s3-sync", source: { bucket } }], jobs })
 * @see https://github.com/mitodl/concourse-s3-sync-resource
 */
export const s3Sync = (): ResourceType<RegistryImageSource> =>
  registryImageType("s3-sync", "mitodl/concourse-s3-sync-resource");
