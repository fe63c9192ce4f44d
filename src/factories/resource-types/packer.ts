import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Params of a `put` to a Packer resource (`packer-validator` or `packer-builder`), which validates or builds a template.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/packer
 */
export interface PackerParams extends Params {
  /** The path of the template (a `.pkr.hcl` file or a directory), inside an artifact. */
  template: string;
  /** `validate` (the resource's default) or `build`. */
  objective?: "validate" | "build";
  /** Values of the template's variables. */
  vars?: Record<string, unknown>;
  /** Variable files to load. */
  var_files?: string[];
  /** Variables read from files: variable name to file path. */
  vars_from_files?: Record<string, string>;
  /** Environment variables for Packer. */
  env_vars?: Record<string, string>;
  /** Environment variables read from files: variable name to file path. */
  env_vars_from_files?: Record<string, string>;
  /** Build only these sources (`-only`). */
  only?: string[];
  /** Skip these sources (`-except`). */
  excepts?: string[];
  /** Pass `-force`. */
  force?: boolean;
  /** Print the Packer command's arguments. */
  debug?: boolean;
}

/**
 * The `packer-validator` resource type (`mitodl/concourse-packer-resource`), for `objective: validate` puts.
 * @example const type = packerValidate(); const validator = { name: "packer-validate", type };
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/packer
 */
export const packerValidate = (): ResourceType<RegistryImageSource> =>
  registryImageType("packer-validator", "mitodl/concourse-packer-resource");

/**
 * The `packer-builder` resource type (`mitodl/concourse-packer-resource-builder`), for `objective: build` puts.
 * @example const type = packerBuild(); const builder = { name: "packer-build", type };
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/packer
 */
export const packerBuild = (): ResourceType<RegistryImageSource> =>
  registryImageType("packer-builder", "mitodl/concourse-packer-resource-builder");
