import { expect, test } from "vitest";
import { githubRelease } from "./github-release.ts";

test("githubRelease: final releases with the default token, checked daily", () => {
  expect(githubRelease({ name: "vault-rel", owner: "hashicorp", repository: "vault" })).toEqual({
    name: "vault-rel",
    type: "github-release",
    icon: "github",
    check_every: "24h",
    source: {
      repository: "vault",
      owner: "hashicorp",
      release: true,
      access_token: "((github.public_repo_access_token))",
    },
  });
});

test("githubRelease: an empty token is left out; filter and order are set", () => {
  expect(
    githubRelease({
      name: "tool",
      owner: "org",
      repository: "tool",
      githubToken: "",
      tagFilter: "^v(.*)$",
      orderBy: "time",
      checkFrequency: "1h",
    }),
  ).toEqual({
    name: "tool",
    type: "github-release",
    icon: "github",
    check_every: "1h",
    source: { repository: "tool", owner: "org", release: true, tag_filter: "^v(.*)$", order_by: "time" },
  });
});
