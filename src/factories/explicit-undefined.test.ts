import { describe, expect, test } from "vitest";
import type { ImageResource } from "../model/task.ts";
import { hangarMetaPipeline } from "./jobs/hangar-meta-pipeline.ts";
import { metaPipeline } from "./jobs/meta-pipeline.ts";
import { packerJobs } from "./jobs/packer-jobs.ts";
import { pulumiJob } from "./jobs/pulumi-job.ts";
import { pulumiJobsChain } from "./jobs/pulumi-jobs-chain.ts";
import { notification } from "./notifications/notification.ts";
import { amazonAmi } from "./resources/amazon-ami.ts";
import { gitRepo, sshGitRepo } from "./resources/git-repo.ts";
import { gitSemver } from "./resources/git-semver.ts";
import { githubDeployment } from "./resources/github-deployment.ts";
import { githubIssues } from "./resources/github-issues.ts";
import { githubRelease } from "./resources/github-release.ts";
import { pypi } from "./resources/pypi.ts";
import { registryImage } from "./resources/registry-image.ts";
import { releaseResource } from "./resources/release-resource.ts";
import { s3Object } from "./resources/s3-object.ts";
import { schedule } from "./resources/schedule.ts";
import { get, inParallel, put, task, withModifiers } from "./steps.ts";
import { bumpVersionTask } from "./tasks/bump-version-task.ts";
import { containerBuildTask } from "./tasks/container-build-task.ts";
import { blockForInstanceRefreshTask } from "./tasks/instance-refresh-task.ts";

// A factory drops an option given as `undefined` as if it were left out, so that its options may be typed
// `prop?: T | undefined` for callers under `exactOptionalPropertyTypes` (a `string | undefined` variable passed on).

const code = gitRepo({ name: "code", uri: "https://git.example.com/app.git" });
const image: ImageResource = { type: "registry-image", source: { repository: "example/runner" } };
const pulumi = { pulumiCode: code, projectName: "app", projectSourcePath: "src/app" };

/** A factory, options it needs, and the optional ones, each given as `undefined` in turn. */
type Case = [name: string, call: (options: never) => unknown, base: Record<string, unknown>, optional: string[]];

