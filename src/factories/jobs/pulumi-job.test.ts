import { expect, test } from "vitest";
import { deepFreeze, snapshot } from "../../../test/helpers/deep-freeze.ts";
import type { GetStep } from "../../model/step.ts";
import { toConcourse } from "../../render/to-concourse.ts";
import { gitRepo } from "../resources/git-repo.ts";
import { pulumiJob } from "./pulumi-job.ts";

const pulumiCode = gitRepo({ name: "infra-code", uri: "https://github.com/org/infra" });
const setAwsCreds = {
  task: "set-aws-creds",
  config: {
    platform: "linux",
    image_resource: { type: "registry-image", source: { repository: "amazon/aws-cli", tag: "latest" } },
    inputs: [{ name: "infra-code" }],
    outputs: [{ name: "aws_creds" }],
    run: { path: "infra-code/pipelines/infrastructure/scripts/generate_aws_config_from_instance_profile.sh" },
  },
};
const provisionerType = {
  name: "pulumi-provisioner",
  type: "registry-image",
  source: { repository: "mitodl/concourse-pulumi-resource-provisioner", tag: "latest" },
};
const provisioner = {
  name: "pulumi-app",
  type: "pulumi-provisioner",
  icon: "cloud-braces",
  source: {
    env_pulumi: { AWS_SHARED_CREDENTIALS_FILE: "aws_creds/credentials" },
    action: "update",
    project_name: "app",
    source_dir: "infra-code/src/app",
  },
};

test("pulumiJob: first stack, triggered by new code", () => {
  const job = pulumiJob({
    pulumiCode,
    stackName: "applications.app.CI",
    projectName: "app",
    projectSourcePath: "src/app/",
  });
  expect(toConcourse({ resource_types: job.resource_types, resources: job.resources, jobs: job.jobs })).toEqual({
    resource_types: [provisionerType],
    resources: [provisioner],
    jobs: [
      {
        name: "deploy-app-applications.app.ci",
        max_in_flight: 1,
        plan: [
          { get: "infra-code", trigger: true },
          setAwsCreds,
          {
            put: "pulumi-app",
            inputs: "all",
            params: {
              env_os: {
                AWS_DEFAULT_REGION: "us-east-1",
                PYTHONPATH: "/usr/lib/:/tmp/build/put/infra-code/src/",
                GITHUB_TOKEN: "((github.public_repo_access_token))",
              },
              stack_name: "applications.app.CI",
              env_vars_from_files: {},
            },
            no_get: true,
          },
        ],
      },
    ],
  });
  expect(job.job).toBe(job.jobs[0]);
  expect(job.pulumiResource).toBe(job.resources[0]);
  expect(job.slackResource).toBeUndefined();
});

test("pulumiJob: after a previous job, with dependencies, post steps, env vars and Slack alerts", () => {
  const dependencies: GetStep[] = deepFreeze([{ get: "base-image", trigger: true }]);
  const before = snapshot(dependencies);
  const options = {
    pulumiCode,
    stackName: "applications.app.Production",
    projectName: "app",
    projectSourcePath: "./src//app",
    dependencies,
    additionalPostSteps: [{ put: "announce" }],
    previousJob: { name: "deploy-app-applications.app.qa", plan: [] },
    additionalEnvVars: { GITHUB_TOKEN: "((other))", EXTRA: "1" },
    envVarsFromFiles: { VERSION: "base-image/tag" },
    slackUrlPath: "slack.url",
  };
  const job = pulumiJob(options);
  expect(dependencies).toEqual(before);
  const alert = (what: string, type: string) => ({
    put: "slack-alert-app",
    params: {
      alert_type: type,
      message: `Pulumi app applications.app.Production ${what}`,
      text: "Pulumi job deploy-app-applications.app.production encountered a problem. Check the pipeline for details.",
    },
  });
  expect(toConcourse({ resource_types: job.resource_types, resources: job.resources, jobs: job.jobs })).toEqual({
    resource_types: [
      provisionerType,
      {
        name: "slack-notification",
        type: "registry-image",
        source: { repository: "arbourd/concourse-slack-alert-resource", tag: "v0.15.0" },
      },
    ],
    resources: [
      provisioner,
      { name: "slack-alert-app", type: "slack-notification", source: { url: "((slack.url))", disabled: false } },
    ],
    jobs: [
      {
        name: "deploy-app-applications.app.production",
        max_in_flight: 1,
        plan: [
          { get: "base-image", trigger: true },
          { get: "infra-code", passed: ["deploy-app-applications.app.qa"], trigger: false },
          setAwsCreds,
          {
            put: "pulumi-app",
            inputs: "all",
            params: {
              env_os: {
                AWS_DEFAULT_REGION: "us-east-1",
                PYTHONPATH: "/usr/lib/:/tmp/build/put/infra-code/src/",
                GITHUB_TOKEN: "((other))",
                EXTRA: "1",
              },
              stack_name: "applications.app.Production",
              env_vars_from_files: { VERSION: "base-image/tag" },
            },
            no_get: true,
          },
          { put: "announce" },
        ],
        on_failure: alert("failed", "failed"),
        on_error: alert("errored", "errored"),
        on_abort: alert("aborted", "aborted"),
      },
    ],
  });
  expect(job.slackResource).toBe(job.resources[1]);
  expect(pulumiJob(options)).toEqual(job);
});
