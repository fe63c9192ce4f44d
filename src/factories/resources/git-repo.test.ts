import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../../test/helpers/deep-freeze.ts";
import { gitRepo, sshGitRepo } from "./git-repo.ts";
import { posixPath } from "./posix-path.ts";

describe("gitRepo", () => {
  test("defaults: main branch, checked every minute, tags not fetched", () => {
    expect(gitRepo({ name: "app-code", uri: "https://github.com/org/app" })).toEqual({
      name: "app-code",
      type: "git",
      icon: "git",
      check_every: "60s",
      source: { uri: "https://github.com/org/app", branch: "main", fetch_tags: false },
    });
  });

  test("every option, with paths in normal form", () => {
    const options = deepFreeze({
      name: "app-code",
      uri: "git@github.com:org/app.git",
      branch: "release",
      checkEvery: "5m",
      paths: ["src/app/", "./docs/./api", "a/../b"],
      depth: 3,
      fetchTags: true,
      tagRegex: "^v[0-9.]+$",
      overrides: { webhook_token: "((webhook))", public: true },
    });
    expect(gitRepo(options)).toEqual({
      name: "app-code",
      type: "git",
      icon: "git",
      check_every: "5m",
      source: {
        uri: "git@github.com:org/app.git",
        branch: "release",
        paths: ["src/app", "docs/api", "a/../b"],
        fetch_tags: true,
        tag_regex: "^v[0-9.]+$",
        version_depth: 3,
      },
      webhook_token: "((webhook))",
      public: true,
    });
    expect(gitRepo(options)).toEqual(gitRepo(options));
  });
});

test("sshGitRepo sets the private key and no check interval", () => {
  expect(
    sshGitRepo({ name: "course", uri: "git@github.com:org/course.git", privateKey: "((key))", paths: ["nb/"] }),
  ).toEqual({
    name: "course",
    type: "git",
    icon: "git",
    source: {
      uri: "git@github.com:org/course.git",
      branch: "main",
      paths: ["nb"],
      private_key: "((key))",
      fetch_tags: false,
    },
  });
});

test.each([
  ["src/", "src"],
  ["./a/./b", "a/b"],
  ["a//b", "a/b"],
  ["//x", "//x"],
  ["///y", "/y"],
  ["/abs/p/", "/abs/p"],
  ["a/../b", "a/../b"],
  ["", "."],
  [".", "."],
])("posixPath(%j) is %j", (input, normal) => {
  expect(posixPath(input)).toBe(normal);
});

test("gitRepo: an empty name and a depth that is not a finite number are api/argument errors", () => {
  expect(() => gitRepo({ name: "", uri: "https://git.example.com/app.git" })).toThrow(
    `gitRepo(): option 'name' must be a non-empty string, got a string ("")`,
  );
  expect(() => gitRepo({ name: "app", uri: "https://git.example.com/app.git", depth: Number.NaN })).toThrow(
    "gitRepo(): option 'depth' must be a finite number, got a number (NaN)",
  );
});
