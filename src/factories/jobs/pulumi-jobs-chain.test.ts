import { describe, expect, test } from "vitest";
import { deepFreeze, snapshot } from "../../../test/helpers/deep-freeze.ts";
import { isHangarError } from "../../model/errors.ts";
import type { GetStep } from "../../model/step.ts";
import { toConcourse } from "../../render/to-concourse.ts";
import { gitRepo } from "../resources/git-repo.ts";
import { pulumiJobsChain } from "./pulumi-jobs-chain.ts";

const pulumiCode = gitRepo({ name: "infra-code", uri: "https://github.com/org/infra" });
const common = { pulumiCode, projectName: "app", projectSourcePath: "src/app" };

/** The two steps every job of the chain ends with, for a stack. */
const update = (stack: string) => [
  {
    task: "set-aws-creds",
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "amazon/aws-cli", tag: "latest" } },
      inputs: [{ name: "infra-code" }],
      outputs: [{ name: "aws_creds" }],
      run: { path: "infra-code/pipelines/infrastructure/scripts/generate_aws_config_from_instance_profile.sh" },
    },
  },
  {
    put: "pulumi-app",
    inputs: "all",
    params: {
      env_os: {
        AWS_DEFAULT_REGION: "us-east-1",
        PYTHONPATH: "/usr/lib/:/tmp/build/put/infra-code/src/",
        GITHUB_TOKEN: "((github.public_repo_access_token))",
      },
      stack_name: stack,
      env_vars_from_files: {},
    },
    no_get: true,
  },
];
const issues = (stack: string, kind: "post" | "trigger") => ({
  name: `github-issues-${stack.toLowerCase()}-${kind}`,
  type: "github-issues",
  icon: "github",
  check_every: kind === "post" ? "60m" : "15m",
  expose_build_created_by: true,
  source: {
    auth_method: "token",
    issue_prefix: `[bot] Pulumi app ${stack} deployed.`,
    issue_state: kind === "post" ? "open" : "closed",
    issue_title_template: `[bot] Pulumi app ${stack} deployed.`,
    repository: "org/workflow",
    gh_host: "https://github.mit.edu/api/v3",
    access_token: "((github.issues_resource_access_token))",
  },
});
const openIssue = (stack: string, label: string) => ({
  put: `github-issues-${stack.toLowerCase()}-post`,
  params: { labels: ["product:infrastructure", "DevOps", "pipeline-workflow", label], assignees: [] },
});

describe("pulumiJobsChain", () => {
  test("CI, QA, Production gated by GitHub issues, with shared dependencies copied per job", () => {
    const dependencies: GetStep[] = deepFreeze([
      { get: "base-image", trigger: true },
      { get: "settings", passed: ["build-settings"] },
    ]);
    const before = snapshot(dependencies);
    const options = {
      ...common,
      stackNames: ["CI", "QA", "Production"],
      dependencies,
      githubIssueRepository: "org/workflow",
    };
    const chain = pulumiJobsChain(options);
    expect(dependencies).toEqual(before);
    expect(pulumiJobsChain(options)).toEqual(chain);
    expect(toConcourse({ resource_types: chain.resource_types, resources: chain.resources, jobs: chain.jobs })).toEqual(
      {
        resource_types: [
          {
            name: "github-issues",
            type: "registry-image",
            source: { repository: "mitodl/concourse-github-issues-resource", tag: "latest" },
          },
          {
            name: "pulumi-provisioner",
            type: "registry-image",
            source: { repository: "mitodl/concourse-pulumi-resource-provisioner", tag: "latest" },
          },
        ],
        resources: [
          issues("CI", "post"),
          {
            name: "pulumi-app",
            type: "pulumi-provisioner",
            icon: "cloud-braces",
            source: {
              env_pulumi: { AWS_SHARED_CREDENTIALS_FILE: "aws_creds/credentials" },
              action: "update",
              project_name: "app",
              source_dir: "infra-code/src/app",
            },
          },
          issues("CI", "trigger"),
          issues("QA", "post"),
          issues("QA", "trigger"),
          issues("Production", "post"),
        ],
        jobs: [
          {
            name: "deploy-app-ci",
            max_in_flight: 1,
            plan: [
              { get: "base-image", trigger: true },
              { get: "settings", passed: ["build-settings"], trigger: true },
              { get: "infra-code", trigger: true },
              ...update("CI"),
            ],
            on_success: openIssue("CI", "promotion-to-qa"),
          },
          {
            name: "deploy-app-qa",
            max_in_flight: 1,
            plan: [
              { get: "base-image", passed: ["deploy-app-ci"], trigger: false },
              { get: "settings", passed: ["deploy-app-ci"], trigger: false },
              { get: "github-issues-ci-trigger", trigger: true },
              { get: "infra-code", passed: ["deploy-app-ci"], trigger: false },
              ...update("QA"),
            ],
            on_success: openIssue("QA", "promotion-to-production"),
          },
          {
            name: "deploy-app-production",
            max_in_flight: 1,
            plan: [
              { get: "base-image", passed: ["deploy-app-qa"], trigger: false },
              { get: "settings", passed: ["deploy-app-qa"], trigger: false },
              { get: "github-issues-qa-trigger", trigger: true },
              { get: "infra-code", passed: ["deploy-app-qa"], trigger: false },
              ...update("Production"),
            ],
            on_success: openIssue("Production", "finalized-deployment"),
          },
        ],
      },
    );
    expect(chain.firstJob).toBe(chain.jobs[0]);
    expect(chain.lastJob).toBe(chain.jobs[2]);
    expect(Object.keys(chain.jobsByStack)).toEqual(["CI", "QA", "Production"]);
    expect(chain.jobsByStack.QA).toBe(chain.jobs[1]);
  });

  test("without the issue gate: custom dependencies and post steps by index; production never triggers", () => {
    const chain = pulumiJobsChain({
      ...common,
      stackNames: ["QA", "Production"],
      enableGithubIssueResource: false,
      dependencies: [{ get: "base-image" }],
      customDependencies: { 1: [{ get: "approval", trigger: true }] },
      additionalPostSteps: { 0: [{ put: "announce" }] },
    });
    expect(chain.resources.map((r) => r.name)).toEqual(["pulumi-app"]);
    expect(chain.resource_types.map((r) => r.name)).toEqual(["github-issues", "pulumi-provisioner"]);
    expect(toConcourse(chain.jobs[0])).toEqual({
      name: "deploy-app-qa",
      max_in_flight: 1,
      plan: [
        { get: "base-image", trigger: true },
        { get: "infra-code", trigger: true },
        ...update("QA"),
        { put: "announce" },
      ],
    });
    expect(toConcourse(chain.jobs[1])).toEqual({
      name: "deploy-app-production",
      max_in_flight: 1,
      plan: [
        { get: "base-image", passed: ["deploy-app-qa"], trigger: false },
        { get: "approval", trigger: true },
        { get: "infra-code", passed: ["deploy-app-qa"], trigger: false },
        ...update("Production"),
      ],
    });
  });

  test("the issue gate needs a repository", () => {
    let error: unknown;
    try {
      pulumiJobsChain({ ...common, stackNames: ["CI"] });
    } catch (e) {
      error = e;
    }
    expect(isHangarError(error) && error.code).toBe("factories/missing-option");
  });
});
