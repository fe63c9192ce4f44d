import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `hashicorp-release` resource: the HashiCorp product whose releases are versions.
 * @see https://github.com/mitodl/hashicorp-release-resource
 */
export interface HashicorpReleaseSource extends Params {
  /** The product, as named on releases.hashicorp.com (`vault`, `consul`, `consul-template` ...). */
  project: string;
}

/**
 * The `hashicorp-release` resource type (`mitodl/hashicorp-release-resource`).
 * @example pipeline({ resource_types: [hashicorpResource()], resources: [hashicorpRelease({ name: "vault-release", project: "vault" })], jobs })
 * @see https://github.com/mitodl/hashicorp-release-resource
 */
export const hashicorpResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("hashicorp-release", "mitodl/hashicorp-release-resource");
