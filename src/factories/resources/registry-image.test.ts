import { expect, test } from "vitest";
import { registryImage } from "./registry-image.ts";

test("registryImage tracks latest by default", () => {
  expect(registryImage({ name: "app-image", imageRepository: "mitodl/app" })).toEqual({
    name: "app-image",
    type: "registry-image",
    source: { repository: "mitodl/app", tag: "latest" },
  });
});

test("registryImage with every option", () => {
  expect(
    registryImage({
      name: "app-image",
      imageRepository: "610119931565.dkr.ecr.us-east-1.amazonaws.com/app",
      imageTag: null,
      variant: "alpine",
      tagRegex: "^3\\.",
      sortByCreation: false,
      username: "((user))",
      password: "((pass))",
      checkEvery: "never",
      ecrRegion: "us-east-1",
    }),
  ).toEqual({
    name: "app-image",
    type: "registry-image",
    check_every: "never",
    source: {
      repository: "610119931565.dkr.ecr.us-east-1.amazonaws.com/app",
      username: "((user))",
      password: "((pass))",
      variant: "alpine",
      tag_regex: "^3\\.",
      created_at_sort: false,
      aws_region: "us-east-1",
    },
  });
});

test("registryImage ignores a username without a password", () => {
  expect(registryImage({ name: "i", imageRepository: "r", imageTag: "1", username: "u" }).source).toEqual({
    repository: "r",
    tag: "1",
  });
});
