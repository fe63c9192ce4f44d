import { expect, expectTypeOf, test } from "vitest";
import * as hangar from "../index.ts";
import { gitRepo } from "./resources/git-repo.ts";

const FACTORIES = [
  "gitRepo",
  "sshGitRepo",
  "githubRelease",
  "githubIssues",
  "githubDeployment",
  "hashicorpRelease",
  "amazonAmi",
  "pulumiProvisioner",
  "pypi",
  "schedule",
  "registryImage",
  "slackNotification",
  "s3Object",
  "gitSemver",
  "releaseResource",
  "semverResource",
  "githubIssuesResource",
  "githubDeploymentsResource",
  "releaseResourceType",
  "hashicorpResource",
  "rclone",
  "packerValidate",
  "packerBuild",
  "amiResource",
  "s3Sync",
  "pypiResource",
  "pulumiProvisionerResource",
  "slackNotificationResource",
  "packerJobs",
  "pulumiJob",
  "pulumiJobsChain",
  "containerBuildTask",
  "ensureEcrTask",
  "bumpVersionTask",
  "instanceRefreshTask",
  "blockForInstanceRefreshTask",
  "notification",
] as const;

test("every factory is exported from the package root as a function", () => {
  const exported = hangar as unknown as Record<string, unknown>;
  expect(FACTORIES.filter((name) => typeof exported[name] !== "function")).toEqual([]);
  expect([hangar.REGISTRY_IMAGE, hangar.GH_ISSUES_DEFAULT_REPOSITORY, hangar.TASK_IMAGE]).toEqual([
    "registry-image",
    "ol-platform-eng/concourse-workflow",
    { type: "registry-image", source: { repository: "ghcr.io/mitodl/ol-concourse-task", tag: "latest" } },
  ]);
});

test("options are checked: unknown and snake_case keys do not compile", () => {
  // @ts-expect-error snake_case is the Python spelling, not an option
  gitRepo({ name: "a", uri: "u", check_every: "1m" });
  // @ts-expect-error a required option is missing (and, past the types, the call throws)
  expect(() => gitRepo({ name: "a" })).toThrow("gitRepo(): option 'uri' must be a string, got undefined");
  expectTypeOf(gitRepo).parameter(0).toHaveProperty("checkEvery");
});
