import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Resource } from "../../model/resource.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import { type HashicorpReleaseSource, hashicorpResource } from "../resource-types/hashicorp-release.ts";

/** Options of {@link hashicorpRelease}. */
export interface HashicorpReleaseOptions {
  /** The resource's name. */
  name: string;
  /** The HashiCorp product (`vault`, `consul`, ...). */
  project: string;
}

const HASHICORP_RELEASE_OPTIONS: OptionKinds<HashicorpReleaseOptions> = {
  name: "string",
  project: "string",
};

/**
 * A `hashicorp-release` resource tracking the releases of a HashiCorp product, checked daily. Its `type`
 * is the {@link hashicorpResource} object, so `pipeline()` adds the resource type.
 * @example hashicorpRelease({ name: "vault-release", project: "vault" })
 * @see https://github.com/mitodl/hashicorp-release-resource
 */
export function hashicorpRelease(options: Readonly<HashicorpReleaseOptions>): Resource<HashicorpReleaseSource> {
  const { name, project } = checkOptions("hashicorpRelease", options, HASHICORP_RELEASE_OPTIONS);
  const type: ResourceType = hashicorpResource();
  return { name, type, icon: "lock-check", check_every: "24h", source: { project } };
}
