import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of an `amazon-ami` resource: the AMIs matching some filters are its versions.
 * @see https://github.com/jdub/ami-resource
 */
export interface AmazonAmiSource extends Params {
  /** The AWS region to search. */
  region: string;
  /** `describe-images` filters, such as `{ name: "web-*", "tag:env": "prod" }`. */
  filters: Record<string, string | boolean>;
  /** AWS access key id (the worker's credentials are used without one). */
  aws_access_key_id?: string;
  /** AWS secret access key. */
  aws_secret_access_key?: string;
}

/**
 * The `amazon-ami` resource type (`jdub/ami-resource`).
 * @example pipeline({ resource_types: [amiResource()], resources: [amazonAmi({ name: "base-ami", filters })], jobs })
 * @see https://github.com/jdub/ami-resource
 */
export const amiResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("amazon-ami", "jdub/ami-resource");
