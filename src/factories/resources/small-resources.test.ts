import { expect, test } from "vitest";
import { toConcourse } from "../../render/to-concourse.ts";
import { amazonAmi } from "./amazon-ami.ts";
import { gitSemver } from "./git-semver.ts";
import { githubDeployment } from "./github-deployment.ts";
import { pulumiProvisioner } from "./pulumi-provisioner.ts";
import { pypi } from "./pypi.ts";
import { releaseResource } from "./release-resource.ts";
import { s3Object } from "./s3-object.ts";
import { schedule } from "./schedule.ts";
import { slackNotification } from "./slack-notification.ts";

test("githubDeployment is put-only", () => {
  expect(
    toConcourse(
      githubDeployment({ name: "rc", repository: "org/app", environment: "RC", ghHost: "https://ghe/api/v3" }),
    ),
  ).toEqual({
    name: "rc",
    type: "github-deployments",
    icon: "rocket-launch",
    check_every: "never",
    source: {
      repository: "org/app",
      environment: "RC",
      access_token: "((github.access_token))",
      gh_host: "https://ghe/api/v3",
    },
  });
});

test("amazonAmi", () => {
  expect(toConcourse(amazonAmi({ name: "ami", filters: { name: "web-*", "is-public": false } }))).toEqual({
    name: "ami",
    type: "amazon-ami",
    icon: "server",
    check_every: "30m",
    source: { region: "us-east-1", filters: { name: "web-*", "is-public": false } },
  });
});

test("pulumiProvisioner", () => {
  expect(
    toConcourse(pulumiProvisioner({ name: "pulumi-vpc", projectName: "vpc", projectPath: "code/src/vpc" })),
  ).toEqual({
    name: "pulumi-vpc",
    type: "pulumi-provisioner",
    icon: "cloud-braces",
    source: {
      env_pulumi: { AWS_SHARED_CREDENTIALS_FILE: "aws_creds/credentials" },
      action: "update",
      project_name: "vpc",
      source_dir: "code/src/vpc",
    },
  });
});

test("pypi", () => {
  expect(toConcourse(pypi({ name: "pkg", packageName: "my-pkg", checkEvery: "1h" }))).toEqual({
    name: "pkg",
    type: "pypi",
    icon: "language-python",
    check_every: "1h",
    source: {
      name: "my-pkg",
      packaging: "any",
      repository: { username: "((pypi_creds.username))", password: "((pypi_creds.password))" },
    },
  });
});

test("schedule leaves out what is not given", () => {
  expect(schedule({ name: "nightly", start: "02:00", stop: "03:00", days: ["Monday"] })).toEqual({
    name: "nightly",
    type: "time",
    icon: "clock",
    source: { start: "02:00", stop: "03:00", days: ["Monday"] },
  });
  expect(schedule({ name: "hourly", interval: "1h" }).source).toEqual({ interval: "1h" });
});

test("slackNotification", () => {
  expect(toConcourse(slackNotification({ name: "slack", url: "((slack.url))" }))).toEqual({
    name: "slack",
    type: "slack-notification",
    source: { url: "((slack.url))", disabled: false },
  });
});

test("s3Object", () => {
  expect(s3Object({ name: "artifact", bucket: "builds", objectRegex: "app-(.*).tgz" })).toEqual({
    name: "artifact",
    type: "s3",
    icon: "bucket",
    source: { bucket: "builds", regexp: "app-(.*).tgz", enable_aws_creds_provider: true },
  });
});

test("gitSemver", () => {
  expect(
    gitSemver({ name: "version", uri: "git@h:o/r.git", branch: "version", file: "v", privateKey: "((k))", depth: 1 }),
  ).toEqual({
    name: "version",
    type: "semver",
    icon: "version",
    source: {
      initial_version: "0.0.0",
      driver: "git",
      uri: "git@h:o/r.git",
      branch: "version",
      file: "v",
      private_key: "((k))",
      depth: 1,
      skip_ssl_verification: false,
    },
  });
});

test("releaseResource: defaults, and the webhook token on the resource", () => {
  expect(toConcourse(releaseResource({ name: "rel", uri: "git@h:o/r.git" }))).toEqual({
    name: "rel",
    type: "release",
    icon: "tag",
    check_every: "never",
    source: {
      uri: "git@h:o/r.git",
      branch: "main",
      git_user_name: "Concourse CI",
      git_user_email: "concourse@example.com",
      changelog_file: "CHANGELOG.md",
      changelog_dir: "releases",
    },
  });
  expect(
    toConcourse(
      releaseResource({
        name: "rel",
        uri: "u",
        privateKey: "k",
        accessToken: "t",
        repository: "o/r",
        changelogStyle: "per_release",
        webhookToken: "((w))",
      }),
    ),
  ).toEqual({
    name: "rel",
    type: "release",
    icon: "tag",
    check_every: "never",
    webhook_token: "((w))",
    source: {
      uri: "u",
      branch: "main",
      git_user_name: "Concourse CI",
      git_user_email: "concourse@example.com",
      changelog_file: "CHANGELOG.md",
      changelog_dir: "releases",
      private_key: "k",
      access_token: "t",
      repository: "o/r",
      changelog_style: "per_release",
    },
  });
});
