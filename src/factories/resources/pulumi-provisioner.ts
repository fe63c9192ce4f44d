import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Resource } from "../../model/resource.ts";
import { type PulumiSource, pulumiProvisionerResource } from "../resource-types/pulumi-provisioner.ts";

/** Options of {@link pulumiProvisioner}. */
export interface PulumiProvisionerOptions {
  /** The resource's name. */
  name: string;
  /** The Pulumi project's name. */
  projectName: string;
  /** The project's directory, relative to the build's working directory (`<artifact>/<path>`). */
  projectPath: string;
}

const PULUMI_PROVISIONER_OPTIONS: OptionKinds<PulumiProvisionerOptions> = {
  name: "string",
  projectName: "string",
  projectPath: "string",
};

/**
 * A `pulumi-provisioner` resource that updates the stacks of one Pulumi project, with AWS credentials
 * read from `aws_creds/credentials`. Its `type` is the {@link pulumiProvisionerResource} object.
 * @example pulumiProvisioner({ name: "pulumi-vpc", projectName: "vpc", projectPath: "infra-code/src/vpc" })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/pulumi
 */
export function pulumiProvisioner(options: Readonly<PulumiProvisionerOptions>): Resource<PulumiSource> {
  const { name, projectName, projectPath } = checkOptions("pulumiProvisioner", options, PULUMI_PROVISIONER_OPTIONS);
  return {
    name,
    type: pulumiProvisionerResource(),
    icon: "cloud-braces",
    source: {
      env_pulumi: { AWS_SHARED_CREDENTIALS_FILE: "aws_creds/credentials" },
      action: "update",
      project_name: projectName,
      source_dir: projectPath,
    },
  };
}