const CASES: Case[] = [
  // resources
  [
    "gitRepo",
    gitRepo,
    { name: "c", uri: "u" },
    ["branch", "checkEvery", "paths", "depth", "fetchTags", "tagRegex", "overrides"],
  ],
  ["sshGitRepo", sshGitRepo, { name: "c", uri: "u", privateKey: "k" }, ["branch", "paths"]],
  [
    "registryImage",
    registryImage,
    { name: "i", imageRepository: "r" },
    ["imageTag", "variant", "tagRegex", "sortByCreation", "username", "password", "checkEvery", "ecrRegion"],
  ],
  [
    "gitSemver",
    gitSemver,
    { name: "v", uri: "u", branch: "b", file: "f" },
    [
      "privateKey",
      "username",
      "password",
      "gitUser",
      "depth",
      "skipSslVerification",
      "commitMessage",
      "initialVersion",
    ],
  ],
  [
    "githubIssues",
    githubIssues,
    { name: "i", repository: "o/a", issuePrefix: "p" },
    [
      "authMethod",
      "ghHost",
      "accessToken",
      "appId",
      "appInstallationId",
      "privateSshKey",
      "issueState",
      "labels",
      "assignees",
      "issueTitleTemplate",
      "issueBodyTemplate",
      "skipIfLabeled",
      "pollFrequency",
    ],
  ],
  [
    "githubRelease",
    githubRelease,
    { name: "r", owner: "o", repository: "a" },
    ["githubToken", "tagFilter", "orderBy", "checkFrequency"],
  ],
  [
    "githubDeployment",
    githubDeployment,
    { name: "d", repository: "o/a", environment: "QA" },
    ["accessToken", "ghHost"],
  ],
  [
    "releaseResource",
    releaseResource,
    { name: "r", uri: "u" },
    [
      "branch",
      "privateKey",
      "accessToken",
      "repository",
      "gitUserName",
      "gitUserEmail",
      "changelogStyle",
      "changelogFile",
      "changelogDir",
      "webhookToken",
    ],
  ],
  ["s3Object", s3Object, { name: "o", bucket: "b" }, ["objectPath", "objectRegex"]],
  ["schedule", schedule, { name: "s" }, ["interval", "start", "stop", "days"]],
  ["pypi", pypi, { name: "p", packageName: "pkg" }, ["username", "password", "checkEvery"]],
  ["amazonAmi", amazonAmi, { name: "a", filters: { name: "web-*" } }, ["region"]],
  // tasks and notifications
  ["bumpVersionTask", bumpVersionTask, {}, ["versionFile", "repository", "gitUser", "gitEmail", "image"]],
  [
    "blockForInstanceRefreshTask",
    blockForInstanceRefreshTask,
    { filters: "Name=tag:app", queries: "Reservations" },
    ["checkFreq"],
  ],
  [
    "containerBuildTask",
    containerBuildTask,
    { inputs: [{ name: "code" }], buildParameters: { CONTEXT: "code" } },
    ["buildArgs"],
  ],
  ["notification", notification, { resource: "slack", title: "t", body: "b" }, ["alertType"]],
  // jobs
  [
    "pulumiJob",
    pulumiJob,
    { ...pulumi, stackName: "app.CI" },
    ["dependencies", "additionalPostSteps", "previousJob", "additionalEnvVars", "envVarsFromFiles", "slackUrlPath"],
  ],
  [
    "pulumiJobsChain",
    pulumiJobsChain,
    { ...pulumi, stackNames: ["CI", "QA"], githubIssueRepository: "o/a" },
    [
      "enableGithubIssueResource",
      "customDependencies",
      "dependencies",
      "additionalPostSteps",
      "githubIssueAssignees",
      "githubIssueLabels",
      "additionalEnvVars",
      "envVarsFromFiles",
      "slackUrlPath",
    ],
  ],
  [
    "pulumiJobsChain without issues",
    pulumiJobsChain,
    { ...pulumi, stackNames: ["CI"], enableGithubIssueResource: false },
    ["githubIssueRepository"],
  ],
  [
    "packerJobs",
    packerJobs,
    { dependencies: [], imageCode: code },
    ["packerTemplatePath", "nodeTypes", "packerVars", "envVarsFromFiles", "extraPackerParams", "jobNameSuffix"],
  ],
  [
    "metaPipeline",
    metaPipeline,
    { definitions: code, pipelines: [{ name: "web", script: "ci/web.py" }] },
    ["self", "selfPosition", "render"],
  ],
  [
    "metaPipeline pipelines[0]",
    (o: Record<string, unknown>) => metaPipeline({ definitions: code, pipelines: [o as never] }),
    { name: "web", script: "ci/web.py" },
    ["args", "team", "jobName", "taskName", "inputs", "vars", "instanceVars"],
  ],
  [
    "metaPipeline render",
    (o: Record<string, unknown>) =>
      metaPipeline({ definitions: code, pipelines: [{ name: "w", script: "s" }], render: o as never }),
    { image },
    ["interpreter", "params", "user", "shell", "output", "file"],
  ],
  [
    "hangarMetaPipeline",
    hangarMetaPipeline,
    { definitions: code, pipelines: ["ci/app.ts"] },
    ["self", "image", "install", "output", "jobName", "selfJobName"],
  ],
  [
    "hangarMetaPipeline pipelines[0]",
    (o: Record<string, unknown>) => hangarMetaPipeline({ definitions: code, pipelines: [o as never] }),
    { entry: "ci/app.ts" },
    ["name", "team", "vars", "instanceVars"],
  ],
  // steps
  [
    "get",
    (o: Record<string, unknown>) => get(code, o),
    {},
    ["as", "passed", "trigger", "version", "params", "timeout", "attempts", "tags", "on_failure", "ensure"],
  ],
  [
    "put",
    (o: Record<string, unknown>) => put(code, o),
    {},
    ["as", "params", "inputs", "getParams", "noGet", "timeout", "on_success"],
  ],
  [
    "task",
    (o: Record<string, unknown>) => task("unit", o as never),
    { file: "code/ci/unit.yml" },
    ["config", "image", "params", "privileged", "vars", "input_mapping", "output_mapping", "timeout"],
  ],
  ["inParallel", inParallel as (o: never) => unknown, { steps: [get(code)] }, ["limit", "failFast"]],
  [
    "withModifiers",
    (o: Record<string, unknown>) => withModifiers(get(code), o),
    { attempts: 2 },
    ["timeout", "tags", "ensure"],
  ],
];

describe("an option given as undefined is the option left out", () => {
  const each = CASES.flatMap(([name, call, base, optional]) =>
    optional.map((key): [string, string, Case[1], Record<string, unknown>] => [name, key, call, base]),
  );
  test.each(each)("%s: %s", (_name, key, call, base) => {
    expect(call({ ...base, [key]: undefined } as never)).toStrictEqual(call(base as never));
  });

  test("withModifiers: an undefined modifier keeps the step's own", () => {
    const step = get(code, { timeout: "1h", attempts: 3 });
    expect(withModifiers(step, { timeout: undefined, attempts: 2 })).toStrictEqual({ ...step, attempts: 2 });
  });
});
