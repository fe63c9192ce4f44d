import type { Fragment } from "../../fragment/fragment.ts";
import { madeBy } from "../../fragment/provenance.ts";
import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Job } from "../../model/job.ts";
import type { Resource } from "../../model/resource.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { GetStep, PutStep, Step, TaskStep } from "../../model/step.ts";
import { REGISTRY_IMAGE } from "../constants.ts";
import { notification } from "../notifications/notification.ts";
import { type PulumiPutParams, pulumiProvisionerResource } from "../resource-types/pulumi-provisioner.ts";
import { slackNotificationResource } from "../resource-types/slack-notification.ts";
import { posixPath } from "../resources/posix-path.ts";
import { pulumiProvisioner } from "../resources/pulumi-provisioner.ts";
import { slackNotification } from "../resources/slack-notification.ts";

/** Options of {@link pulumiJob}. */
export interface PulumiJobOptions {
  /** The git resource with the Pulumi code. */
  pulumiCode: Resource;
  /** The stack to update, such as `applications.app.QA`. */
  stackName: string;
  /** The Pulumi project's name. */
  projectName: string;
  /** The project's directory inside `pulumiCode` (written in normal form, as Python's `Path` prints it). */
  projectSourcePath: string;
  /** Steps run first (inputs and triggers), used as given. @default [] */
  dependencies?: readonly GetStep[] | undefined;
  /** Steps run after the update. @default [] */
  additionalPostSteps?: readonly Step[] | undefined;
  /** The job of the previous stack: the code must have passed it, and the job does not trigger on new code. */
  previousJob?: Job | undefined;
  /** More environment variables for the Pulumi CLI (`env_os`). */
  additionalEnvVars?: Readonly<Record<string, string>> | undefined;
  /** Environment variables read from files: variable name to file path. @default {} */
  envVarsFromFiles?: Readonly<Record<string, string>> | undefined;
  /** A vault path holding a Slack webhook URL: failures, errors and aborts are posted there. */
  slackUrlPath?: string | undefined;
}

/** What {@link pulumiJob} makes: a fragment plus handles on its parts. */
export interface PulumiJob extends Fragment {
  /** The `deploy-<project>-<stack>` job. */
  readonly job: Job;
  /** The `pulumi-<project>` provisioner resource. */
  readonly pulumiResource: Resource;
  /** The `slack-alert-<project>` resource, with `slackUrlPath`. */
  readonly slackResource?: Resource;
}

const PULUMI_JOB_OPTIONS: OptionKinds<PulumiJobOptions> = {
  pulumiCode: "named",
  stackName: "string",
  projectName: "string",
  projectSourcePath: "string",
  dependencies: "array?",
  additionalPostSteps: "array?",
  previousJob: "named?",
  additionalEnvVars: "object?",
  envVarsFromFiles: "object?",
  slackUrlPath: "string?",
};

/**
 * A job that updates one stack of a Pulumi project: it gets the code, writes AWS credentials from the
 * worker's instance profile, and puts to a `pulumi-provisioner` resource (one build at a time).
 * @example pulumiJob({ pulumiCode, stackName: "applications.app.QA", projectName: "app", projectSourcePath: "src/app" })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/pulumi
 */
export function pulumiJob(options: Readonly<PulumiJobOptions>): PulumiJob {
  const {
    pulumiCode,
    stackName,
    projectName,
    projectSourcePath,
    dependencies = [],
    additionalPostSteps = [],
    previousJob,
    additionalEnvVars = {},
    envVarsFromFiles = {},
    slackUrlPath,
  } = checkOptions("pulumiJob", options, PULUMI_JOB_OPTIONS);
  const code = pulumiCode.name;
  const stack = stackName.toLowerCase();
  const pulumiResource = pulumiProvisioner({
    name: `pulumi-${projectName}`,
    projectName,
    projectPath: `${code}/${posixPath(projectSourcePath)}`,
  });
  const getCode: GetStep = {
    get: pulumiCode,
    trigger: previousJob === undefined && !stack.endsWith("production"),
    ...(previousJob ? { passed: [previousJob] } : {}),
  };
  const setAwsCreds: TaskStep = {
    task: "set-aws-creds",
    config: {
      platform: "linux",
      image_resource: { type: REGISTRY_IMAGE, source: { repository: "amazon/aws-cli", tag: "latest" } },
      inputs: [{ name: code }],
      outputs: [{ name: "aws_creds" }],
      run: { path: `${code}/pipelines/infrastructure/scripts/generate_aws_config_from_instance_profile.sh` },
    },
  };
  const params: PulumiPutParams = {
    env_os: {
      AWS_DEFAULT_REGION: "us-east-1",
      PYTHONPATH: `/usr/lib/:/tmp/build/put/${code}/src/`,
      GITHUB_TOKEN: "((github.public_repo_access_token))",
      ...additionalEnvVars,
    },
    stack_name: stackName,
    env_vars_from_files: { ...envVarsFromFiles },
  };
  const update: PutStep = { put: pulumiResource, inputs: "all", no_get: true, params };
  const name = `deploy-${projectName}-${stack}`;
  const plan: Step[] = [...dependencies, getCode, setAwsCreds, update, ...additionalPostSteps];

  if (!slackUrlPath) {
    const job: Job = { name, max_in_flight: 1, plan };
    const made = {
      resource_types: [pulumiProvisionerResource()],
      resources: [pulumiResource],
      jobs: [job],
      job,
      pulumiResource,
    };
    return madeBy(made, "pulumiJob", pulumiJob);
  }
  const slackResource = slackNotification({ name: `slack-alert-${projectName}`, url: `((${slackUrlPath}))` });
  const body = `Pulumi job ${name} encountered a problem. Check the pipeline for details.`;
  const alert = (what: string, alertType: "failed" | "errored" | "aborted") =>
    notification({ resource: slackResource, title: `Pulumi ${projectName} ${stackName} ${what}`, body, alertType });
  const job: Job = {
    name,
    max_in_flight: 1,
    plan,
    on_failure: alert("failed", "failed"),
    on_error: alert("errored", "errored"),
    on_abort: alert("aborted", "aborted"),
  };
  const resourceTypes: ResourceType[] = [pulumiProvisionerResource(), slackNotificationResource()];
  const made = {
    resource_types: resourceTypes,
    resources: [pulumiResource, slackResource],
    jobs: [job],
    job,
    pulumiResource,
    slackResource,
  };
  return madeBy(made, "pulumiJob", pulumiJob);
}
