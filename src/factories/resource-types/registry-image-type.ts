import type { ResourceType } from "../../model/resource-type.ts";
import { REGISTRY_IMAGE } from "../constants.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";

/** A custom resource type whose image is fetched from a registry (internal building block). */
export const registryImageType = (
  name: string,
  repository: string,
  tag = "latest",
): ResourceType<RegistryImageSource> => ({
  name,
  type: REGISTRY_IMAGE,
  source: { repository, tag },
});
