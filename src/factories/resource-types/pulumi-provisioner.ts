import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a `pulumi-provisioner` resource: the Pulumi project it runs. Every field may be overridden per step.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/pulumi
 */
export interface PulumiSource extends Params {
  /** The Pulumi project's name. */
  project_name?: string;
  /** The directory of the project, relative to the build's working directory. */
  source_dir?: string;
  /** The stack to operate on. */
  stack_name?: string;
  /** The default action of a `put`: `create`, `update` or `destroy`. */
  action?: "create" | "update" | "destroy";
  /** Environment variables for the Pulumi program. */
  env_pulumi?: Record<string, string>;
  /** Environment variables for the Pulumi CLI process. */
  env_os?: Record<string, string>;
}

/**
 * Params of a `put` to a `pulumi-provisioner` resource, which runs the action on a stack.
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/pulumi
 */
export interface PulumiPutParams extends Params {
  /** The stack to operate on. */
  stack_name?: string;
  /** `create`, `update` or `destroy` (defaults to the source's `action`). */
  action?: "create" | "update" | "destroy";
  /** Override the source's project name. */
  project_name?: string;
  /** Override the source's project directory. */
  source_dir?: string;
  /** Stack config values to set before running. */
  stack_config?: Record<string, string>;
  /** Only preview the changes. */
  preview?: boolean;
  /** Refresh the stack's state before updating it. */
  refresh_stack?: boolean;
  /** Environment variables for the Pulumi program. */
  env_pulumi?: Record<string, string>;
  /** Environment variables for the Pulumi CLI process. */
  env_os?: Record<string, string>;
  /** Environment variables read from files: variable name to file path. */
  env_vars_from_files?: Record<string, string>;
}

/**
 * The `pulumi-provisioner` resource type (`mitodl/concourse-pulumi-resource-provisioner`).
 * @example pipeline({ resource_types: [pulumiProvisionerResource()], resources: [pulumiProvisioner({ ... })], jobs })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/pulumi
 */
export const pulumiProvisionerResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("pulumi-provisioner", "mitodl/concourse-pulumi-resource-provisioner");
