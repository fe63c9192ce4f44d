import { expect, test } from "vitest";
import { deepFreeze, snapshot } from "../../../test/helpers/deep-freeze.ts";
import { containerBuildTask } from "./container-build-task.ts";
import { ensureEcrTask } from "./ensure-ecr-task.ts";

test("containerBuildTask builds with oci-build-task into the image output", () => {
  const inputs = deepFreeze([{ name: "app-code" }, { name: "extras", path: "ctx/extras", optional: true }]);
  const before = snapshot(inputs);
  const step = containerBuildTask({ inputs, buildParameters: { CONTEXT: "app-code" } });
  expect(step).toEqual({
    task: "build-container-image",
    privileged: true,
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "concourse/oci-build-task" } },
      params: { CONTEXT: "app-code" },
      caches: [{ path: "cache" }],
      run: { path: "build", args: [] },
      inputs: [{ name: "app-code" }, { name: "extras", path: "ctx/extras", optional: true }],
      outputs: [{ name: "image" }],
    },
  });
  expect(inputs).toEqual(before);
});

test("containerBuildTask without params, with build arguments", () => {
  expect(containerBuildTask({ inputs: [], buildParameters: null, buildArgs: ["--build-arg", "X=1"] })).toEqual({
    task: "build-container-image",
    privileged: true,
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "concourse/oci-build-task" } },
      caches: [{ path: "cache" }],
      run: { path: "build", args: ["--build-arg", "X=1"] },
      inputs: [],
      outputs: [{ name: "image" }],
    },
  });
});

test("ensureEcrTask", () => {
  expect(ensureEcrTask({ ecrRepoName: "mitodl/app" })).toEqual({
    task: "ensure-ecr-repository",
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "amazon/aws-cli", tag: "latest" } },
      params: { REPO_NAME: "mitodl/app", AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "cat" },
      run: {
        path: "sh",
        args: [
          "-exc",
          `aws ecr describe-repositories --repository-names \${REPO_NAME} || aws ecr create-repository --repository-name \${REPO_NAME}`,
        ],
      },
    },
  });
});
