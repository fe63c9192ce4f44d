import { describe, expect, test } from "vitest";
import * as factories from "./index.ts";

// What a caller past the types (JavaScript, casts) gets from every public factory for an options
// object of the wrong shape: one api/argument sentence naming the factory and the option, never
// JavaScript's own TypeError. The factories are read from the index, so a new one must be listed here.

const code = { name: "code", type: "git", source: { uri: "https://git.example.com/app.git" } };

/**
 * Each factory that takes options, with a valid call: `required` holds every required option (each is
 * left out and given a wrong value in turn), `with` options the call needs besides them.
 */
const CALLS: Record<string, { required: Record<string, unknown>; with?: Record<string, unknown> }> = {
  gitRepo: { required: { name: "app", uri: "https://git.example.com/app.git" } },
  sshGitRepo: { required: { name: "app", uri: "git@git.example.com:app.git", privateKey: "((key))" } },
  githubRelease: { required: { name: "rel", owner: "org", repository: "app" } },
  githubIssues: { required: { name: "issues", repository: "org/app", issuePrefix: "[bot]" } },
  githubDeployment: { required: { name: "deploy", repository: "org/app", environment: "QA" } },
  hashicorpRelease: { required: { name: "vault", project: "vault" } },
  amazonAmi: { required: { name: "ami", filters: { "tag:app": "web" } } },
  pulumiProvisioner: { required: { name: "pulumi", projectName: "app", projectPath: "code/src/app" } },
  pypi: { required: { name: "pkg", packageName: "pkg" } },
  schedule: { required: { name: "nightly" } },
  registryImage: { required: { name: "image", imageRepository: "org/app" } },
  slackNotification: { required: { name: "slack", url: "((slack.url))" } },
  s3Object: { required: { name: "obj", bucket: "bucket" } },
  gitSemver: { required: { name: "version", uri: "git@git.example.com:app.git", branch: "version", file: "version" } },
  releaseResource: { required: { name: "release", uri: "git@git.example.com:app.git" } },
  packerJobs: { required: { dependencies: [], imageCode: code } },
  pulumiJob: {
    required: { pulumiCode: code, stackName: "app.QA", projectName: "app", projectSourcePath: "src/app" },
  },
  pulumiJobsChain: {
    required: { pulumiCode: code, stackNames: ["CI", "QA"], projectName: "app", projectSourcePath: "src/app" },
    with: { enableGithubIssueResource: false },
  },
  metaPipeline: { required: { definitions: code, pipelines: [{ name: "app", script: "app.yml" }] } },
  hangarMetaPipeline: { required: { definitions: code, pipelines: ["pipelines/app.ts"] } },
  containerBuildTask: { required: { inputs: [{ name: "code" }], buildParameters: { CONTEXT: "code" } } },
  ensureEcrTask: { required: { ecrRepoName: "org/app" } },
  bumpVersionTask: { required: {} },
  instanceRefreshTask: { required: { filters: "Name=tag:app,Values=web", queries: "AutoScalingGroups[0]" } },
  blockForInstanceRefreshTask: {
    required: { filters: "Name=tag:app,Values=web", queries: "AutoScalingGroups[0]" },
  },
  notification: { required: { resource: "slack", title: "Failed", body: "See the build" } },
};

/** The resource-type factories, which take no options. */
const NO_OPTIONS = [
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
];

/** A factory as a caller past the types sees it. */
type Factory = (options?: unknown) => unknown;

const functions = (Object.entries(factories) as [string, unknown][]).filter(
  (entry): entry is [string, Factory] => typeof entry[1] === "function",
);

/** The message of what `call` throws, after checking that it is an api/argument HangarError. */
function argumentMessage(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toMatchObject({ name: "HangarError", code: "api/argument" });
    return (error as Error).message;
  }
  throw new Error("the call did not throw");
}

test("every public factory is listed, with options or as taking none", () => {
  expect(functions.map(([name]) => name).sort()).toEqual([...Object.keys(CALLS), ...NO_OPTIONS].sort());
  expect(functions).toHaveLength(39);
});

test("the factories that take no options take no parameter", () => {
  for (const name of NO_OPTIONS) {
    const factory = functions.find(([each]) => each === name)?.[1];
    expect(factory?.length, name).toBe(0);
    expect(factory?.(), name).toMatchObject({ type: "registry-image" });
  }
});

describe.each(Object.entries(CALLS))("%s", (name, { required, with: others = {} }) => {
  const factory = (factories as unknown as Record<string, Factory>)[name];
  if (factory === undefined) throw new Error(`${name} is not exported`);
  const valid = { ...required, ...others };
  const allOptional = Object.keys(required).length === 0;

  test("a valid call passes the check", () => {
    expect(() => factory(valid)).not.toThrow();
  });

  test.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "options"],
    ["a number", 42],
    ["an array", [valid]],
  ])("options as %s", (what, options) => {
    if (options === undefined && allOptional) {
      expect(factory(undefined)).toEqual(factory({}));
      return;
    }
    expect(argumentMessage(() => factory(options))).toMatch(
      new RegExp(`^${name}\\(\\): options must be an object, got ${what === "a number" ? "a number \\(42\\)" : what}`),
    );
  });

  // a factory whose options are all optional (bumpVersionTask) has no required option to leave out
  test.each(Object.keys(required).map((key) => [key]))("required option %s missing or of a wrong kind", (key) => {
    const { [key]: _left, ...without } = valid;
    expect(argumentMessage(() => factory(without))).toMatch(
      new RegExp(`^${name}\\(\\): option '${key}' must be (a|an) [a-z ]+, got undefined$`),
    );
    expect(argumentMessage(() => factory({ ...valid, [key]: 42 }))).toMatch(
      new RegExp(`^${name}\\(\\): option '${key}' must be (a|an) [a-z ]+, got a number \\(42\\)$`),
    );
  });
});

