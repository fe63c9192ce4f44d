import { expect, test } from "vitest";
import { toConcourse } from "../../render/to-concourse.ts";
import { githubIssues } from "./github-issues.ts";

test("githubIssues: token auth on the default host, closed issues, hourly", () => {
  expect(toConcourse(githubIssues({ name: "gate", repository: "org/workflow", issuePrefix: "[bot] Deploy" }))).toEqual({
    name: "gate",
    type: "github-issues",
    icon: "github",
    check_every: "60m",
    expose_build_created_by: true,
    source: {
      auth_method: "token",
      issue_prefix: "[bot] Deploy",
      issue_state: "closed",
      repository: "org/workflow",
      gh_host: "https://github.mit.edu/api/v3",
      access_token: "((github.issues_resource_access_token))",
    },
  });
});

test("githubIssues: app auth on github.com with every filter", () => {
  expect(
    toConcourse(
      githubIssues({
        name: "gate",
        repository: "org/workflow",
        issuePrefix: "[bot]",
        authMethod: "app",
        ghHost: null,
        appId: "12",
        appInstallationId: "34",
        privateSshKey: "((app.key))",
        issueState: "open",
        labels: ["deploy"],
        assignees: ["alice"],
        issueTitleTemplate: "[bot] done",
        issueBodyTemplate: "body",
        skipIfLabeled: ["abandoned"],
        pollFrequency: "15m",
      }),
    ),
  ).toEqual({
    name: "gate",
    type: "github-issues",
    icon: "github",
    check_every: "15m",
    expose_build_created_by: true,
    source: {
      auth_method: "app",
      assignees: ["alice"],
      issue_body_template: "body",
      issue_prefix: "[bot]",
      issue_state: "open",
      issue_title_template: "[bot] done",
      labels: ["deploy"],
      repository: "org/workflow",
      skip_if_labeled: ["abandoned"],
      app_id: "12",
      app_installation_id: "34",
      private_ssh_key: "((app.key))",
    },
  });
});

test("githubIssues: an authMethod or issueState outside its choices is an api/argument error, not the other branch", () => {
  const required = { name: "gate", repository: "org/workflow", issuePrefix: "[bot]" };
  expect(() => githubIssues({ ...required, authMethod: "Token" as never })).toThrow(
    expect.objectContaining({
      code: "api/argument",
      message: `githubIssues(): option 'authMethod' must be "token" or "app", got a string ("Token")`,
    }),
  );
  expect(() => githubIssues({ ...required, issueState: "opened" as never })).toThrow(
    `githubIssues(): option 'issueState' must be "open" or "closed", got a string ("opened")`,
  );
});
