import { expect, test } from "vitest";
import { isHangarError } from "../../model/errors.ts";
import { bumpVersionTask } from "./bump-version-task.ts";

test("bumpVersionTask defaults", () => {
  expect(bumpVersionTask()).toEqual({
    task: "bump-version",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: {
        type: "registry-image",
        source: { repository: "ghcr.io/mitodl/ol-concourse-task", tag: "latest" },
      },
      inputs: [{ name: "release" }, { name: "app-source" }],
      outputs: [{ name: "app-source" }],
      run: {
        path: "bash",
        args: [
          "-ec",
          [
            "VERSION=$(cat release/version)",
            "git -C app-source config user.email odl-devops@mit.edu",
            "git -C app-source config user.name CI",
            "cd app-source",
            'bumpver update --set-version "$VERSION" --no-commit --no-fetch',
          ].join("\n"),
        ],
      },
    },
  });
});

test("bumpVersionTask: a version file inside the repository is one input; values are shell-quoted", () => {
  const image = { type: "registry-image", source: { repository: "tools" } };
  expect(
    bumpVersionTask({
      versionFile: " app/VERSION ",
      repository: "app",
      gitUser: "Release Bot",
      gitEmail: "it's@x",
      image,
    }),
  ).toEqual({
    task: "bump-version",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: image,
      inputs: [{ name: "app" }],
      outputs: [{ name: "app" }],
      run: {
        path: "bash",
        args: [
          "-ec",
          [
            "VERSION=$(cat app/VERSION)",
            `git -C app config user.email 'it'"'"'s@x'`,
            "git -C app config user.name 'Release Bot'",
            "cd app",
            'bumpver update --set-version "$VERSION" --no-commit --no-fetch',
          ].join("\n"),
        ],
      },
    },
  });
});

test.each(["version", "/abs/version", "./release/version", "../release/version"])(
  "bumpVersionTask rejects %j",
  (file) => {
    let error: unknown;
    try {
      bumpVersionTask({ versionFile: file });
    } catch (e) {
      error = e;
    }
    expect(isHangarError(error) && error.code).toBe("factories/invalid-version-file");
  },
);