test("messages name what was expected", () => {
  const { gitRepo, notification, containerBuildTask, githubIssues } = factories;
  expect(argumentMessage(() => gitRepo({ name: "app", uri: 42 } as never))).toBe(
    "gitRepo(): option 'uri' must be a string, got a number (42)",
  );
  expect(argumentMessage(() => gitRepo({ name: "app", uri: "u", paths: ["src", 1] } as never))).toBe(
    "gitRepo(): option 'paths[1]' must be a string, got a number (1)",
  );
  expect(argumentMessage(() => gitRepo({ name: "app", uri: "u", fetchTags: "yes" } as never))).toBe(
    `gitRepo(): option 'fetchTags' must be a boolean, got a string ("yes")`,
  );
  expect(argumentMessage(() => notification({ resource: {}, title: "t", body: "b" } as never))).toBe(
    "notification(): option 'resource' must be a name or an object with a name, got an object",
  );
  expect(argumentMessage(() => notification({ resource: "", title: "t", body: "b" }))).toBe(
    `notification(): option 'resource' must be a name or an object with a name, got a string ("")`,
  );
  expect(argumentMessage(() => factories.packerJobs({ dependencies: [], imageCode: { ...code, name: "" } }))).toBe(
    "packerJobs(): option 'imageCode' must be an object with a name, got an object",
  );
  expect(argumentMessage(() => containerBuildTask({ inputs: [] } as never))).toBe(
    "containerBuildTask(): option 'buildParameters' must be an object or null, got undefined",
  );
  expect(argumentMessage(() => factories.packerJobs({ dependencies: [], imageCode: "code" } as never))).toBe(
    `packerJobs(): option 'imageCode' must be an object with a name, got a string ("code")`,
  );
  // null where the options allow it is not a wrong argument
  expect(() => containerBuildTask({ inputs: [], buildParameters: null })).not.toThrow();
  expect(() => githubIssues({ name: "i", repository: "o/a", issuePrefix: "p", ghHost: null })).not.toThrow();
});

// Every option typed as a union of string literals is checked at run time against the list its type is derived
// from, and the message names the values allowed.
test.each([
  [
    "githubIssues",
    () => factories.githubIssues({ name: "i", repository: "o/a", issuePrefix: "p", authMethod: "oauth" as never }),
    `githubIssues(): option 'authMethod' must be "token" or "app", got a string ("oauth")`,
  ],
  [
    "githubRelease",
    () => factories.githubRelease({ name: "r", owner: "o", repository: "a", orderBy: "date" as never }),
    `githubRelease(): option 'orderBy' must be "time" or "version", got a string ("date")`,
  ],
  [
    "releaseResource",
    () => factories.releaseResource({ name: "r", uri: "u", changelogStyle: "perRelease" as never }),
    `releaseResource(): option 'changelogStyle' must be "cumulative" or "per_release", got a string ("perRelease")`,
  ],
  [
    "metaPipeline",
    () => factories.metaPipeline({ definitions: code, pipelines: [], selfPosition: "middle" as never }),
    `metaPipeline(): option 'selfPosition' must be "first" or "last", got a string ("middle")`,
  ],
  [
    "notification",
    () => factories.notification({ resource: "slack", title: "t", body: "b", alertType: "fail" as never }),
    `notification(): option 'alertType' must be "default", "success", "failed", "errored", "aborted", "fixed", "broke" or "started", got a string ("fail")`,
  ],
])("%s checks its closed unions", (_, call, message) => {
  expect(argumentMessage(call)).toBe(message);
});

test("each value of a closed union is taken", () => {
  const { githubRelease, releaseResource, metaPipeline, notification } = factories;
  for (const orderBy of ["time", "version"] as const) {
    expect(githubRelease({ name: "r", owner: "o", repository: "a", orderBy }).source).toMatchObject({
      order_by: orderBy,
    });
  }
  for (const changelogStyle of ["cumulative", "per_release"] as const) {
    expect(releaseResource({ name: "r", uri: "u", changelogStyle }).source).toMatchObject({
      changelog_style: changelogStyle,
    });
  }
  for (const selfPosition of ["first", "last"] as const) {
    expect(() => metaPipeline({ definitions: code, pipelines: [], selfPosition })).not.toThrow();
  }
  for (const alertType of [
    "default",
    "success",
    "failed",
    "errored",
    "aborted",
    "fixed",
    "broke",
    "started",
  ] as const) {
    expect(notification({ resource: "slack", title: "t", body: "b", alertType }).params).toMatchObject({
      alert_type: alertType,
    });
  }
});
