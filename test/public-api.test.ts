import { describe, expect, test } from "vitest";

// The public API, listed on purpose: a change here is a change of the package's contract.
describe("public exports", () => {
  test("hangar", async () => {
    expect(Object.keys(await import("../src/index.ts")).sort()).toEqual([
      "FragmentConflictError",
      "GH_ISSUES_DEFAULT_REPOSITORY",
      "HOOK_KEYS",
      "HangarError",
      "MODIFIER_KEYS",
      "NODE_IMAGE",
      "REGISTRY_IMAGE",
      "STEP_KINDS",
      "TASK_IMAGE",
      "amazonAmi",
      "amiResource",
      "blockForInstanceRefreshTask",
      "bumpVersionTask",
      "compact",
      "containerBuildTask",
      "doSteps",
      "ensureEcrTask",
      "flyCommand",
      "formatPath",
      "fragment",
      "get",
      "gitRepo",
      "gitSemver",
      "githubDeployment",
      "githubDeploymentsResource",
      "githubIssues",
      "githubIssuesResource",
      "githubRelease",
      "hangarMetaPipeline",
      "hashicorpRelease",
      "hashicorpResource",
      "inParallel",
      "inParallelSteps",
      "instanceRefreshTask",
      "isHangarError",
      "isStepKind",
      "mergeFragments",
      "metaPipeline",
      "nameOf",
      "notification",
      "packerBuild",
      "packerJobs",
      "packerValidate",
      "pipeline",
      "pulumiJob",
      "pulumiJobsChain",
      "pulumiProvisioner",
      "pulumiProvisionerResource",
      "put",
      "pypi",
      "pypiResource",
      "rclone",
      "registryImage",
      "releaseResource",
      "releaseResourceType",
      "renderJson",
      "renderYaml",
      "s3Object",
      "s3Sync",
      "schedule",
      "semverResource",
      "shellQuote",
      "slackNotification",
      "slackNotificationResource",
      "sshGitRepo",
      "stepKind",
      "stepKindOrUndefined",
      "task",
      "toConcourse",
      "tryStep",
      "walkPipelineSteps",
      "walkStep",
      "walkSteps",
      "withModifiers",
    ]);
  });

  test("hangar/validate", async () => {
    expect(Object.keys(await import("../src/validate/index.ts")).sort()).toEqual([
      "OUTPUT_FORMATS",
      "concourseContext",
      "defineRule",
      "flyLine",
      "formatResults",
      "hasErrors",
      "parsePipeline",
      "rules",
      "toJson",
      "validate",
      "validateText",
      "validateValue",
    ]);
  });

  test("hangar/script", async () => {
    expect(Object.keys(await import("../src/cli/script.ts")).sort()).toEqual([
      "LoadError",
      "loadPipelineModule",
      "runIfMain",
    ]);
  });

  test("the package resolves its own subpaths", async () => {
    const [root, validate, script] = await Promise.all([
      import("hangar"),
      import("hangar/validate"),
      import("hangar/script"),
    ]);
    expect(typeof root.pipeline).toBe("function");
    expect(typeof validate.validateText).toBe("function");
    expect(typeof script.runIfMain).toBe("function");
  });
});
