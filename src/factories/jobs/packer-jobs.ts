import type { Fragment } from "../../fragment/fragment.ts";
import { madeBy } from "../../fragment/provenance.ts";
import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Job } from "../../model/job.ts";
import type { Resource } from "../../model/resource.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { GetStep, PutStep } from "../../model/step.ts";
import { type PackerParams, packerBuild, packerValidate } from "../resource-types/packer.ts";

/** Options of {@link packerJobs}. */
export interface PackerJobsOptions {
  /** Get steps run first in both jobs (inputs and triggers, such as upstream releases). */
  dependencies: readonly GetStep[];
  /** The git resource holding the Packer template. */
  imageCode: Resource;
  /** The template's path inside `imageCode`. @default "src/bilder/images/." */
  packerTemplatePath?: string | undefined;
  /** One validate and one build put per node type, passed as the `node_type` var. An empty list means the default. @default ["server"] */
  nodeTypes?: readonly string[] | undefined;
  /** Values of the template's variables (`node_type` is added). */
  packerVars?: Readonly<Record<string, unknown>> | undefined;
  /** Environment variables of the build read from files: variable name to file path. @default {} */
  envVarsFromFiles?: Readonly<Record<string, string>> | undefined;
  /** More put params for both objectives, such as `{ only: ["amazon-ebs.web"] }`; they win over the defaults. */
  extraPackerParams?: Readonly<Record<string, unknown>> | undefined;
  /** Appended to both job names (`validate-packer-template-<suffix>`), to keep them unique. @default "" */
  jobNameSuffix?: string | undefined;
}

/** What {@link packerJobs} makes: a fragment plus handles on its parts. */
export interface PackerJobs extends Fragment {
  /** The job validating the template for every node type. */
  readonly validateJob: Job;
  /** The job building the images once validation passed. */
  readonly buildJob: Job;
  /** The `packer-validate` resource. */
  readonly validateResource: Resource;
  /** The `packer-build` resource. */
  readonly buildResource: Resource;
  /** The `packer-validator` resource type. */
  readonly validateType: ResourceType;
  /** The `packer-builder` resource type. */
  readonly buildType: ResourceType;
}

const PACKER_JOBS_OPTIONS: OptionKinds<PackerJobsOptions> = {
  dependencies: "array",
  imageCode: "named",
  packerTemplatePath: "string?",
  nodeTypes: "string[]?",
  packerVars: "object?",
  envVarsFromFiles: "object?",
  extraPackerParams: "object?",
  jobNameSuffix: "string?",
};

/**
 * Two jobs that validate, then build, a Packer template (EC2 AMIs), with their resources and resource types.
 *
 * ol-infrastructure's `ol_concourse.pipelines.jobs.packer_jobs` is this same function re-exported, so
 * both spellings of the Python produce what this does. The build job's dependencies are copies of
 * `dependencies` with `passed: [validateJob]`; the caller's steps are never changed.
 * @example packerJobs({ dependencies: [{ get: vaultRelease, trigger: true }], imageCode, packerTemplatePath: "src/bilder/images/" })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/packer
 */
export function packerJobs(options: Readonly<PackerJobsOptions>): PackerJobs {
  const {
    dependencies,
    imageCode,
    packerTemplatePath = "src/bilder/images/.",
    nodeTypes = ["server"],
    packerVars = {},
    envVarsFromFiles = {},
    extraPackerParams = {},
    jobNameSuffix = "",
  } = checkOptions("packerJobs", options, PACKER_JOBS_OPTIONS);
  const validateType = packerValidate();
  const buildType = packerBuild();
  const buildResource: Resource = { name: "packer-build", type: buildType };
  const validateResource: Resource = { name: "packer-validate", type: validateType };
  const nodes = nodeTypes.length > 0 ? nodeTypes : ["server"];
  const template = `${imageCode.name}/${packerTemplatePath}`;
  const jobName = (base: string) => `${base}-${jobNameSuffix}`.replace(/-+$/, "");

  const validateParams = (nodeType: string): PackerParams => ({
    template,
    objective: "validate",
    vars: { ...packerVars, node_type: nodeType },
    ...extraPackerParams,
  });
  const buildParams = (nodeType: string): PackerParams => ({
    template,
    objective: "build",
    vars: { ...packerVars, node_type: nodeType },
    env_vars: {
      AWS_REGION: "us-east-1",
      PYTHONPATH: `\${PYTHONPATH}:${imageCode.name}/src`,
      PACKER_GITHUB_API_TOKEN: "((github.public_repo_access_token))",
    },
    env_vars_from_files: { ...envVarsFromFiles },
    ...extraPackerParams,
  });

  const validateJob: Job = {
    name: jobName("validate-packer-template"),
    plan: [
      ...dependencies,
      { get: imageCode, trigger: true },
      { in_parallel: nodes.map((n): PutStep => ({ put: validateResource, params: validateParams(n) })) },
    ],
  };
  const buildJob: Job = {
    name: jobName("build-packer-template"),
    plan: [
      ...dependencies.map((dep): GetStep => ({ ...dep, passed: [validateJob] })),
      { get: imageCode, trigger: true, passed: [validateJob] },
      { in_parallel: nodes.map((n): PutStep => ({ put: buildResource, params: buildParams(n), attempts: 3 })) },
    ],
  };
  const made = {
    resource_types: [validateType, buildType],
    resources: [validateResource, buildResource],
    jobs: [validateJob, buildJob],
    validateJob,
    buildJob,
    validateResource,
    buildResource,
    validateType,
    buildType,
  };
  return madeBy(made, "packerJobs", packerJobs);
}
