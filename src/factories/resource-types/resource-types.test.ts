import { expect, test } from "vitest";
import { amiResource } from "./amazon-ami.ts";
import { githubDeploymentsResource } from "./github-deployments.ts";
import { githubIssuesResource } from "./github-issues.ts";
import { hashicorpResource } from "./hashicorp-release.ts";
import { packerBuild, packerValidate } from "./packer.ts";
import { pulumiProvisionerResource } from "./pulumi-provisioner.ts";
import { pypiResource } from "./pypi.ts";
import { rclone } from "./rclone.ts";
import { releaseResourceType } from "./release.ts";
import { s3Sync } from "./s3-sync.ts";
import { semverResource } from "./semver.ts";
import { slackNotificationResource } from "./slack-notification.ts";

test.each([
  [semverResource, "semver", "concourse/semver-resource", "latest"],
  [githubIssuesResource, "github-issues", "mitodl/concourse-github-issues-resource", "latest"],
  [githubDeploymentsResource, "github-deployments", "mitodl/concourse-github-deployments-resource", "latest"],
  [releaseResourceType, "release", "mitodl/concourse-release-resource", "latest"],
  [hashicorpResource, "hashicorp-release", "mitodl/hashicorp-release-resource", "latest"],
  [rclone, "rclone", "mitodl/concourse-rclone-resource", "latest"],
  [packerValidate, "packer-validator", "mitodl/concourse-packer-resource", "latest"],
  [packerBuild, "packer-builder", "mitodl/concourse-packer-resource-builder", "latest"],
  [amiResource, "amazon-ami", "jdub/ami-resource", "latest"],
  [s3Sync, "s3-sync", "mitodl/concourse-s3-sync-resource", "latest"],
  [pypiResource, "pypi", "cfplatformeng/concourse-pypi-resource", "latest"],
  [pulumiProvisionerResource, "pulumi-provisioner", "mitodl/concourse-pulumi-resource-provisioner", "latest"],
  [slackNotificationResource, "slack-notification", "arbourd/concourse-slack-alert-resource", "v0.15.0"],
])("%o defines %s from %s:%s", (factory, name, repository, tag) => {
  expect(factory()).toEqual({ name, type: "registry-image", source: { repository, tag } });
  expect(factory()).not.toBe(factory());
});
